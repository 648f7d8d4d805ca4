package kis.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Restart to LIVE (issue 17): an outside crash loop, the engine against a standalone simulator.
 * One kis-sim JVM ({@code kis-trader.jar sim --port 0}, loopback) runs throughout; the engine is
 * started as a user starts it ({@code java -jar kis-trader.jar run --config ... --sim-url ...}, its
 * own JVM, its dashboard on 127.0.0.1 at a free port) with {@code agents} agents that trade
 * (alternately {@code DemoRoundTrip}, market orders filled at once, and {@code LimitChaser}, limit
 * orders that rest, are revised and cancelled), so the journal holds filled and open orders and
 * the data dir grows across restarts. Each cycle: wait for LIVE, let it trade {@code tradeSeconds},
 * SIGKILL it, and start it again. A first start (empty data dir, a token issued) is not counted;
 * the {@code cycles} restarts after it are.
 *
 * <p>The figure: process start (just before the fork) to LIVE, which is the KIS connection LIVE
 * (subscribed and the gap reconciled) <b>and</b> every agent recovered, reconciled and allowed to
 * trade, whichever comes last ({@link RestartMarks}), read from the console lines as they arrive.
 * The dashboard's overview showing the same (websocket LIVE, every agent RUNNING) is a check
 * column. The baseline of the same run, before each restart: the same jar's {@code --version}
 * (JVM start to exit), the floor of any start of that jar.
 *
 * <p>Under load: {@code load} threads in this JVM burn a core each for the whole loop; the load
 * average at the start and the end is printed too.
 *
 * <p>Usage: {@code java -cp bench.jar kis.bench.RestartToLive [cycles=10] [agents=10]
 * [tradeSeconds=5] [load=1]}; the engine jar from {@code -Dbench.engineJar} (default
 * {@code engine/target/kis-trader.jar} beside this bench.jar's module, else in the working
 * directory), extra child JVM options in {@code -Dbench.childJvmArgs="..."} (e.g. an AppCDS
 * archive), the launcher's JIT directives for {@code run} ({@code -Dbench.jitDirectives=off|PATH}),
 * {@code -Dbench.keep=true} keeps the bench dir (data dir, consoles); a failed run keeps it
 * anyway.
 */
public final class RestartToLive {
  static final long TARGET_MS = 3_000;
  private static final String JIT_DIRECTIVES = "packaging/kis-trader-jit.json";
  static final Duration LIVE_BOUND = Duration.ofSeconds(Long.getLong("bench.liveTimeoutSeconds", 120));
  private static final Duration DASHBOARD_BOUND = Duration.ofSeconds(30);
  /** kis-sim's default universe (kis-sim/README.md), which the engine's configuration checks symbols against. */
  static final List<String> SYMBOLS = List.of("005930", "005935", "000660", "035420", "035720", "005380");

  private RestartToLive() {}

  /** One counted restart: the phases' offsets (ns from the fork), the dashboard's, the floor's, the fills. */
  record Cycle(Map<RestartMarks.Phase, Long> phases, long dashboardNanos, long floorNanos, long fills, long cpuNanos) {
    long liveNanos() {
      return phases.get(RestartMarks.Phase.LIVE);
    }
  }

  public static void main(String[] args) throws Exception {
    int cycles = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int agents = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int tradeSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    int load = args.length > 3 ? Integer.parseInt(args[3]) : 1;
    if (cycles < 1 || agents < 1 || tradeSeconds < 0 || load < 0) {
      throw new IllegalArgumentException("usage: RestartToLive [cycles>=1] [agents>=1] [tradeSeconds>=0] [load>=0]");
    }
    int code = 1;
    try {
      code = run(cycles, agents, tradeSeconds, load);
    } finally {
      Children.killAll();
    }
    System.out.flush();
    System.exit(code);
  }

