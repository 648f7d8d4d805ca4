package kis.engine.backtest;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import kis.journal.Symbol;
import kis.strategies.Intent;
import kis.strategies.Strategy;
import kis.strategies.StrategyContext;
import kis.strategies.event.Bar;
import kis.strategies.event.StrategyEvent;

/** A strategy whose answers the test writes inline; it records every event it was given. */
final class Scripted implements Strategy {
  static final Symbol S = Symbol.of("005930");
  static final LocalDate D1 = LocalDate.of(2026, 3, 2);
  final List<StrategyEvent> seen = new ArrayList<>();
  final List<StrategyContext> contexts = new ArrayList<>();
  private final BiFunction<StrategyEvent, StrategyContext, List<Intent>> script;

  Scripted(BiFunction<StrategyEvent, StrategyContext, List<Intent>> script) {
    this.script = script;
  }

  @Override
  public Set<Symbol> symbols() {
    return Set.of(S);
  }

  @Override
  public List<Intent> onEvent(StrategyEvent event, StrategyContext ctx) {
    seen.add(event);
    contexts.add(ctx);
    return script.apply(event, ctx);
  }

  /** The {@code i}-th minute bar of day {@code day} (0 = {@link #D1}). */
  static Bar bar(int day, int i, long open, long high, long low, long close, long volume) {
    return new Bar(S, CsvMarketData.kst(D1.plusDays(day).atTime(LocalTime.of(9, 1).plusMinutes(i))), Bar.MINUTE, open,
        high, low, close, volume);
  }

  static boolean isBar(StrategyEvent e, int i) {
    return e instanceof Bar b && b.time().equals(bar(0, i, 1, 1, 1, 1, 0).time());
  }
}
