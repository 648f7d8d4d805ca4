package kis.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import kis.actors.agent.Agent;
import kis.actors.agent.AgentSettings;
import kis.actors.agent.AgentThreads;
import kis.actors.agent.OrderPort;
import kis.engine.journal.GroupCommitLeveldbJournal;
import kis.journal.AgentId;
import kis.journal.ClientOrderId;
import kis.journal.OrderNo;
import kis.journal.OrderSpec;
import kis.journal.Side;
import kis.journal.event.AgentEvent;
import kis.journal.event.FillSource;
import kis.journal.state.AgentState;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.pattern.Patterns;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.Persistence;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.fusesource.leveldbjni.JniDBFactory;
import org.iq80.leveldb.DB;
import org.iq80.leveldb.Options;
import org.iq80.leveldb.WriteBatch;
import org.iq80.leveldb.WriteOptions;

/**
 * Journal write throughput with fsync on: real {@link Agent}s placing orders through a port that
 * accepts and fills each one at once, so every order journals {@code OrderRequested},
 * {@code OrderAccepted} and {@code OrderFilled}. Three journals, each in its own actor system and
 * data dir, configured as in {@code conf/application.conf} but for the class: the engine's
 * group-commit journal ({@code GroupCommitLeveldbJournal}, {@code kis-trader.journal.group-commit =
 * on}), the engine's journal without it ({@code MarkedLeveldbJournal}: Pekko's LevelDB journal,
 * one synced batch per write request, plus the marks' fsync), and Pekko's LevelDB journal as
 * shipped (no marks). Baseline, in the same run: the CBOR bytes of the same events (Pekko's
 * jackson-cbor serializer) written with raw leveldbjni {@link WriteBatch}es, sync on, one event per
 * synced batch and {@code agents} events per synced batch.
 *
 * <p>Batching, stated honestly: an agent persists one event per command and Pekko stashes its
 * next command until the write is confirmed, so each agent has one write in flight. Pekko's
 * journal turns every write request into one synced WriteBatch (ten agents, ten fsyncs in a row);
 * the group-commit journal commits every request that queued behind an fsync in the next one. All
 * sides alternate for {@code -Dbench.rounds} rounds (3); the figures are medians, the ratios the
 * median per-round ratios. The load average before and after is printed with the rows. Each
 * journal first journals {@code -Dbench.warmOrders} (50) orders per agent on other ids, untimed,
 * and again until the JIT is quiet ({@link #warmUntilJitQuiet}).
 *
 * <p>Usage: {@code java -cp bench.jar kis.bench.JournalThroughput [agents] [ordersPerAgent]}.
 */
public final class JournalThroughput {
  static final double TARGET_VS_RAW_1 = 2.0;
  static final double TARGET_VS_RAW_N = 0.5;
  static final String GROUP = "kis.engine.journal.GroupCommitLeveldbJournal";
  static final String MARKED = "kis.engine.journal.MarkedLeveldbJournal";
  static final String PEKKO = "org.apache.pekko.persistence.journal.leveldb.LeveldbJournal";
  /** The group-commit system's threads: its actor system's dispatchers, the journal writer and marks threads. */
  private static final java.util.regex.Pattern GROUP_THREADS =
      java.util.regex.Pattern.compile("journal-bench-group-|kis-journal-");
  /**
   * The group-commit system's thread kinds, each a name pattern, for where its CPU per event goes:
   * the agents (their own dispatcher, as the engine runs them; the instant broker and the bench's
   * asks on the default one, counted with them), the journal actor (serializing), the writer (batch,
   * fsync, answers) and the marks thread (append, fsync).
   */
  private static final String[][] GROUP_KINDS = {
      {"agents", "journal-bench-group-pekko\\.actor\\.(default|kis-agent)-dispatcher"},
      {"journal actor", "journal-bench-group-pekko\\.persistence\\.dispatchers\\.default-plugin-dispatcher"},
      {"writer", "kis-journal-writer"}, {"marks", "kis-journal-marks"}};
  /**
   * {@code -Dbench.agentsOnDefault=true}: the agents on Pekko's default dispatcher, as before they had
   * threads of their own ({@link AgentThreads}), for a comparison in the same minutes.
   */
  private static final boolean AGENTS_ON_DEFAULT = Boolean.getBoolean("bench.agentsOnDefault");
  /** Between two polls of an agent's event count while the last events are journaled. */
  private static final long POLL_NANOS = 500_000;

  private JournalThroughput() {}

