package kis.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import kis.engine.backtest.BacktestConfig;
import kis.engine.backtest.BacktestResult;
import kis.engine.backtest.BacktestRunner;
import kis.engine.backtest.MarketData;
import kis.engine.backtest.SyntheticMarket;
import kis.strategies.builtin.VolatilityBand;
import kis.strategies.event.Bar;
import kis.strategies.event.MarketEvent;

/**
 * Backtest throughput: minute bars of one symbol through {@link BacktestRunner} with the
 * volatility-band strategy on one thread, against a bare loop that only reads the same events.
 * Several warm-up rounds first; the figure is the median of the measured rounds.
 *
 * <p>Usage: {@code java -cp bench.jar kis.bench.BacktestThroughput [days] [rounds]}.
 */
public final class BacktestThroughput {
  static final double TARGET = 3_000_000;

  private BacktestThroughput() {}

  public static void main(String[] args) {
    int days = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Row.print(run(days, rounds));
  }

  static List<Row> run(int days, int rounds) {
    MarketData data = SyntheticMarket.generate(SyntheticMarket.Spec.samsung(42, days)).only(
        java.util.Set.of(OrderEvents.SAMSUNG));
    int n = data.size();
    System.err.printf(Locale.ROOT, "backtest: %,d events (%d days of minute bars, one symbol)%n", n, days);
    double[] loop = new double[rounds];
    double[] bare = new double[rounds];
    double[] loopWall = new double[rounds];
    double[] bareWall = new double[rounds];
    long trades = 0;
    // Per round both wall time and the thread's CPU time: on a shared machine the core is not ours
    // all the time, and CPU time is what "one core" means; both are printed.
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    for (int r = -2; r < rounds; r++) { // two warm-up rounds
      long c0 = cpu.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      BacktestResult res = BacktestRunner.run(strategy(), "bench", data, BacktestConfig.defaults(), (d, t) -> { });
      long t1 = System.nanoTime();
      long c1 = cpu.getCurrentThreadCpuTime();
      long sink = bareRead(data.events());
      long t2 = System.nanoTime();
      long c2 = cpu.getCurrentThreadCpuTime();
      if (sink == 42) {
        System.err.println(); // keeps the bare loop's result alive
      }
      trades = res.fills().size();
      if (r >= 0) {
        loop[r] = n / ((c1 - c0) / 1e9);
        bare[r] = n / (Math.max(1, c2 - c1) / 1e9);
        loopWall[r] = n / ((t1 - t0) / 1e9);
        bareWall[r] = n / ((t2 - t1) / 1e9);
      }
    }
    double l = median(loop);
    double b = median(bare);
    double lw = median(loopWall);
    double bw = median(bareWall);
    System.err.printf(Locale.ROOT, "backtest: %d fills per run; rounds (CPU time) %s; (wall) %s%n", trades,
        java.util.Arrays.toString(loop), java.util.Arrays.toString(loopWall));
    List<Row> rows = new ArrayList<>();
    rows.add(new Row("backtest throughput (volatility-band, 1 thread, per CPU-second)",
        String.format(Locale.ROOT, "%,.0f ev/s", l), String.format(Locale.ROOT, "%,.0f ev/s bare read", b),
        String.format(Locale.ROOT, "%.3f", l / b), "> 3,000,000 ev/s", Row.yesNo(l > TARGET)));
    rows.add(new Row("  same, per wall-clock second (info)", String.format(Locale.ROOT, "%,.0f ev/s", lw),
        String.format(Locale.ROOT, "%,.0f ev/s bare read", bw), String.format(Locale.ROOT, "%.3f", lw / bw), "-",
        "n/a"));
    return rows;
  }

  /** Reads every field the runner looks at first (time and close), and nothing else. */
  static long bareRead(List<MarketEvent> events) {
    long acc = 0;
    for (MarketEvent e : events) {
      acc += e.time().getEpochSecond();
      if (e instanceof Bar bar) {
        acc ^= bar.close();
      }
    }
    return acc;
  }

  static VolatilityBand strategy() {
    return new VolatilityBand(new VolatilityBand.Params(OrderEvents.SAMSUNG, 10, 20, 2.0, "mean-reversion", 0.0,
        "market", false));
  }

  static double median(double[] xs) {
    double[] s = xs.clone();
    java.util.Arrays.sort(s);
    return s[s.length / 2];
  }
}