  static int run(int cycles, int agents, int tradeSeconds, int load) throws Exception {
    Path jar = engineJar();
    List<String> cds = archiveArgs(jar);
    List<String> jvmArgs = new ArrayList<>(cds);
    jvmArgs.addAll(childJvmArgs());
    // The engine's `run` as the launcher starts it: with its JIT directives (the simulator and the
    // floor's --version are other commands, which the launcher starts without them).
    List<String> runArgs = new ArrayList<>(jitDirectivesArgs(jar));
    runArgs.addAll(jvmArgs);
    Path dir = BenchConfig.tempDir("restart-bench");
    Path data = dir.resolve("data");
    Path config = dir.resolve("agents.conf");
    Files.writeString(config, agentsConf(agents));
    double loadStart = loadAverage();
    List<Cycle> done = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    long firstStart = -1;
    long dataBefore = 0;
    long dataAfter = 0;
    boolean ok = false;
    System.err.printf(Locale.ROOT, "restart: %d restarts of %s (%s; %s) with %d agents, %d s of trading each, %d CPU hog"
        + " thread(s), load %.2f; bench dir %s%n", cycles, jar, cds.isEmpty() ? "no AppCDS archive" : cds.get(0),
        runArgs.size() > jvmArgs.size() ? runArgs.get(1) : "no JIT directives", agents, tradeSeconds, load, loadStart, dir);
    try (CpuHog hog = CpuHog.start(load);
        SimChild sim = SimChild.start(jar, jvmArgs, dir, LIVE_BOUND)) {
      System.err.println("restart: " + sim.endpoint + ", " + hog.threads() + " CPU hog thread(s) burning");
      try (EngineChild first = EngineChild.start(jar, runArgs, config, data, sim.endpoint, dir, agents, "first start")) {
        if (!first.awaitLive(LIVE_BOUND)) {
          throw new IllegalStateException("the first start did not reach LIVE within " + LIVE_BOUND.toSeconds()
              + " s (" + first.agentsEnabled() + " of " + agents + " agents enabled, exit " + first.exitCode()
              + "); see " + dir.resolve("engine.out"));
        }
        firstStart = first.at(RestartMarks.Phase.LIVE).orElseThrow();
        trade(first, tradeSeconds);
      }
      dataBefore = size(data);
      for (int i = 1; i <= cycles; i++) {
        long floor = floor(jar, jvmArgs, dir);
        try (EngineChild e = EngineChild.start(jar, runArgs, config, data, sim.endpoint, dir, agents, "restart " + i)) {
          if (!e.awaitLive(LIVE_BOUND)) {
            String why = String.format(Locale.ROOT, "restart %d: not LIVE within %d s (connection LIVE %s, %d of %d"
                + " agents may trade, exit %s)", i, LIVE_BOUND.toSeconds(),
                e.at(RestartMarks.Phase.CONNECTION_LIVE).isPresent() ? "yes" : "no", e.agentsEnabled(), agents,
                e.exitCode().isPresent() ? String.valueOf(e.exitCode().getAsLong()) : "none, still running");
            failures.add(why);
            System.err.println("restart: " + why);
            continue;
          }
          long dash = DashboardLive.await(e, agents, DASHBOARD_BOUND);
          trade(e, tradeSeconds);
          Map<RestartMarks.Phase, Long> phases = new EnumMap<>(RestartMarks.Phase.class);
          for (RestartMarks.Phase p : RestartMarks.Phase.values()) {
            e.at(p).ifPresent(v -> phases.put(p, v));
          }
          Cycle c = new Cycle(phases, dash, floor, e.fills(), e.cpuAtLive());
          done.add(c);
          System.err.printf(Locale.ROOT, "restart: %d/%d LIVE after %,d ms (floor %,d ms, dashboard %s), %d fill(s)"
              + " before the kill, load %.2f%n", i, cycles, ms(c.liveNanos()), ms(floor),
              dash < 0 ? "no LIVE within 30 s" : String.format(Locale.ROOT, "%,d ms", ms(dash)), c.fills(),
              loadAverage());
        }
      }
      dataAfter = size(data);
      ok = failures.isEmpty();
    } finally {
      Children.killAll();
      if (ok && !Boolean.getBoolean("bench.keep")) {
        JournalThroughput.deleteTree(dir);
      } else {
        System.err.println("restart: bench dir kept: " + dir + " (engine.out: every start's console, stamped)");
      }
    }
    double loadEnd = loadAverage();
    Row.print(rows(done, failures, cycles, agents, load, !cds.isEmpty(), firstStart, dataBefore, dataAfter, loadStart,
        loadEnd));
    if (!done.isEmpty()) {
      Spread live = Spread.of(done.stream().mapToLong(Cycle::liveNanos).toArray());
      Spread floor = Spread.of(done.stream().mapToLong(Cycle::floorNanos).toArray());
      long[] cpu = done.stream().mapToLong(Cycle::cpuNanos).filter(v -> v >= 0).toArray();
      ResultLine.print("restart.cycles", cycles, "restart.agents", agents, "restart.hogThreads", load,
          "restart.appCds", cds.isEmpty() ? 0 : 1, "restart.failures", failures.size(), "restart.medianMs",
          live.median() / 1e6, "restart.p90Ms", live.p90() / 1e6, "restart.maxMs", live.max() / 1e6, "restart.minMs",
          live.min() / 1e6, "restart.floorMs", floor.median() / 1e6, "restart.cpuMedianMs",
          cpu.length == 0 ? -1.0 : Spread.of(cpu).median() / 1e6, "restart.loadStart", loadStart, "restart.loadEnd",
          loadEnd);
    } else {
      ResultLine.print("restart.cycles", cycles, "restart.agents", agents, "restart.hogThreads", load,
          "restart.appCds", cds.isEmpty() ? 0 : 1, "restart.failures", failures.size());
    }
    return 0;
  }

