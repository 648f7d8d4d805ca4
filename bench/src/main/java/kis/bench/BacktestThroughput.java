package kis.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
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
    boolean child = args.length > 3 && args[3].equals(CHILD);
    Measured here = measure(days, rounds, warmups);
    if (child) {
      here.printResult(); // the parent reads this line; its rows are the parent's
      return;
    }
    Measured other = OTHER_COLLECTOR ? otherCollector(days, rounds, warmups) : null;
    Row.print(rows(here, other));
  }

  /** The argument that makes the program the other collector's child: measure, print RESULT, no rows. */
  static final String CHILD = "--child";
  /** {@code -Dbench.backtestOtherCollector=off}: no child JVM, the baseline is this JVM's reads only. */
  static final boolean OTHER_COLLECTOR = !"off".equals(System.getProperty("bench.backtestOtherCollector"));

  static final int WARMUPS = 10;
  /** The most warm-up rounds when the JIT keeps compiling. */
  static final int MAX_WARMUPS = 60;
  /** Rounds in a row without compilation that count as warm. */
  static final int JIT_QUIET_ROUNDS = 3;
  /** The old warm-up: the info row is the median of the rounds right after this many. */
  static final int EARLY_AFTER = 2;

  /**
   * One JVM's figures: the loop and the bare read per CPU-second, medians of the measured rounds
   * (the events as the run left them in the heap), then the same after a full collection compacted
   * them ({@code System.gc()}, which leaves the list in allocation order, each {@code Bar} beside
   * its {@code Instant}): the bare read is memory-bound and reads 1.7x faster then, the loop does
   * not (see bench/README, bt4).
   */
  record Measured(String collector, double loop, double bare, double loopWall, double bareWall, double early,
      double loopCompacted, double bareCompacted) {
    /**
     * This JVM's bare read of the events as the run left them: the layout the loop reads. The read
     * over compacted events is an info row only; the loop is never measured faster there (bt4), so
     * dividing by it would hold the loop to a layout it does not get.
     */
    double baselineRead() {
      return bare;
    }

    void printResult() {
      ResultLine.print("backtest.child.perCpu", loop, "backtest.child.bare", bare, "backtest.child.perCpuCompacted",
          loopCompacted, "backtest.child.bareCompacted", bareCompacted);
    }
  }

  static Measured measure(int days, int rounds, int warmups) {
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
    System.err.printf(Locale.ROOT, "backtest (%s): %d fills per run; rounds (CPU time) %s; (wall) %s; bare read"
        + " (CPU time) %s; rounds %d-%d of the warm-up (CPU time) %s%n", collector(), trades,
        java.util.Arrays.toString(loop), java.util.Arrays.toString(loopWall), java.util.Arrays.toString(bare),
        EARLY_AFTER + 1, EARLY_AFTER + early.length, java.util.Arrays.toString(early));
    // The same rounds once more after a full collection: where the collector's copies left the
    // events decides the bare read's speed (it misses the cache on most events); both figures are
    // printed so a reader sees how much of a ratio is layout.
    System.gc();
    double[] loopC = new double[rounds];
    double[] bareC = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      long c0 = cpu.getCurrentThreadCpuTime();
      BacktestRunner.run(strategy(), "bench", data, BacktestConfig.defaults(), (d, t) -> { });
      long c1 = cpu.getCurrentThreadCpuTime();
      long sink = bareRead(data.events());
      long c2 = cpu.getCurrentThreadCpuTime();
      if (sink == 42) {
        System.err.println();
      }
      loopC[r] = n / ((c1 - c0) / 1e9);
      bareC[r] = n / (Math.max(1, c2 - c1) / 1e9);
    }
    System.err.printf(Locale.ROOT, "backtest (%s): after a full collection, rounds (CPU time) %s; bare read %s%n",
        collector(), java.util.Arrays.toString(loopC), java.util.Arrays.toString(bareC));
    return new Measured(collector(), l, b, lw, bw, early.length > 0 ? median(early) : Double.NaN, median(loopC),
        median(bareC));
  }

  /**
   * The rows: the loop on this JVM's collector against the faster bare read of the two collectors,
   * over the events as the run left them ({@code other} null: this JVM's read only).
   */
  static List<Row> rows(Measured here, Measured other) {
    double l = here.loop();
    double best = other == null ? here.baselineRead() : Math.max(here.baselineRead(), other.baselineRead());
    String baseline = String.format(Locale.ROOT, "%,.0f ev/s bare read (the faster of %s)", best,
        other == null ? here.collector() + " only" : here.collector() + " and " + other.collector());
    List<Object> result = new ArrayList<>(List.of("backtest.perCpu", l, "backtest.bare", best, "backtest.bareAsLaid",
        here.bare(), "backtest.bareCompacted", here.bareCompacted(), "backtest.perWall", here.loopWall(),
        "backtest.bareWall", here.bareWall()));
    if (other != null) {
      result.addAll(List.of("backtest.bareOther", other.bare(), "backtest.bareOtherCompacted", other.bareCompacted(),
          "backtest.perCpuOther", other.loop()));
    }
    ResultLine.print(result.toArray());
    List<Row> rows = new ArrayList<>();
    rows.add(new Row("backtest throughput (volatility-band, 1 thread, per CPU-second, " + here.collector() + ")",
        String.format(Locale.ROOT, "%,.0f ev/s", l), baseline, String.format(Locale.ROOT, "%.3f", l / best),
        "ratio >= " + Targets.BACKTEST_VS_BARE, Row.yesNo(l / best >= Targets.BACKTEST_VS_BARE)));
    rows.add(bareRow(here, l));
    if (other != null) {
      rows.add(bareRow(other, l));
      rows.add(new Row("  same, the loop on " + other.collector() + " (child JVM, same heap flags; info)",
          String.format(Locale.ROOT, "%,.0f ev/s (%,.0f after a full collection)", other.loop(), other.loopCompacted()),
          String.format(Locale.ROOT, "%,.0f ev/s bare read", best), String.format(Locale.ROOT, "%.3f",
          other.loop() / best), "-", "n/a"));
    }
    rows.add(new Row("  same, the loop after a full collection compacted the events (info)",
        String.format(Locale.ROOT, "%,.0f ev/s", here.loopCompacted()),
        String.format(Locale.ROOT, "%,.0f ev/s bare read", best),
        String.format(Locale.ROOT, "%.3f", here.loopCompacted() / best), "-", "n/a"));
    rows.add(new Row("  same, per wall-clock second, events as laid out (info)",
        String.format(Locale.ROOT, "%,.0f ev/s", here.loopWall()),
        String.format(Locale.ROOT, "%,.0f ev/s bare read", here.bareWall()),
        String.format(Locale.ROOT, "%.3f", here.loopWall() / here.bareWall()), "-", "n/a"));
    if (!Double.isNaN(here.early())) {
      rows.add(new Row(String.format(Locale.ROOT, "  same, the rounds right after %d warm-ups, JIT still busy (info)",
          EARLY_AFTER), String.format(Locale.ROOT, "%,.0f ev/s", here.early()),
          String.format(Locale.ROOT, "%,.0f ev/s bare read", best), String.format(Locale.ROOT, "%.3f",
          here.early() / best), "-", "n/a"));
    }
    return rows;
  }

  private static Row bareRow(Measured m, double loop) {
    return new Row("  same, the bare read on " + m.collector() + ": events as the run left them / compacted (info)",
        String.format(Locale.ROOT, "%,.0f / %,.0f ev/s", m.bare(), m.bareCompacted()), "-",
        String.format(Locale.ROOT, "loop / these: %.3f / %.3f", loop / m.bare(), loop / m.bareCompacted()), "-", "n/a");
  }

  /** This JVM's collector, by its young collection's bean: ParallelGC, G1, or the bean's name. */
  static String collector() {
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      String name = gc.getName();
      if (name.startsWith("PS ")) {
        return "ParallelGC";
      } else if (name.startsWith("G1 ")) {
        return "G1";
      }
    }
    return ManagementFactory.getGarbageCollectorMXBeans().get(0).getName();
  }

  /**
   * The same measurement in a child JVM on the other collector (G1 if this one is ParallelGC, else
   * ParallelGC), with this JVM's heap flags; null (and said) if it fails. The ratio's baseline is
   * the faster bare read of the two, so a collector that happens to slow the read (where it copied
   * the events) cannot lower the baseline.
   */
  static Measured otherCollector(int days, int rounds, int warmups) {
    String otherName = collector().equals("ParallelGC") ? "G1" : "ParallelGC";
    List<String> cmd = new ArrayList<>();
    cmd.add(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("-Xm") || a.startsWith("-XX:MaxRAM") || a.startsWith("-XX:InitialRAM")) {
        cmd.add(a); // the heap's size, not its collector
      }
    }
    cmd.add(otherName.equals("G1") ? "-XX:+UseG1GC" : "-XX:+UseParallelGC");
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), BacktestThroughput.class.getName(),
        String.valueOf(days), String.valueOf(rounds), String.valueOf(warmups), CHILD));
    try {
      Process p = Children.start(new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT));
      List<String> out;
      try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
          java.nio.charset.StandardCharsets.UTF_8))) {
        out = in.lines().toList();
      } finally {
        Children.kill(p);
      }
      Targets.Results r = ResultLine.parse(out);
      if (!r.has("backtest.child.perCpu", "backtest.child.bare", "backtest.child.bareCompacted")) {
        System.err.println("backtest: the " + otherName + " child printed no figures; the baseline is this JVM's");
        return null;
      }
      return new Measured(otherName, r.v("backtest.child.perCpu"), r.v("backtest.child.bare"), Double.NaN,
          Double.NaN, Double.NaN, r.v("backtest.child.perCpuCompacted"), r.v("backtest.child.bareCompacted"));
    } catch (java.io.IOException e) {
      System.err.println("backtest: cannot start the " + otherName + " child (" + e + "); the baseline is this JVM's");
      return null;
    }
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