  public static void main(String[] args) throws Exception {
    int agents = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int orders = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    Row.print(run(agents, orders));
    System.exit(0);
  }

  private static ActorSystem<Void> system(Path dir, String name, String journalClass) throws java.io.IOException {
    // Pekko's own journal creates its dir but not the parent.
    Files.createDirectories(dir);
    return ActorSystem.create(Behaviors.empty(), name,
        BenchConfig.engine(dir, "kis-trader.journal.group-commit = off\n"
            + "pekko.persistence.journal.leveldb.class = \"" + journalClass + "\""));
  }

  static List<Row> run(int agents, int orders) throws Exception {
    String loadBefore = loadAverage();
    Path dir = BenchConfig.tempDir("journal-bench");
    ActorSystem<Void> group = system(dir.resolve("group"), "journal-bench-group", GROUP);
    ActorSystem<Void> marked = system(dir.resolve("marked"), "journal-bench-marked", MARKED);
    ActorSystem<Void> pekko = system(dir.resolve("pekko"), "journal-bench-pekko", PEKKO);
    try {
      List<AgentEvent> sample = new ArrayList<>();
      AgentId sampleAgent = new AgentId("bench-raw");
      for (int i = 1; sample.size() < agents * orders * 3; i++) {
        sample.addAll(OrderEvents.lifeCycle(sampleAgent, i));
      }
      Serialization ser = SerializationExtension.get(group);
      List<byte[]> bytes = new ArrayList<>(sample.size());
      for (AgentEvent e : sample) {
        bytes.add(ser.serialize(e).get());
      }
      double avgBytes = bytes.stream().mapToInt(b -> b.length).average().orElse(0);

      // Warm-up on other ids, and a few raw writes. 50 orders per agent (was 5): with 5, round 0
      // of every journal ran at a third of rounds 1-2 (the JIT still compiling the Pekko, Jackson
      // and fold paths), which pulled the median down; the raw writer, a few calls deep, warmed at once.
      int warmOrders = Integer.getInteger("bench.warmOrders", 50);
      String warm = warmUntilJitQuiet(List.of(group, marked, pekko), agents, warmOrders);
      rawRun(dir.resolve("raw-warm").toFile(), bytes.subList(0, Math.min(300, bytes.size())), 1);
      GroupCommitLeveldbJournal.Stats before = stats(group);

      // The disk is shared and fsync latency drifts, so the sides alternate, round by round, and
      // the figure is the median of the per-round ratios.
      int rounds = Integer.getInteger("bench.rounds", 3);
      double[] groups = new double[rounds];
      double[] markeds = new double[rounds];
      double[] pekkos = new double[rounds];
      double[] raw1s = new double[rounds];
      double[] rawNs = new double[rounds];
      double[] vsRaw1 = new double[rounds];
      double[] vsRawN = new double[rounds];
      double[] markedVsRaw1 = new double[rounds];
      double[] pekkoVsRaw1 = new double[rounds];
      double[] groupCpu = new double[rounds];
      double[][] kindCpu = new double[GROUP_KINDS.length][rounds];
      long jit0 = jitMillis();
      for (int r = 0; r < rounds; r++) {
        // The CPU of the group-commit system's own threads (its dispatchers, the writer and the
        // marks thread) over its run: per event it moves less with the machine's load than events
        // per second do. JIT and GC are left out (they are the whole JVM's, all three journals').
        long cpu0 = threadCpuNanos(GROUP_THREADS);
        long[] kind0 = kindCpuNanos();
        groups[r] = agentRun(group, agents, orders, "r" + r);
        groupCpu[r] = (threadCpuNanos(GROUP_THREADS) - cpu0) / 1e3 / (3.0 * orders * agents);
        long[] kind1 = kindCpuNanos();
        for (int k = 0; k < GROUP_KINDS.length; k++) {
          kindCpu[k][r] = (kind1[k] - kind0[k]) / 1e3 / (3.0 * orders * agents);
        }
        markeds[r] = agentRun(marked, agents, orders, "r" + r);
        pekkos[r] = agentRun(pekko, agents, orders, "r" + r);
        raw1s[r] = rawRun(dir.resolve("raw-1-" + r).toFile(), bytes, 1);
        rawNs[r] = rawRun(dir.resolve("raw-n-" + r).toFile(), bytes, agents);
        vsRaw1[r] = groups[r] / raw1s[r];
        vsRawN[r] = groups[r] / rawNs[r];
        markedVsRaw1[r] = markeds[r] / raw1s[r];
        pekkoVsRaw1[r] = pekkos[r] / raw1s[r];
        System.err.printf(Locale.ROOT, "journal round %d: group commit %.0f ev/s (%.0f us CPU/event), engine's Pekko"
            + " journal %.0f ev/s, Pekko's as shipped %.0f ev/s, raw %.0f ev/s (1/batch), %.0f ev/s (%d/batch)%n",
            r, groups[r], groupCpu[r], markeds[r], pekkos[r], raw1s[r], rawNs[r], agents);
      }
      long jitRounds = jitMillis() - jit0;
      GroupCommitLeveldbJournal.Stats after = stats(group);
      long requests = after.requests() - before.requests();
      long commits = after.commits() - before.commits();
      double groupRate = BacktestThroughput.median(groups);
      double raw1 = BacktestThroughput.median(raw1s);
      double rawN = BacktestThroughput.median(rawNs);
      double r1 = BacktestThroughput.median(vsRaw1);
      double rN = BacktestThroughput.median(vsRawN);
      String loadAfter = loadAverage();
      System.err.printf(Locale.ROOT, "journal: %d agents x %d orders = %,d events, %.0f CBOR bytes/event%n",
          agents, orders, agents * orders * 3, avgBytes);
      ResultLine.print("journal.agents", agents, "journal.group", groupRate, "journal.raw1", raw1,
          "journal.rawN", rawN, "journal.vsRaw1", r1, "journal.vsRawN", rN);
      List<Row> rows = new ArrayList<>();
      rows.add(new Row("journal write, " + agents + " agents, fsync on, group commit",
          String.format(Locale.ROOT, "%,.0f ev/s", groupRate),
          String.format(Locale.ROOT, "%,.0f ev/s raw JNI, 1 ev/synced batch", raw1),
          String.format(Locale.ROOT, "%.2f", r1), "ratio >= " + TARGET_VS_RAW_1, Row.yesNo(r1 >= TARGET_VS_RAW_1)));
      rows.add(new Row("  same, vs raw JNI " + agents + " ev/synced batch",
          String.format(Locale.ROOT, "%,.0f ev/s", groupRate),
          String.format(Locale.ROOT, "%,.0f ev/s raw JNI, %d ev/synced batch", rawN, agents),
          String.format(Locale.ROOT, "%.2f", rN), "ratio >= " + TARGET_VS_RAW_N, Row.yesNo(rN >= TARGET_VS_RAW_N)));
      rows.add(new Row("  same, Pekko's journal as the engine ran it (one fsync per write + marks) (info)",
          String.format(Locale.ROOT, "%,.0f ev/s", BacktestThroughput.median(markeds)),
          String.format(Locale.ROOT, "%,.0f ev/s raw JNI, 1 ev/synced batch", raw1),
          String.format(Locale.ROOT, "%.2f", BacktestThroughput.median(markedVsRaw1)), "-", "n/a"));
      rows.add(new Row("  same, Pekko's LevelDB journal as shipped (no marks) (info)",
          String.format(Locale.ROOT, "%,.0f ev/s", BacktestThroughput.median(pekkos)),
          String.format(Locale.ROOT, "%,.0f ev/s raw JNI, 1 ev/synced batch", raw1),
          String.format(Locale.ROOT, "%.2f", BacktestThroughput.median(pekkoVsRaw1)), "-", "n/a"));
      rows.add(new Row("  same, group commit: CPU per event of its threads (dispatchers, writer, marks; info)",
          String.format(Locale.ROOT, "%.0f us/event", BacktestThroughput.median(groupCpu)),
          String.format(Locale.ROOT, "%,.0f ev/s on %d processors", groupRate, Runtime.getRuntime().availableProcessors()),
          "-", "-", "n/a"));
      StringBuilder kinds = new StringBuilder();
      for (int k = 0; k < GROUP_KINDS.length; k++) {
        kinds.append(k == 0 ? "" : ", ").append(GROUP_KINDS[k][0]).append(' ')
            .append(String.format(Locale.ROOT, "%.0f", BacktestThroughput.median(kindCpu[k])));
      }
      rows.add(new Row("  same, group commit: CPU per event by thread kind, us (medians of the rounds; info)",
          kinds.toString(), "-", "-", "-", "n/a"));
      rows.add(new Row("  same, group commit: writes per commit; load average (info)",
          String.format(Locale.ROOT, "%,d writes in %,d commits", requests, commits),
          "load " + loadBefore + " before, " + loadAfter + " after; " + warm + "; JIT " + jitRounds
              + " ms in the rounds",
          String.format(Locale.ROOT, "%.1f", commits == 0 ? 0.0 : (double) requests / commits), "-", "n/a"));
      return rows;
    } finally {
      for (ActorSystem<Void> s : List.of(group, marked, pekko)) {
        s.terminate();
        s.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
      }
      deleteTree(dir);
    }
  }

