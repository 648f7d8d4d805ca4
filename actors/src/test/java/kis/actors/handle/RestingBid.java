package kis.actors.handle;

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
 * A contract-test strategy that keeps one buy limit order at {@code price} (well under the market)
 * working: whenever it has none, the next trade of its symbol asks for another. Something for a
 * cancel or the kill switch to cancel, and a new order soon after a pause or the kill switch lifts.
 */
public final class RestingBid implements Strategy {
  private final Symbol symbol;
  private final long price;

  private RestingBid(Symbol symbol, long price) {
    this.symbol = symbol;
    this.price = price;
  }

  public static RestingBid fromConfig(Config p) {
    return new RestingBid(Symbol.of(p.getString("symbol")), p.getLong("price"));
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
    return List.of(Intent.buyLimit(symbol, 1, price, "rest a bid"));
  }
}
