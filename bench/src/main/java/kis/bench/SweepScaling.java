package kis.bench;

import com.typesafe.config.ConfigFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kis.engine.backtest.BacktestConfig;
import kis.engine.backtest.MarketData;
import kis.engine.backtest.Sweep;
import kis.engine.backtest.SyntheticMarket;

/**
 * How a {@code --sweep} scales with threads: one grid of volatility-band runs (4 windows x 2 band
 * widths) over the same minute bars, on one thread and then on {@code threads} (default: one per
 * available processor), alternating. The figure is the wall-clock speed-up of the pool over one
 * thread (the median of the rounds' ratios); the grid's results must be equal on both, or the
 * program fails. Wall time is what a sweep's user waits for; on a shared machine the other
 * processes take their share of both sides.
 *
 * <p>Warm-up: the same alternating pairs, at least {@code MIN_WARMUPS} of them and then until the
 * one-thread sweep's last three times lie within {@code STABLE} of each other (at most
 * {@code MAX_WARMUPS}): with one warm-up sweep the one-thread rounds were still the JIT's (1,062,
 * 1,452, then 283 ms in one run), so the median ratio measured compilation, not the pool. The
 * warm-up times are printed, and whether they settled.
 *
 * <p>Size: 2,000 days of minute bars (782,000 events per run, the size {@link BacktestThroughput}
 * measures), not 300: at 300 days a run took ~15 ms and the pool's sweep ~60-90 ms, so one young
 * collection (it stops both workers), one late compilation or one descheduling on the shared cores
 * was a large share of a round and the ratio measured that noise, not the pool. The work is the
 * same on one thread and on the pool (the same 8 runs, warmed alike, alternating).
 *
 * <p>Usage: {@code java -cp bench.jar kis.bench.SweepScaling [days=2000] [rounds=5] [threads]}.
 */
public final class SweepScaling {
  static final double TARGET = 1.8;
  static final int MIN_WARMUPS = 5;
  static final int MAX_WARMUPS = 20;
  /** The spread (max / min - 1) of the last three one-thread warm-up sweeps that counts as settled. */
  static final double STABLE = 0.10;

  private SweepScaling() {}

  public static void main(String[] args) {
    int days = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : Sweep.defaultThreads();
    Row.print(run(days, rounds, threads));
  }

