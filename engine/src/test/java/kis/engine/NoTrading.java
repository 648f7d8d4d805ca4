package kis.engine;

import com.typesafe.config.Config;
import java.util.List;
import java.util.Set;
import kis.journal.Symbol;
import kis.strategies.Intent;
import kis.strategies.Strategy;
import kis.strategies.StrategyContext;
import kis.strategies.event.StrategyEvent;

/**
 * A strategy that watches one symbol and never orders: an agent's journal kept, its trading
 * stopped (config type {@code kis.engine.NoTrading}, param {@code symbol}).
 */
public final class NoTrading implements Strategy {
  private final Symbol symbol;

  public NoTrading(Symbol symbol) {
    this.symbol = symbol;
  }

  public static NoTrading fromConfig(Config params) {
    return new NoTrading(Symbol.of(params.getString("symbol")));
  }

  @Override
  public Set<Symbol> symbols() {
    return Set.of(symbol);
  }

  @Override
  public List<Intent> onEvent(StrategyEvent event, StrategyContext ctx) {
    return List.of();
  }
}