  /**
   * Warms every journal with {@code orders} orders per agent (on other ids), then again batch by
   * batch while the JIT still compiles: until a batch costs the compilers under a tenth of its
   * wall time, at most {@code -Dbench.warmBatches} (20) batches. With one fixed warm-up of 50 orders
   * the compilers were still at work in the timed rounds (C2 took more CPU per event than the
   * journal's own threads in a profile after 300), so the rounds measured the JIT's warm-up on 2
   * cores, not the journal. Returns what it did, for the load row.
   */
  static String warmUntilJitQuiet(List<ActorSystem<Void>> systems, int agents, int orders) throws Exception {
    int max = Integer.getInteger("bench.warmBatches", 20);
    long lastJit = 0;
    long lastWall = 1;
    int batch = 0;
    while (batch < max) {
      long jit0 = jitMillis();
      long t0 = System.nanoTime();
      for (ActorSystem<Void> s : systems) {
        agentRun(s, agents, orders, "warm" + batch);
      }
      batch++;
      lastJit = jitMillis() - jit0;
      lastWall = Math.max(1, (System.nanoTime() - t0) / 1_000_000);
      if (lastJit * 10 < lastWall) {
        break;
      }
    }
    return String.format(Locale.ROOT, "warm-up %d x %d orders/agent, its last JIT %d of %d ms", batch, orders, lastJit,
        lastWall);
  }

