package kis.cluster;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import kis.journal.Symbol;
import kis.strategies.Intent;
import kis.strategies.Strategy;
import kis.strategies.StrategyContext;
import kis.strategies.event.SessionOpened;
import kis.strategies.event.StrategyEvent;
import kis.strategies.event.TimerFired;

/**
 * A test strategy that wants to trade on a timer, market data or not: every {@code every-ms} it
 * buys one share at market when flat and sells it when long. With no market data while the
 * websocket is down, its intents are what the connection gate must deny.
 */
public final class TimerTrader implements Strategy {
  private final Symbol symbol;
  private final Duration every;

  TimerTrader(Symbol symbol, Duration every) {
    this.symbol = symbol;
    this.every = every;
  }

  public static TimerTrader fromConfig(Config params) {
    return new TimerTrader(Symbol.of(params.getString("symbol")), Duration.ofMillis(params.getLong("every-ms")));
  }

  @Override
  public Set<Symbol> symbols() {
    return Set.of(symbol);
  }

  @Override
  public List<Intent> onEvent(StrategyEvent event, StrategyContext ctx) {
    if (event instanceof SessionOpened) {
      return List.of(new Intent.SetTimer("t", ctx.now().plus(every)));
    }
    if (!(event instanceof TimerFired)) {
      return List.of();
    }
    Intent next = new Intent.SetTimer("t", ctx.now().plus(every));
    if (ctx.hasOpenOrders(symbol)) {
      return List.of(next);
    }
    long held = ctx.sellableQuantity(symbol);
    return List.of(next, held > 0 ? Intent.sellMarket(symbol, held, "timer: exit")
        : Intent.buyMarket(symbol, 1, "timer: enter"));
  }
}
