package kis.engine.backtest;

import static kis.engine.backtest.Scripted.S;
import static kis.engine.backtest.Scripted.bar;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import kis.journal.OrderSpec;
import kis.journal.Side;
import kis.journal.event.OrderDenied;
import kis.journal.event.OrderRequested;
import kis.strategies.Intent;
import kis.strategies.event.Bar;
import org.junit.jupiter.api.Test;

/** A placement's reason is read for the orders the backtest sends, and never for one it denies. */
class LazyReasonBacktestTest {
  private static final MarketData BARS = MarketData.of(List.of(bar(0, 0, 10_000, 10_000, 10_000, 10_000, 1_000),
      bar(0, 1, 10_000, 10_000, 10_000, 10_000, 1_000), bar(0, 2, 10_000, 10_000, 10_000, 10_000, 1_000)));

  /** Bids for one share at 10,000 on every bar, its reason counted each time it is built. */
  private static Scripted buyer(AtomicInteger built) {
    return new Scripted((e, c) -> e instanceof Bar b
        ? List.of(new Intent.Place(OrderSpec.limit(S, Side.BUY, 1, 10_000), Intent.Reason.later(() -> {
          built.incrementAndGet();
          return "bar at " + b.close();
        })))
        : List.of());
  }

  @Test
  void deniedPlacementsNeverBuildTheirReason() {
    AtomicInteger built = new AtomicInteger();
    BacktestResult r = BacktestRunner.run(buyer(built), "poor", BARS, BacktestConfig.defaults().withCash(100),
        ProgressListener.NONE);

    assertEquals(3, r.journal().stream().filter(e -> e instanceof OrderDenied).count());
    assertEquals(0, built.get());
  }

  @Test
  void sentPlacementsJournalTheirReasonBuiltOnce() {
    AtomicInteger built = new AtomicInteger();
    BacktestResult r = BacktestRunner.run(buyer(built), "rich", BARS, BacktestConfig.defaults().withCash(10_000_000),
        ProgressListener.NONE);

    List<String> reasons = r.journal().stream().filter(e -> e instanceof OrderRequested)
        .map(e -> ((OrderRequested) e).reason()).toList();
    assertEquals(List.of("bar at 10000", "bar at 10000", "bar at 10000"), reasons);
    assertEquals(3, built.get());
  }
}
