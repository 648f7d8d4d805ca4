package kis.compat;

import com.typesafe.config.Config;
import java.util.List;
import java.util.Set;
import kis.journal.Symbol;
import kis.strategies.Intent;
import kis.strategies.Strategy;
import kis.strategies.StrategyContext;
import kis.strategies.event.StrategyEvent;

/**
 * A strategy that watches one symbol and never acts (config type {@code kis.compat.HandsOff},
 * param {@code symbol}): the fixture writer places, revises and cancels its agents' orders itself,
 * so what the journal holds is exactly the script and nothing a strategy added.
 */
public final class HandsOff implements Strategy {
  private final Symbol symbol;

  public HandsOff(Symbol symbol) {
    this.symbol = symbol;
  }

  public static HandsOff fromConfig(Config params) {
    return new HandsOff(Symbol.of(params.getString("symbol")));
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
