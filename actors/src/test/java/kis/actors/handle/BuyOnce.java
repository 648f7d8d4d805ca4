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
 * A contract-test strategy that buys {@code quantity} shares at the market and then holds them
 * (a denied buy, before the connection is live, is asked again on the next trade): a position a
 * fresh start must refuse to drop unless handed over.
 */
public final class BuyOnce implements Strategy {
  private final Symbol symbol;
  private final long quantity;

  private BuyOnce(Symbol symbol, long quantity) {
    this.symbol = symbol;
    this.quantity = quantity;
  }

  public static BuyOnce fromConfig(Config p) {
    return new BuyOnce(Symbol.of(p.getString("symbol")), p.getLong("quantity"));
  }

  @Override
  public Set<Symbol> symbols() {
    return Set.of(symbol);
  }

  @Override
  public List<Intent> onEvent(StrategyEvent event, StrategyContext ctx) {
    if (!(event instanceof Trade t) || !t.symbol().equals(symbol) || ctx.hasOpenOrders(symbol)
        || ctx.position(symbol).quantity() != 0) {
      return List.of();
    }
    return List.of(Intent.buyMarket(symbol, quantity, "buy once and hold"));
  }
}