  /** Lets the engine trade until {@code seconds} after it was LIVE (the dashboard check counts in it). */
  private static void trade(EngineChild e, int seconds) throws InterruptedException {
    long liveAt = e.at(RestartMarks.Phase.LIVE).orElse(e.elapsed());
    long left = liveAt + TimeUnit.SECONDS.toNanos(seconds) - e.elapsed();
    if (left > 0) {
      Thread.sleep(left / 1_000_000); // the loop's trading time, not a wait for a condition
    }
  }

  /** The floor of any start of the jar: {@code java -jar kis-trader.jar --version}, fork to exit. */
  static long floor(Path jar, List<String> jvmArgs, Path dir) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(EngineChild.java());
    cmd.addAll(jvmArgs);
    cmd.addAll(List.of("-jar", jar.toString(), "--version"));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    EngineChild.scrub(pb.environment());
    long t0 = System.nanoTime();
    Process p = Children.start(pb);
    try {
      if (!p.waitFor(LIVE_BOUND.toSeconds(), TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("kis-trader --version did not exit 0 within " + LIVE_BOUND.toSeconds() + " s");
      }
      return System.nanoTime() - t0;
    } finally {
      Children.kill(p);
    }
  }

  /** The agents: alternately market round trips and resting limit orders, over kis-sim's universe. */
  static String agentsConf(int agents) {
    StringBuilder sb = new StringBuilder("# written by kis.bench.RestartToLive\nkis-trader.agents = [\n");
    for (int i = 0; i < agents; i++) {
      String sym = SYMBOLS.get(i % SYMBOLS.size());
      String strategy = i % 2 == 0
          ? String.format(Locale.ROOT, "name = \"kis.actors.live.DemoRoundTrip\", params { symbol = \"%s\", quantity = 1,"
              + " hold-trades = 6 }", sym)
          : String.format(Locale.ROOT, "name = \"kis.strategies.examples.LimitChaser\", params { symbol = \"%s\","
              + " quantity = 1, patience = 4, revises = 2 }", sym);
      sb.append(String.format(Locale.ROOT, "  { id = \"%s-%s-%02d\", symbol = \"%s\", strategy { %s },"
          + " risk { max-order-notional = 2000000, max-daily-orders = 100000 }, initial-capital = 10000000 }%n",
          i % 2 == 0 ? "rt" : "lc", sym, i, sym, strategy));
    }
    sb.append("]\n");
    // A free port on loopback (the default 8686 may be taken; the console names the one bound).
    sb.append("kis.dashboard.port = 0\n");
    return sb.toString();
  }