  static List<Row> run(int days, int rounds, int threads) {
    MarketData data = SyntheticMarket.generate(SyntheticMarket.Spec.samsung(42, days)).only(
        java.util.Set.of(OrderEvents.SAMSUNG));
    Map<String, List<String>> axes = new LinkedHashMap<>();
    axes.put("window", List.of("10", "20", "30", "40"));
    axes.put("k", List.of("1.5", "2.0"));
    var base = ConfigFactory.parseString("symbol = " + OrderEvents.SAMSUNG.code() + ", quantity = 10");
    int runs = Sweep.grid(axes).size();
    System.err.printf(Locale.ROOT, "sweep: %d runs of %,d events, 1 thread against %d%n", runs, data.size(), threads);
    List<Double> warmOne = new ArrayList<>();
    List<Double> warmPool = new ArrayList<>();
    while (warmOne.size() < MIN_WARMUPS || warmOne.size() < MAX_WARMUPS && !settled(warmOne)) {
      double[] pair = pair(base, axes, data, threads);
      warmOne.add(pair[0]);
      warmPool.add(pair[1]);
    }
    boolean settled = settled(warmOne);
    System.err.printf(Locale.ROOT, "sweep: warm-up ms on 1 thread %s, on %d %s; %s%n", rounded(warmOne), threads,
        rounded(warmPool), settled ? "settled" : "NOT settled after " + MAX_WARMUPS + " (load?)");
    double[] one = new double[rounds];
    double[] pool = new double[rounds];
    double[] speedUp = new double[rounds];
    List<String> gcOne = new ArrayList<>();
    List<String> gcPool = new ArrayList<>();
    for (int r = 0; r < rounds; r++) {
      double[] pair = pair(base, axes, data, threads);
      one[r] = pair[0];
      pool[r] = pair[1];
      speedUp[r] = one[r] / pool[r];
      gcOne.add(String.format(Locale.ROOT, "%.0f/%.0f", pair[2], pair[3]));
      gcPool.add(String.format(Locale.ROOT, "%.0f/%.0f", pair[4], pair[5]));
    }
    double s = BacktestThroughput.median(speedUp);
    System.err.printf(Locale.ROOT, "sweep: ms on 1 thread %s, on %d %s, speed-ups %s%n", java.util.Arrays.toString(one),
        threads, java.util.Arrays.toString(pool), java.util.Arrays.toString(speedUp));
    // Every collection stops both workers of the pool: how many fell in each sweep and their pauses.
    System.err.printf(Locale.ROOT, "sweep: collections/pause ms per round on 1 thread %s, on %d %s%n", gcOne, threads,
        gcPool);
    ResultLine.print("sweep.threads", threads, "sweep.speedup", s, "sweep.oneMs", BacktestThroughput.median(one),
        "sweep.poolMs", BacktestThroughput.median(pool));
    return List.of(new Row(String.format(Locale.ROOT, "backtest sweep, %d runs on %d threads (wall clock)", runs, threads),
        String.format(Locale.ROOT, "%,.0f ms", BacktestThroughput.median(pool)),
        String.format(Locale.ROOT, "%,.0f ms on 1 thread", BacktestThroughput.median(one)),
        String.format(Locale.ROOT, "%.2f", s), threads >= 2 ? ">= 1.8x on 2 cores" : "-",
        threads >= 2 ? Row.yesNo(s >= TARGET) : "n/a"));
  }

  /**
   * One sweep on one thread, then the same on the pool: their wall times in ms, then the collections
   * and their pause ms during each (one thread, then the pool); fails if the results differ.
   */
  private static double[] pair(com.typesafe.config.Config base, Map<String, List<String>> axes, MarketData data,
      int threads) {
    long[] gc0 = collections();
    long t0 = System.nanoTime();
    List<Sweep.Point> sequential = sweep(base, axes, data, 1);
    long t1 = System.nanoTime();
    long[] gc1 = collections();
    List<Sweep.Point> parallel = sweep(base, axes, data, threads);
    long t2 = System.nanoTime();
    long[] gc2 = collections();
    if (!sequential.equals(parallel)) {
      throw new IllegalStateException("a sweep on " + threads + " threads differs from the sweep on one");
    }
    return new double[] {(t1 - t0) / 1e6, (t2 - t1) / 1e6, gc1[0] - gc0[0], gc1[1] - gc0[1], gc2[0] - gc1[0],
        gc2[1] - gc1[1]};
  }

  /** Collections so far and their summed pause ms, over every collector of this JVM. */
  private static long[] collections() {
    long count = 0;
    long ms = 0;
    for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
      count += Math.max(0, gc.getCollectionCount());
      ms += Math.max(0, gc.getCollectionTime());
    }
    return new long[] {count, ms};
  }

  /** Whether the last three times lie within {@link #STABLE} of each other. */
  static boolean settled(List<Double> ms) {
    if (ms.size() < 3) {
      return false;
    }
    List<Double> last = ms.subList(ms.size() - 3, ms.size());
    double min = last.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    double max = last.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    return max / min - 1 <= STABLE;
  }

  private static String rounded(List<Double> ms) {
    return ms.stream().map(m -> String.format(Locale.ROOT, "%.0f", m)).toList().toString();
  }

  private static List<Sweep.Point> sweep(com.typesafe.config.Config base, Map<String, List<String>> axes,
      MarketData data, int threads) {
    return Sweep.run("volatility-band", base, axes, data, BacktestConfig.defaults(), threads, n -> { });
  }
}
