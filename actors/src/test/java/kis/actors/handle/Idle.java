package kis.actors.handle;

import com.typesafe.config.Config;
import java.util.List;
import java.util.Set;
import kis.journal.Symbol;
import kis.strategies.Intent;
import kis.strategies.Strategy;
import kis.strategies.StrategyContext;
import kis.strategies.event.StrategyEvent;

/**
 * A contract-test strategy that follows its symbol and places nothing: its agent's orders are the
 * ones a test places directly, so no other case's controls (a day roll, a kill switch) touch them.
 */
public final class Idle implements Strategy {
  private final Symbol symbol;

  private Idle(Symbol symbol) {
    this.symbol = symbol;
  }

  public static Idle fromConfig(Config p) {
    return new Idle(Symbol.of(p.getString("symbol")));
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
