package kis.strategies;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import kis.journal.Symbol;
import kis.strategies.event.Bar;
import kis.strategies.event.StrategyEvent;
import kis.strategies.event.Trade;
import kis.strategies.indicator.MinuteBars;

/**
 * Feeds a bar strategy ({@link Strategy#consumesBars()}) one-minute bars built from the trades it
 * receives: the one place where trades become bars, used by the live strategy host and by the
 * backtest over trade prints alike, so both hand the strategy the same bars from the same prints.
 *
 * <p>A trade goes to the strategy first; if it completed the bar of an earlier minute
 * ({@link MinuteBars}: a bar ends when a trade of a later minute arrives), that bar goes next, and
 * the two answers are returned together. A symbol whose feed delivers minute bars of its own is not
 * built for (that would count its volume twice): the caller names such symbols up front, and a
 * minute bar arriving for a symbol stops the building for it from then on.
 */
public final class BarsFromTrades implements Strategy {
  private final Strategy inner;
  private final Predicate<Symbol> buildFor;
  private final Map<Symbol, MinuteBars> builders = new HashMap<>();
  private final Set<Symbol> fedBars = new HashSet<>();

  private BarsFromTrades(Strategy inner, Predicate<Symbol> buildFor) {
    this.inner = inner;
    this.buildFor = buildFor;
  }

  /** {@code strategy} fed bars built from the trades of every symbol, if it consumes bars; else itself. */
  public static Strategy around(Strategy strategy) {
    return around(strategy, s -> true);
  }

  /**
   * {@code strategy} fed bars built from the trades of the symbols {@code buildFor} accepts (those
   * whose feed has no minute bars), if it consumes bars; else {@code strategy} itself.
   */
  public static Strategy around(Strategy strategy, Predicate<Symbol> buildFor) {
    if (strategy instanceof BarsFromTrades || !strategy.consumesBars()) {
      return strategy;
    }
    return new BarsFromTrades(strategy, buildFor);
  }

  /**
   * The warning for a strategy configuration that still sets the deprecated
   * {@code bars-from-trades}, for the engine to log once at start; empty when it does not.
   */
  public static Optional<String> deprecationNote(String where, com.typesafe.config.Config params) {
    if (params == null || !params.hasPath(DEPRECATED_KEY)) {
      return Optional.empty();
    }
    return Optional.of(where + ": " + DEPRECATED_KEY + " is deprecated and ignored: a strategy that consumes bars"
        + " gets one-minute bars built from trades wherever its feed has none (live always); remove the key");
  }

  /** The parameter the built-in strategies used to take to build bars themselves. */
  public static final String DEPRECATED_KEY = "bars-from-trades";

  @Override
  public Set<Symbol> symbols() {
    return inner.symbols();
  }

  @Override
  public boolean consumesBars() {
    return true;
  }

  @Override
  public boolean consumesInvestorFlows() {
    return inner.consumesInvestorFlows();
  }

  @Override
  public boolean needsTicks() {
    return inner.needsTicks();
  }

  @Override
  public WarmUp warmUp() {
    return inner.warmUp();
  }

  @Override
  public List<Intent> onEvent(StrategyEvent event, StrategyContext ctx) {
    if (event instanceof Bar b && b.period().equals(Bar.MINUTE) && fedBars.add(b.symbol())) {
      builders.remove(b.symbol()); // the feed brings this symbol's bars itself
    }
    List<Intent> out = inner.onEvent(event, ctx);
    if (!(event instanceof Trade t) || fedBars.contains(t.symbol()) || !buildFor.test(t.symbol())) {
      return out;
    }
    Optional<Bar> done = builders.computeIfAbsent(t.symbol(), MinuteBars::new).add(t);
    if (done.isEmpty()) {
      return out;
    }
    List<Intent> more = inner.onEvent(done.get(), ctx);
    if (more.isEmpty()) {
      return out;
    }
    List<Intent> both = new ArrayList<>(out);
    both.addAll(more);
    return both;
  }

  @Override
  public String toString() {
    return inner + " (bars from trades)";
  }
}
