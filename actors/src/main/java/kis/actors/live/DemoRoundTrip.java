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
 * A demo strategy that trades visibly on kis-sim: every {@code hold-trades} trades it buys
 * {@code quantity} at market when flat, or sells what it holds at market; repeat. It has no edge and is not meant to;
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
    // Count trades since the last decision; enter and exit only after hold-trades of them, so the
    // same order is never repeated within the risk guard's duplicate window.
    tradesSeen++;
    if (tradesSeen < holdTrades) {
      return List.of();
    }
    tradesSeen = 0;
    if (ctx.position(symbol).quantity() == 0) {
      return List.of(Intent.buyMarket(symbol, quantity, "round trip: enter"));
    }
    long sellable = ctx.sellableQuantity(symbol);
    return sellable > 0 ? List.of(Intent.sellMarket(symbol, sellable, "round trip: exit")) : List.of();
  }
}
