package kis.actors.manager;

import com.typesafe.config.Config;
import java.util.List;
import java.util.Set;
import kis.journal.Symbol;
import kis.strategies.Intent;
import kis.strategies.Strategy;
import kis.strategies.StrategyContext;
import kis.strategies.event.StrategyEvent;
import kis.strategies.event.Trade;

/** Test strategy: one limit buy at the first trade's price, nothing else. */
public final class BuyOnce implements Strategy {
  private final Symbol symbol;
  private final long quantity;

  BuyOnce(Symbol symbol, long quantity) {
    this.symbol = symbol;
    this.quantity = quantity;
  }

  public static BuyOnce fromConfig(Config params) {
    return new BuyOnce(Symbol.of(params.getString("symbol")), params.getLong("quantity"));
  }

  @Override
  public Set<Symbol> symbols() {
    return Set.of(symbol);
  }

  @Override
  public List<Intent> onEvent(StrategyEvent event, StrategyContext ctx) {
    if (event instanceof Trade t && t.symbol().equals(symbol) && ctx.state().nextOrderSeq() == 1) {
      return List.of(Intent.buyLimit(symbol, quantity, t.price(), "buy once"));
    }
    return List.of();
  }
}
