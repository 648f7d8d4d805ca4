package kis.cluster;

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
 * A test strategy that keeps one buy limit order at a fixed {@code price} working: every
 * {@code every} trades without an open order it asks for another. Priced well under the market it
 * rests (the kill switch has something to cancel); priced outside the day's band it is denied.
 */
public final class FixedLimitBuyer implements Strategy {
  private final Symbol symbol;
  private final long price;
  private final int every;
  private int seen;

  FixedLimitBuyer(Symbol symbol, long price, int every) {
    this.symbol = symbol;
    this.price = price;
    this.every = every;
  }

  public static FixedLimitBuyer fromConfig(Config p) {
    return new FixedLimitBuyer(Symbol.of(p.getString("symbol")), p.getLong("price"),
        p.hasPath("every") ? p.getInt("every") : 2);
  }

  @Override
  public Set<Symbol> symbols() {
    return Set.of(symbol);
  }

  @Override
  public List<Intent> onEvent(StrategyEvent event, StrategyContext ctx) {
    if (!(event instanceof Trade t) || !t.symbol().equals(symbol) || ctx.hasOpenOrders(symbol) || ++seen < every) {
      return List.of();
    }
    seen = 0;
    return List.of(Intent.buyLimit(symbol, 1, price, "rest a bid"));
  }
}
