package kis.engine.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A sweep on a pool gives what it gives on one thread: every run's whole result, in grid order. */
class SweepParallelTest {
  private static final MarketData MD = SyntheticMarket.generate(SyntheticMarket.Spec.samsung(5, 6));
  private static final Config BASE = ConfigFactory.parseString("symbol = 005930, quantity = 3");

  private static Map<String, List<String>> axes() {
    Map<String, List<String>> axes = new LinkedHashMap<>();
    axes.put("window", List.of("10", "20", "30"));
    axes.put("k", List.of("1.0", "2.0"));
    axes.put("order-type", List.of("market", "limit"));
    return axes;
  }

  /** Everything a run produced, as text: two equal texts are two equal runs. */
  private static String whole(BacktestResult r) {
    return r.journal() + "|" + r.fills() + "|" + r.roundTrips() + "|" + r.equity() + "|" + r.daily() + "|"
        + r.finalState().stateHash() + "|" + r.summary() + "|" + r.marketEvents() + "/" + r.droppedIntents();
  }

  private static Map<Integer, String> sweep(int threads, List<Sweep.Point> into) {
    Map<Integer, String> runs = new ConcurrentHashMap<>();
    into.addAll(Sweep.run("volatility-band", BASE, axes(), MD, BacktestConfig.defaults(), threads, n -> { },
        (index, result) -> runs.put(index, whole(result))));
    return runs;
  }

  @Test
  void aParallelSweepsResultsEqualTheSequentialSweepsRunForRunInGridOrder() {
    List<Sweep.Point> one = new java.util.ArrayList<>();
    List<Sweep.Point> three = new java.util.ArrayList<>();
    Map<Integer, String> sequential = sweep(1, one);
    Map<Integer, String> parallel = sweep(3, three);
    assertEquals(12, sequential.size());
    assertEquals(sequential, parallel);
    assertEquals(one, three);
    assertEquals(Sweep.grid(axes()), three.stream().map(Sweep.Point::params).toList());
    assertTrue(sequential.values().stream().distinct().count() > 1, "the grid's points must differ to prove anything");
  }

  @Test
  void runsOfOnePoolRunAtTheSameTimeOnAtMostItsThreads() {
    // Run 1 waits in its sink until run 2 has finished: only a second thread can get run 2 there.
    CountDownLatch secondDone = new CountDownLatch(1);
    Set<String> threads = ConcurrentHashMap.newKeySet();
    Sweep.run("volatility-band", BASE, axes(), MD, BacktestConfig.defaults(), 2, n -> { }, (index, result) -> {
      threads.add(Thread.currentThread().getName());
      if (index == 1) {
        secondDone.countDown();
      } else if (index == 0) {
        try {
          assertTrue(secondDone.await(30, TimeUnit.SECONDS), "run 2 did not finish while run 1 was in flight");
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
    });
    assertEquals(2, threads.size(), "threads used: " + threads);
  }

  @Test
  void aPoolOfNoThreadsIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> Sweep.run("volatility-band", BASE, axes(), MD,
        BacktestConfig.defaults(), 0, n -> { }));
  }
}
