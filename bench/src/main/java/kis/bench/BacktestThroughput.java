package kis.bench;

import java.lang.management.CompilationMXBean;
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
 * Warm-up rounds first; the figure is the median of the measured rounds.
 *
 * <p>The warm-up is 10 rounds (it was 2): on two shared cores C2 was still compiling, and
 * deoptimising as rarer paths (fills, denials, session closes) turned up, until the 6th to 8th
 * round, so a median over rounds 3-7 measured the JIT, not the loop. Those rounds are still
 * printed, as an info row, so the two can be compared in one run.
 *
 * <p>Then the warm-up goes on until the JIT compiled nothing during {@value #JIT_QUIET_ROUNDS}
 * rounds in a row (at most {@value #MAX_WARMUPS} rounds; printed, with whether it settled): on a
 * loaded VM the compiler threads get little CPU and ten rounds were not enough (0.019 at load 14
 * against 0.076 quiet: rounds of 400-500 ms CPU after warm-up, 80-90 ms once C2 had caught up, in
 * one JVM at load 30), so the figure measured how far compilation had got, not the loop.
 *
 * <p>Usage: {@code java -cp bench.jar kis.bench.BacktestThroughput [days] [rounds] [warmups]}.
 */
public final class BacktestThroughput {
  private BacktestThroughput() {}

  public static void main(String[] args) {
    int days = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int warmups = args.length > 2 ? Integer.parseInt(args[2]) : WARMUPS;
    Row.print(run(days, rounds, warmups));
  }

  static final int WARMUPS = 10;
  /** The most warm-up rounds when the JIT keeps compiling. */
  static final int MAX_WARMUPS = 60;
  /** Rounds in a row without compilation that count as warm. */
  static final int JIT_QUIET_ROUNDS = 3;
  /** The old warm-up: the info row is the median of the rounds right after this many. */
  static final int EARLY_AFTER = 2;

  static List<Row> run(int days, int rounds, int warmups) {
    MarketData data = SyntheticMarket.generate(SyntheticMarket.Spec.samsung(42, days)).only(
        java.util.Set.of(OrderEvents.SAMSUNG));
    int n = data.size();
    System.err.printf(Locale.ROOT, "backtest: %,d events (%d days of minute bars, one symbol)%n", n, days);
    double[] early = new double[Math.max(0, Math.min(rounds, warmups - EARLY_AFTER))];
    double[] loop = new double[rounds];
    double[] bare = new double[rounds];
    double[] loopWall = new double[rounds];
    double[] bareWall = new double[rounds];
    long trades = 0;
    // Per round both wall time and the thread's CPU time: on a shared machine the core is not ours
    // all the time, and CPU time is what "one core" means; both are printed.
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    for (int r = -warmups; r < rounds; r++) {
      if (r == 0) {
        warmUntilJitQuiet(data, warmups);
      }
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
      int e = r + warmups - EARLY_AFTER;
      if (e >= 0 && e < early.length) {
        early[e] = n / ((c1 - c0) / 1e9);
      }
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
    System.err.printf(Locale.ROOT, "backtest: %d fills per run; rounds (CPU time) %s; (wall) %s; rounds %d-%d of the"
        + " warm-up (CPU time) %s%n", trades, java.util.Arrays.toString(loop), java.util.Arrays.toString(loopWall),
        EARLY_AFTER + 1, EARLY_AFTER + early.length, java.util.Arrays.toString(early));
    ResultLine.print("backtest.perCpu", l, "backtest.bare", b, "backtest.perWall", lw, "backtest.bareWall", bw);
    List<Row> rows = new ArrayList<>();
    rows.add(new Row("backtest throughput (volatility-band, 1 thread, per CPU-second)",
        String.format(Locale.ROOT, "%,.0f ev/s", l), String.format(Locale.ROOT, "%,.0f ev/s bare read", b),
        String.format(Locale.ROOT, "%.3f", l / b), "ratio >= " + Targets.BACKTEST_VS_BARE,
        Row.yesNo(l / b >= Targets.BACKTEST_VS_BARE)));
    rows.add(new Row("  same, per wall-clock second (info)", String.format(Locale.ROOT, "%,.0f ev/s", lw),
        String.format(Locale.ROOT, "%,.0f ev/s bare read", bw), String.format(Locale.ROOT, "%.3f", lw / bw), "-",
        "n/a"));
    if (early.length > 0) {
      double el = median(early);
      rows.add(new Row(String.format(Locale.ROOT, "  same, rounds %d-%d right after %d warm-ups, JIT still busy (info)",
          EARLY_AFTER + 1, EARLY_AFTER + early.length, EARLY_AFTER), String.format(Locale.ROOT, "%,.0f ev/s", el),
          String.format(Locale.ROOT, "%,.0f ev/s bare read", b), String.format(Locale.ROOT, "%.3f", el / b), "-", "n/a"));
    }
    return rows;
  }

  /**
   * After the caller's {@code warmups} timed rounds (the early info row is theirs), runs more rounds
   * until the JIT compiled nothing during {@link #JIT_QUIET_ROUNDS} of them in a row, up to
   * {@link #MAX_WARMUPS} rounds in all; returns the rounds run here.
   */
  static int warmUntilJitQuiet(MarketData data, int warmups) {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
      System.err.println("backtest: the JVM does not report compilation time; warm-up is the fixed rounds only");
      return 0;
    }
    int quiet = 0;
    int run = 0;
    for (; run < MAX_WARMUPS - warmups && quiet < JIT_QUIET_ROUNDS; run++) {
      long before = jit.getTotalCompilationTime();
      BacktestRunner.run(strategy(), "bench", data, BacktestConfig.defaults(), (d, t) -> { });
      bareRead(data.events());
      quiet = jit.getTotalCompilationTime() == before ? quiet + 1 : 0;
    }
    System.err.printf(Locale.ROOT, "backtest: after %d warm-up rounds, %d more until the JIT was quiet for %d"
        + " rounds (%s)%n", warmups, run, JIT_QUIET_ROUNDS, quiet >= JIT_QUIET_ROUNDS ? "settled" : "NOT settled (load?)");
    return run;
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
