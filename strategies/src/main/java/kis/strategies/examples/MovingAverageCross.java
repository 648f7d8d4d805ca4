package kis.strategies.examples;

import com.typesafe.config.Config;
import java.util.List;
import java.util.Set;
import kis.journal.Symbol;
import kis.strategies.BaseStrategy;
import kis.strategies.Intent;
import kis.strategies.StrategyContext;
import kis.strategies.StrategyParams;
import kis.strategies.WarmUp;
import kis.strategies.event.Bar;
import kis.strategies.indicator.SimpleMovingAverage;

/**
 * The worked example of {@code strategies/README.md}: buy when the fast moving average of closes
 * crosses above the slow one, sell when it crosses back below. Not a built-in; load it by class
 * name ({@code type = kis.strategies.examples.MovingAverageCross}).
 */
public final class MovingAverageCross extends BaseStrategy {
  private final Symbol symbol;
  private final long quantity;
  private final SimpleMovingAverage fast;
  private final SimpleMovingAverage slow;
  private Boolean fastWasAbove; // null until both averages are ready

  public MovingAverageCross(Symbol symbol, long quantity, int fastBars, int slowBars) {
    this.symbol = symbol;
    this.quantity = quantity;
    this.fast = new SimpleMovingAverage(fastBars);
    this.slow = new SimpleMovingAverage(slowBars);
  }

  /** Called by the registry with the {@code params} block. */
  public static MovingAverageCross fromConfig(Config c) {
    StrategyParams p = StrategyParams.of("moving-average-cross", "strategy.params", c);
    Symbol symbol = p.symbol("symbol");
    long quantity = p.longIn("quantity", null, 1, 1_000_000);
    int fastBars = p.intIn("fast", 5, 1, 1_000);
    int slowBars = p.intIn("slow", 20, 2, 10_000);
    p.check(fastBars < slowBars, "fast", "must be shorter than slow (" + slowBars + "), got " + fastBars);
    p.validate(); // throws with every problem at once
    return new MovingAverageCross(symbol, quantity, fastBars, slowBars);
  }

  @Override
  public Set<Symbol> symbols() {
    return Set.of(symbol);
  }

  @Override
  protected List<Intent> onBar(Bar bar, StrategyContext ctx) {
    if (!bar.symbol().equals(symbol)) {
      return List.of();
    }
    fast.update(bar.close());
    slow.update(bar.close());
    if (!slow.isReady()) {
      return List.of();
    }
    boolean above = fast.value() > slow.value();
    boolean crossed = fastWasAbove != null && above != fastWasAbove;
    fastWasAbove = above;
    if (!crossed || ctx.hasOpenOrders(symbol)) {
      return List.of(); // one order at a time: wait for the last one's fate
    }
    long held = ctx.position(symbol).quantity(); // the agent's books, never a private counter
    if (above && held == 0) {
      return List.of(Intent.buyMarket(symbol, quantity, "fast average crossed above slow"));
    }
    if (!above && held > 0) {
      return List.of(Intent.sellMarket(symbol, ctx.sellableQuantity(symbol), "fast average crossed below slow"));
    }
    return List.of();
  }

  @Override
  public WarmUp warmUp() {
    return WarmUp.bars(slow.count(), slow.period());
  }
}