  /** Milliseconds the JIT compilers have worked so far, or 0 where the JVM does not say. */
  static long jitMillis() {
    java.lang.management.CompilationMXBean c = java.lang.management.ManagementFactory.getCompilationMXBean();
    return c != null && c.isCompilationTimeMonitoringSupported() ? c.getTotalCompilationTime() : 0;
  }

  /** The group-commit journal's counts of write requests and commits. */
  static GroupCommitLeveldbJournal.Stats stats(ActorSystem<Void> system) throws Exception {
    org.apache.pekko.actor.ActorRef journal = Persistence.get(Adapter.toClassic(system))
        .journalFor("pekko.persistence.journal.leveldb", com.typesafe.config.ConfigFactory.empty());
    return (GroupCommitLeveldbJournal.Stats) Patterns.ask(journal, GroupCommitLeveldbJournal.GetStats.INSTANCE,
        Duration.ofSeconds(30)).toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /**
   * CPU time so far of the live threads whose name matches {@code names} (user and system: an
   * fsync's kernel time counts), or 0 where the JVM does not measure thread CPU.
   */
  static long threadCpuNanos(java.util.regex.Pattern names) {
    java.lang.management.ThreadMXBean tm = java.lang.management.ManagementFactory.getThreadMXBean();
    if (!tm.isThreadCpuTimeSupported()) {
      return 0;
    }
    long sum = 0;
    for (java.lang.management.ThreadInfo t : tm.getThreadInfo(tm.getAllThreadIds())) {
      if (t != null && names.matcher(t.getThreadName()).lookingAt()) {
        sum += Math.max(0, tm.getThreadCpuTime(t.getThreadId()));
      }
    }
    return sum;
  }

  /** {@link #threadCpuNanos} of each of {@link #GROUP_KINDS}, in their order. */
  private static long[] kindCpuNanos() {
    long[] out = new long[GROUP_KINDS.length];
    for (int k = 0; k < out.length; k++) {
      out[k] = threadCpuNanos(java.util.regex.Pattern.compile(GROUP_KINDS[k][1]));
    }
    return out;
  }

  /** The 1, 5 and 15 minute load averages ({@code /proc/loadavg}), or "?" where there is none. */
  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " / " + f[1] + " / " + f[2];
    } catch (java.io.IOException | RuntimeException e) {
      return "?";
    }
  }

  /** Events per second journaled by {@code agents} agents placing {@code orders} orders each. */
  static double agentRun(ActorSystem<Void> system, int agents, int orders, String prefix) throws Exception {
    ActorRef<OrderPort> port = system.systemActorOf(instantBroker(), prefix + "-port", Props.empty());
    List<ActorRef<Agent.Command>> refs = new ArrayList<>();
    for (int i = 0; i < agents; i++) {
      AgentId id = new AgentId(prefix + "-agent-" + i);
      refs.add(system.systemActorOf(Agent.create(AgentSettings.of(id), port, Clock.systemUTC()),
          prefix + "-agent-" + i, AGENTS_ON_DEFAULT ? Props.empty() : AgentThreads.props()));
    }
    // Recovery of the fresh agents is not part of the figure.
    awaitAll(system, refs, 0);
    long t0 = System.nanoTime();
    List<CompletableFuture<StatusReply<ClientOrderId>>> placed = new ArrayList<>();
    for (int o = 0; o < orders; o++) {
      for (ActorRef<Agent.Command> a : refs) {
        OrderSpec spec = OrderSpec.limit(OrderEvents.SAMSUNG, Side.BUY, 10, 70_000);
        placed.add(AskPattern.<Agent.Command, StatusReply<ClientOrderId>>ask(a,
            r -> new Agent.PlaceOrder(spec, "bench", r), Duration.ofMinutes(5), system.scheduler())
            .toCompletableFuture());
      }
    }
    for (CompletableFuture<StatusReply<ClientOrderId>> f : placed) {
      if (f.get(5, TimeUnit.MINUTES).isError()) {
        throw new IllegalStateException("order refused: " + f.get().getError());
      }
    }
    awaitAll(system, refs, 3L * orders);
    long t1 = System.nanoTime();
    return 3.0 * orders * agents / ((t1 - t0) / 1e9);
  }

  /** Waits until every agent has journaled {@code events} events (fills arrive after the order reply). */
  private static void awaitAll(ActorSystem<Void> system, List<ActorRef<Agent.Command>> refs, long events)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    for (ActorRef<Agent.Command> a : refs) {
      while (true) {
        CompletionStage<AgentState> s = AskPattern.ask(a, Agent.GetState::new, Duration.ofMinutes(1),
            system.scheduler());
        long n = s.toCompletableFuture().get(1, TimeUnit.MINUTES).eventCount();
        if (n >= events) {
          break;
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(a.path().name() + " journaled only " + n + " of " + events);
        }
        // Not a spin: each poll is a GetState the agent stashes behind its write in flight and an
        // ask (temporary actor, scheduled timeout); polled back to back they took CPU from the
        // agents they measure, on 2 cores. 0.5 ms is under 0.1 % of a round.
        LockSupport.parkNanos(POLL_NANOS);
      }
    }
  }

  /** A broker that accepts every order and fills it in full at its limit, at once. */
  static Behavior<OrderPort> instantBroker() {
    return Behaviors.receive((ctx, m) -> {
      if (m instanceof OrderPort.SendOrder s) {
        // Padded by hand: String.format here was 4 % of the run's CPU, the stub's, not the journal's.
        String digits = Long.toString(Math.abs((long) s.orderId().value().hashCode()));
        OrderNo no = OrderNo.of("0".repeat(Math.max(0, 10 - digits.length())) + digits);
        s.replyTo().tell(new Agent.BrokerAccepted(s.orderId(), no, "06010", "090000", false));
        s.replyTo().tell(new Agent.BrokerFill(no, s.spec().quantity(), s.spec().price(), "x-" + s.orderId().value(),
            "090001", FillSource.NOTICE));
      }
      return Behaviors.same();
    });
  }

  /** Events per second written as raw synced WriteBatches of {@code perBatch} events. */
  static double rawRun(File dir, List<byte[]> events, int perBatch) throws Exception {
    Options options = new Options().createIfMissing(true).paranoidChecks(false).verifyChecksums(false);
    try (DB db = JniDBFactory.factory.open(dir, options)) {
      WriteOptions sync = new WriteOptions().sync(true);
      long t0 = System.nanoTime();
      for (int i = 0; i < events.size(); i += perBatch) {
        try (WriteBatch batch = db.createWriteBatch()) {
          for (int j = i; j < Math.min(events.size(), i + perBatch); j++) {
            batch.put(key(j), events.get(j));
          }
          db.write(batch, sync);
        }
      }
      return events.size() / ((System.nanoTime() - t0) / 1e9);
    }
  }

  /** Pekko's LevelDB key layout in spirit: persistence id number, sequence number, channel. */
  private static byte[] key(long seq) {
    return java.nio.ByteBuffer.allocate(16).putInt(7).putLong(seq).putInt(0).array();
  }

  static void deleteTree(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (java.io.IOException e) {
      System.err.println("could not delete " + dir + ": " + e.getMessage());
    }
  }
}