  static List<Row> rows(List<Cycle> done, List<String> failures, int cycles, int agents, int load, boolean appCds,
      long firstStart, long dataBefore, long dataAfter, double loadStart, double loadEnd) {
    List<Row> rows = new ArrayList<>();
    String what = String.format(Locale.ROOT, "restart to LIVE, %d agents, standalone kis-sim, %s, %d CPU hog"
        + " thread(s), load %.1f-%.1f", agents, appCds ? "AppCDS archive (as packaging/kis-trader.sh)"
        : "no AppCDS archive (java -jar)", load, loadStart, loadEnd);
    if (done.isEmpty()) {
      rows.add(new Row(what, "no restart reached LIVE (" + failures.size() + " of " + cycles + ")", "-", "-",
          "< 3,000 ms (median)", "NO"));
      return rows;
    }
    Spread live = Spread.of(done.stream().mapToLong(Cycle::liveNanos).toArray());
    Spread floor = Spread.of(done.stream().mapToLong(Cycle::floorNanos).toArray());
    boolean met = failures.isEmpty() && live.median() / 1e6 < TARGET_MS;
    rows.add(new Row(what + ", median of " + done.size() + " SIGKILL restarts (process start to LIVE: connection LIVE"
        + " and every agent reconciled, may trade)",
        String.format(Locale.ROOT, "%,.0f ms median, p90 %,.0f, min %,.0f, max %,.0f%s", live.median() / 1e6,
            live.p90() / 1e6, live.min() / 1e6, live.max() / 1e6,
            failures.isEmpty() ? "" : "; " + failures.size() + " of " + cycles + " never LIVE"),
        String.format(Locale.ROOT, "%,.0f ms floor: kis-trader.jar --version, JVM start to exit (median)",
            floor.median() / 1e6),
        String.format(Locale.ROOT, "%.2fx", live.median() / floor.median()), "< 3,000 ms (median)", Row.yesNo(met)));
    long[] cpu = done.stream().mapToLong(Cycle::cpuNanos).filter(v -> v >= 0).toArray();
    if (cpu.length > 0) {
      Spread s = Spread.of(cpu);
      rows.add(new Row("  same, CPU time the engine JVM had used at LIVE (every thread: JIT, GC, class loading)",
          String.format(Locale.ROOT, "%,.0f ms median (max %,.0f ms)", s.median() / 1e6, s.max() / 1e6),
          String.format(Locale.ROOT, "%,.0f ms wall median", live.median() / 1e6),
          String.format(Locale.ROOT, "%.2f cores", s.median() / live.median()), "-", "n/a"));
    }
    for (int i = 0; i < done.size(); i++) {
      Cycle c = done.get(i);
      rows.add(new Row("  restart " + (i + 1) + ": process start to LIVE",
          String.format(Locale.ROOT, "%,d ms, %s CPU (connection LIVE %s, every agent may trade %s; the dashboard"
              + " shows it %s)", ms(c.liveNanos()), c.cpuNanos() < 0 ? "?" : String.format(Locale.ROOT, "%,d ms",
                  ms(c.cpuNanos())), at(c, RestartMarks.Phase.CONNECTION_LIVE), at(c, RestartMarks.Phase.AGENTS_ENABLED),
              c.dashboardNanos() < 0 ? "not within 30 s" : String.format(Locale.ROOT, "at %,d ms", ms(c.dashboardNanos()))),
          String.format(Locale.ROOT, "%,d ms floor (--version)", ms(c.floorNanos())),
          String.format(Locale.ROOT, "%.2fx", (double) c.liveNanos() / c.floorNanos()), "-", "n/a"));
    }
    rows.addAll(phaseRows(done));
    rows.add(new Row("  first start (empty data dir, token issued; not counted)", firstStart < 0 ? "-"
        : String.format(Locale.ROOT, "%,d ms", ms(firstStart)), "-", "-", "-", "n/a"));
    rows.add(new Row("  the loop's books: data dir before the restarts -> after; fills journaled during the restarts",
        String.format(Locale.ROOT, "%,.1f -> %,.1f MiB; %d fill(s)", dataBefore / 1048576.0, dataAfter / 1048576.0,
            done.stream().mapToLong(Cycle::fills).sum()), "-", "-", "-", "n/a"));
    for (String f : failures) {
      rows.add(new Row("  FAILED " + f, "-", "-", "-", "-", "NO"));
    }
    return rows;
  }

