package kis.bench;

import com.typesafe.config.ConfigFactory;
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
 * available processor), alternating, after a warm-up sweep. The figure is the wall-clock speed-up
 * of the pool over one thread (the median of the rounds' ratios); the grid's results must be equal
 * on both, or the program fails. Wall time is what a sweep's user waits for; on a shared machine the
 * other processes take their share of both sides.
 *
 * <p>Usage: {@code java -cp bench.jar kis.bench.SweepScaling [days=300] [rounds=3] [threads]}.
 */
public final class SweepScaling {
  static final double TARGET = 1.8;

  private SweepScaling() {}

  public static void main(String[] args) {
    int days = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
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
    sweep(base, axes, data, threads); // warm-up
    double[] one = new double[rounds];
    double[] pool = new double[rounds];
    double[] speedUp = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      long t0 = System.nanoTime();
      List<Sweep.Point> sequential = sweep(base, axes, data, 1);
      long t1 = System.nanoTime();
      List<Sweep.Point> parallel = sweep(base, axes, data, threads);
      long t2 = System.nanoTime();
      if (!sequential.equals(parallel)) {
        throw new IllegalStateException("a sweep on " + threads + " threads differs from the sweep on one");
      }
      one[r] = (t1 - t0) / 1e6;
      pool[r] = (t2 - t1) / 1e6;
      speedUp[r] = one[r] / pool[r];
    }
    double s = BacktestThroughput.median(speedUp);
    System.err.printf(Locale.ROOT, "sweep: ms on 1 thread %s, on %d %s, speed-ups %s%n", java.util.Arrays.toString(one),
        threads, java.util.Arrays.toString(pool), java.util.Arrays.toString(speedUp));
    ResultLine.print("sweep.threads", threads, "sweep.speedup", s, "sweep.oneMs", BacktestThroughput.median(one),
        "sweep.poolMs", BacktestThroughput.median(pool));
    return List.of(new Row(String.format(Locale.ROOT, "backtest sweep, %d runs on %d threads (wall clock)", runs, threads),
        String.format(Locale.ROOT, "%,.0f ms", BacktestThroughput.median(pool)),
        String.format(Locale.ROOT, "%,.0f ms on 1 thread", BacktestThroughput.median(one)),
        String.format(Locale.ROOT, "%.2f", s), threads >= 2 ? ">= 1.8x on 2 cores" : "-",
        threads >= 2 ? Row.yesNo(s >= TARGET) : "n/a"));
  }

  private static List<Sweep.Point> sweep(com.typesafe.config.Config base, Map<String, List<String>> axes,
      MarketData data, int threads) {
    return Sweep.run("volatility-band", base, axes, data, BacktestConfig.defaults(), threads, n -> { });
  }
}
