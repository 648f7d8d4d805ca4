package kis.actors.live;

import com.typesafe.config.Config;
import java.util.List;
import java.util.Set;
import kis.journal.Symbol;
import kis.strategies.Intent;
import kis.strategies.Strategy;
import kis.strategies.StrategyContext;
import kis.strategies.event.StrategyEvent;
import kis.strategies.event.Trade;

/**
 * A demo strategy that trades visibly on kis-sim: when flat, buy {@code quantity} at market; after
 * {@code hold-trades} more trades, sell them at market; repeat. It has no edge and is not meant to;
 * it exercises the whole order path (config type {@code kis.actors.live.DemoRoundTrip}).
 */
public final class DemoRoundTrip implements Strategy {
  private final Symbol symbol;
  private final long quantity;
  private final int holdTrades;
  private int tradesSeen;

  public DemoRoundTrip(Symbol symbol, long quantity, int holdTrades) {
    if (quantity < 1 || holdTrades < 1) {
      throw new IllegalArgumentException("quantity and hold-trades must be positive");
    }
    this.symbol = symbol;
    this.quantity = quantity;
    this.holdTrades = holdTrades;
  }

  /** Params: {@code symbol}, {@code quantity}, {@code hold-trades} (default 10). */
  public static DemoRoundTrip fromConfig(Config params) {
    return new DemoRoundTrip(Symbol.of(params.getString("symbol")), params.getLong("quantity"),
        params.hasPath("hold-trades") ? params.getInt("hold-trades") : 10);
  }

  @Override
  public Set<Symbol> symbols() {
    return Set.of(symbol);
  }

  @Override
  public List<Intent> onEvent(StrategyEvent event, StrategyContext ctx) {
    if (!(event instanceof Trade t) || !t.symbol().equals(symbol) || ctx.hasOpenOrders(symbol)) {
      return List.of();
    }
    tradesSeen++;
    long held = ctx.position(symbol).quantity();
    if (held == 0) {
      tradesSeen = 0;
      return List.of(Intent.buyMarket(symbol, quantity, "round trip: enter"));
    }
    if (tradesSeen >= holdTrades && ctx.sellableQuantity(symbol) > 0) {
      return List.of(Intent.sellMarket(symbol, ctx.sellableQuantity(symbol), "round trip: exit"));
    }
    return List.of();
  }
}