  /**
   * Where the time goes: each phase's median offset from the process start over the restarts, in
   * the order of those medians, and the step from the one before.
   */
  static List<Row> phaseRows(List<Cycle> done) {
    List<long[]> byPhase = new ArrayList<>();
    List<RestartMarks.Phase> seen = new ArrayList<>();
    for (RestartMarks.Phase p : RestartMarks.Phase.values()) {
      long[] v = done.stream().filter(c -> c.phases().containsKey(p)).mapToLong(c -> c.phases().get(p)).toArray();
      if (v.length > 0) {
        seen.add(p);
        byPhase.add(v);
      }
    }
    Integer[] order = new Integer[seen.size()];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, (a, b) -> Double.compare(Spread.of(byPhase.get(a)).median(), Spread.of(byPhase.get(b)).median()));
    List<Row> rows = new ArrayList<>();
    double before = 0;
    for (int k : order) {
      Spread s = Spread.of(byPhase.get(k));
      rows.add(new Row("  phase: process start -> " + seen.get(k).text,
          String.format(Locale.ROOT, "%,.0f ms median (+%,.0f ms; max %,.0f ms, seen in %d of %d)", s.median() / 1e6,
              (s.median() - before) / 1e6, s.max() / 1e6, s.count(), done.size()), "-", "-", "-", "n/a"));
      before = s.median();
    }
    return rows;
  }

  private static String at(Cycle c, RestartMarks.Phase p) {
    Long v = c.phases().get(p);
    return v == null ? "-" : String.format(Locale.ROOT, "%,d ms", ms(v));
  }

  private static long ms(long nanos) {
    return nanos / 1_000_000;
  }

  /** {@code -Dbench.engineJar}, else engine/target/kis-trader.jar beside this jar's module, else under the working dir. */
  static Path engineJar() throws Exception {
    String set = System.getProperty("bench.engineJar", "");
    List<Path> candidates = new ArrayList<>();
    if (!set.isEmpty()) {
      candidates.add(Path.of(set));
    } else {
      Path self = Path.of(RestartToLive.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      // bench/target/bench.jar (or bench/target/classes) -> engine/target/kis-trader.jar
      candidates.add(self.getParent().getParent().getParent().resolve("engine/target/kis-trader.jar"));
      candidates.add(Path.of("engine/target/kis-trader.jar"));
    }
    for (Path p : candidates) {
      if (Files.isRegularFile(p)) {
        return p.toRealPath(); // the archive names the jar by the canonical path it was built with
      }
    }
    throw new IllegalStateException("no engine jar at " + candidates + ": build it (./mvnw -B package -pl bench -am"
        + " -DskipTests builds both) or name it with -Dbench.engineJar=PATH");
  }

  /**
   * The AppCDS archive the way {@code packaging/kis-trader.sh} passes it (README "Faster start"):
   * {@code kis-trader.jsa} beside the jar, not older than it, with the stamp {@code cds-archive.sh}
   * wrote (both lengths) still true, mapped without relocation as the launcher maps it; none with
   * {@code -Dbench.appCds=off}.
   */
  static List<String> archiveArgs(Path jar) throws IOException {
    String name = jar.getFileName().toString();
    Path jsa = jar.resolveSibling(name.endsWith(".jar") ? name.substring(0, name.length() - 4) + ".jsa" : name + ".jsa");
    Path ok = jsa.resolveSibling(jsa.getFileName() + ".ok");
    if ("off".equals(System.getProperty("bench.appCds", "auto")) || !Files.isRegularFile(jsa)
        || !Files.isRegularFile(ok)
        || Files.getLastModifiedTime(jsa).compareTo(Files.getLastModifiedTime(jar)) < 0
        || !Files.readString(ok).trim().equals(Files.size(jsa) + " " + Files.size(jar))) {
      return List.of();
    }
    // Mapped where it was built to be, as the launcher maps it (no relocation pass at every start);
    // -Dbench.childJvmArgs=-XX:ArchiveRelocationMode=1 comes after and measures the JDK's default.
    return List.of("-XX:SharedArchiveFile=" + jsa, "-Xshare:auto", "-XX:+UnlockDiagnosticVMOptions",
        "-XX:ArchiveRelocationMode=0");
  }

  /**
   * The compiler directives {@code packaging/kis-trader.sh} passes to {@code run}
   * ({@code packaging/kis-trader-jit.json} of the jar's checkout), none with
   * {@code -Dbench.jitDirectives=off}; {@code -Dbench.jitDirectives=PATH} names another file.
   */
  static List<String> jitDirectivesArgs(Path jar) {
    String set = System.getProperty("bench.jitDirectives", "");
    if ("off".equals(set)) {
      return List.of();
    }
    // engine/target/kis-trader.jar -> packaging/kis-trader-jit.json of that checkout, else of the working dir
    Path checkout = jar.getParent() == null || jar.getParent().getParent() == null ? null
        : jar.getParent().getParent().getParent();
    Path file = !set.isEmpty() ? Path.of(set)
        : checkout != null && Files.isRegularFile(checkout.resolve(JIT_DIRECTIVES)) ? checkout.resolve(JIT_DIRECTIVES)
        : Path.of(JIT_DIRECTIVES);
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("no JIT directives at " + file + " (-Dbench.jitDirectives=off: run without)");
    }
    return List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:CompilerDirectivesFile=" + file.toAbsolutePath());
  }

  static List<String> childJvmArgs() {
    String extra = System.getProperty("bench.childJvmArgs", "").trim();
    return extra.isEmpty() ? List.of() : List.of(extra.split("\\s+"));
  }

  /** The 1-minute load average, -1 where /proc/loadavg is not there. */
  static double loadAverage() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static long size(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> {
        try {
          return Files.size(f);
        } catch (IOException e) {
          return 0; // a file the engine removed meanwhile (a compacted table)
        }
      }).sum();
    }
  }
}
