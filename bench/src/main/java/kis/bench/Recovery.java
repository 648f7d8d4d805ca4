package kis.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import kis.journal.AgentId;
import kis.journal.event.AgentEvent;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Recovery: {@code agents} agents with {@code events} journaled events each (1,000,000 in total by
 * default) on the engine's LevelDB journal. The journal and the agents' snapshots (every 500
 * events, as configured) are generated once per run with batched {@code persist(List)} and
 * checked whole (every agent's last snapshot, at its last event); then fresh child JVMs
 * ({@link RecoverAgents}) are timed from process start until every agent has recovered: with an
 * AppCDS archive written by a training child before (what {@code packaging/kis-trader.sh} does for
 * the engine) and without one, each against a child with no agents (the floor). The four kinds of
 * child run once per round, {@code rounds} rounds, in an order rotated each round (each kind runs
 * first, second, ... equally often, so none always follows the generator's or another child's
 * disk and CPU work); the figures are each kind's <b>median</b>, the spread printed beside it. A
 * single child of each kind moved the figure by hundreds of ms between runs (bench/README
 * "crash5"). Full replay (an empty snapshot store) runs once, after the figure.
 *
 * <p>The archive children run with {@code -Xshare:on}: an archive the JVM cannot use fails the
 * child (and the run's figure) instead of timing a start without it.
 *
 * <p>"Reconciled" here means recovered with nothing in doubt: the generated orders are all
 * filled, so no agent has anything for the reconciler, and no KIS inquiry is part of the figure.
 *
 * <p>Usage: {@code java -cp bench.jar kis.bench.Recovery [agents] [eventsPerAgent] [rounds]}; extra
 * child JVM options in {@code -Dbench.childJvmArgs="..."}, a JFR recording per child with
 * {@code -Dbench.childJfrDir=DIR}, and {@code -Dbench.keep=true} keeps the generated data dir.
 */
public final class Recovery {
  static final long TARGET_MS = 2_000;
  private static final int BATCH = 500;
  /** Agents written at once while generating: the journal has one writer, more only queue. */
  private static final int GENERATE_AT_ONCE = 10;

  private Recovery() {}

  public static void main(String[] args) throws Exception {
    int agents = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    int events = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    Row.print(run(agents, events, rounds));
    System.exit(0);
  }

  static AgentId agentId(int i) {
    return new AgentId(String.format(Locale.ROOT, "bench-%03d", i));
  }

  /** The timed kinds of child: with or without the archive, the agents or none (the floor). */
  enum Kind {
    CDS_AGENTS("with-snapshots-cds", true, true),
    CDS_FLOOR("no-agents-cds", true, false),
    AGENTS("with-snapshots", false, true),
    FLOOR("no-agents", false, false);

    final String variant;
    final boolean cds;
    final boolean agents;

    Kind(String variant, boolean cds, boolean agents) {
      this.variant = variant;
      this.cds = cds;
      this.agents = agents;
    }
  }

  /** Each kind's children: wall ms from process start to all recovered, ms in main, ms in a started JVM. */
  record Timings(long[] wall, long[] main, long[] inJvm) {
    static Timings of(List<long[]> children) {
      return new Timings(children.stream().mapToLong(c -> c[0]).toArray(),
          children.stream().mapToLong(c -> c[1]).toArray(), children.stream().mapToLong(c -> c[2]).toArray());
    }

    long median() {
      return Math.round(Spread.of(wall).median());
    }

    String spread() {
      Spread s = Spread.of(wall);
      return String.format(Locale.ROOT, "%,.0f-%,.0f", s.min(), s.max());
    }
  }

  /** Round {@code r}'s order of the kinds: rotated by one each round. */
  static List<Kind> order(int round) {
    Kind[] all = Kind.values();
    List<Kind> order = new ArrayList<>();
    for (int i = 0; i < all.length; i++) {
      order.add(all[(i + round) % all.length]);
    }
    return order;
  }

  static List<Row> run(int agents, int events, int rounds) throws Exception {
    if (rounds < 1) {
      throw new IllegalArgumentException("rounds must be at least 1: " + rounds);
    }
    Path dir = BenchConfig.tempDir("recovery-bench");
    try {
      long g0 = System.nanoTime();
      generate(dir, agents, events);
      settle(dir);
      System.err.printf(Locale.ROOT, "recovery: generated %,d events for %d agents in %.1f s%n",
          (long) agents * events, agents, (System.nanoTime() - g0) / 1e9);
      Path snapshots = dir.resolve("snapshots");
      Path empty = Files.createDirectories(dir.resolve("no-snapshots"));
      // The AppCDS archive as packaging/cds-archive.sh makes the engine's: one training start that
      // recovers the same agents, the JVM writing the classes it loaded as it exits.
      Path archive = dir.resolve("recovery.jsa");
      child("cds-training", dir, snapshots, agents, events, List.of("-XX:ArchiveClassesAtExit=" + archive));
      if (Files.isRegularFile(archive)) {
        settle(archive); // the 40 MB the training child wrote as it exited, written back before the timed ones
      }
      List<String> cds = Files.isRegularFile(archive)
          ? List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:on") : List.of();
      if (cds.isEmpty()) {
        System.err.println("recovery: the training run wrote no AppCDS archive; the AppCDS rows run without it");
      }
      java.util.Map<Kind, List<long[]>> byKind = new java.util.EnumMap<>(Kind.class);
      for (int r = 0; r < rounds; r++) {
        for (Kind k : order(r)) {
          long[] t = child(k.variant + "-" + (r + 1), dir, snapshots, k.agents ? agents : 0, events,
              k.cds ? cds : List.of());
          byKind.computeIfAbsent(k, x -> new ArrayList<>()).add(t);
          System.err.printf(Locale.ROOT, "recovery: round %d %s %d ms (%d in main, %d in a started JVM)%n", r + 1,
              k.variant, t[0], t[1], t[2]);
        }
      }
      Timings withCds = Timings.of(byKind.get(Kind.CDS_AGENTS));
      Timings floorCds = Timings.of(byKind.get(Kind.CDS_FLOOR));
      Timings with = Timings.of(byKind.get(Kind.AGENTS));
      Timings floor = Timings.of(byKind.get(Kind.FLOOR));
      String total = String.format(Locale.ROOT, "%,d", (long) agents * events);
      long ms = withCds.median();
      long floorMs = floorCds.median();
      // Without an archive the figure is not the one the issue names: no RESULT, so the summary says NO FIGURE.
      if (!cds.isEmpty()) {
        ResultLine.print("recovery.agents", agents, "recovery.events", (long) agents * events, "recovery.ms", ms,
            "recovery.floorMs", floorMs, "recovery.children", rounds);
      }
      // Full replay is an info row; printed after the figure so a replay that never ends (a loaded
      // machine) costs its own row only.
      long[] without;
      try {
        without = child("full-replay", dir, empty, agents, events, List.of());
      } catch (IllegalStateException e) {
        System.err.println("recovery: the full-replay child did not recover: " + e.getMessage());
        without = new long[] {-1, -1, -1};
      }
      boolean replayed = without[0] >= 0;
      long inJvm = Math.round(Spread.of(with.inJvm()).median());
      System.err.printf(Locale.ROOT, "recovery: medians of %d children each: with snapshots %d ms wall (%s),"
          + " with AppCDS %d ms (%s); floor %d ms (%s), with AppCDS %d ms (%s); in a started JVM %d ms, with AppCDS"
          + " %d ms; without snapshots %d ms (%d ms in a started JVM)%n", rounds, with.median(), with.spread(), ms,
          withCds.spread(), floor.median(), floor.spread(), floorMs, floorCds.spread(), inJvm,
          Math.round(Spread.of(withCds.inJvm()).median()), without[0], without[2]);
      String of = " (median of " + rounds + ": " ;
      return List.of(
          new Row("recovery, " + agents + " agents / " + total + " events, JVM start to all recovered (AppCDS archive,"
              + " as packaging/kis-trader.sh starts)", ms + " ms with snapshots" + of + withCds.spread() + ")"
              + (cds.isEmpty() ? " (NO archive: the training run wrote none)" : ""),
              floorMs + " ms floor: JVM + actor system + journal open, 0 agents, same archive" + of
                  + floorCds.spread() + ")",
              String.format(Locale.ROOT, "%.2f (floor + %d ms)", (double) ms / floorMs, ms - floorMs),
              "< 2,000 ms and <= floor + 500 ms", Row.yesNo(ms < TARGET_MS && ms - floorMs <= 500)),
          new Row("  same, without the archive (java -jar) (info)", with.median() + " ms with snapshots" + of
              + with.spread() + ")", floor.median() + " ms floor, 0 agents, no archive" + of + floor.spread() + ")",
              String.format(Locale.ROOT, "%.2f (floor + %d ms)", (double) with.median() / floor.median(),
                  with.median() - floor.median()), "-", "n/a"),
          new Row("  same, inside a started JVM (actor system and journal up): agents started to all recovered",
              inJvm + " ms with snapshots (median, no archive)", replayed
                  ? without[2] + " ms full replay (no snapshots)" : "full replay (no snapshots) did not recover",
              replayed ? String.format(Locale.ROOT, "%.2f", (double) inJvm / Math.max(1, without[2])) : "-",
              "(< 2,000 ms)", Row.yesNo(inJvm < TARGET_MS)),
          new Row("  same, full replay from JVM start, no archive (info)", replayed
              ? without[0] + " ms full replay (no snapshots)" : "did not recover (see the log)",
              with.median() + " ms with snapshots (median)",
              replayed ? String.format(Locale.ROOT, "%.2f", (double) without[0] / with.median()) : "-", "-", "n/a"));
    } finally {
      if (Boolean.getBoolean("bench.keep")) {
        System.err.println("recovery: data kept in " + dir);
      } else {
        JournalThroughput.deleteTree(dir);
      }
    }
  }

  /**
   * Writes the journal and snapshots; fsync is off while generating (the layout is the same).
   * Agents are written {@link #GENERATE_AT_ONCE} at a time, every plugin timeout is as long as
   * the whole run may be, and a writer that stops (its recovery or a write failed) fails the
   * generation at once: under load the generator once left 41 of 100 agents without events
   * (their writers stopped on a timed-out start while all 100 queued at once) and the children
   * then timed 59 (bench/README "crash5"). The result is checked whole before anything is timed.
   */
  static void generate(Path dir, int agents, int events) throws Exception {
    String patient = "600s";
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "recovery-gen",
        BenchConfig.engine(dir, "pekko.persistence.journal.leveldb.fsync = off\n"
            + "pekko.persistence.journal.leveldb.circuit-breaker.call-timeout = " + patient + "\n"
            + "pekko.persistence.journal.leveldb.recovery-event-timeout = " + patient + "\n"
            + "pekko.persistence.snapshot-store.local.circuit-breaker.call-timeout = " + patient + "\n"));
    try {
      for (int from = 0; from < agents; from += GENERATE_AT_ONCE) {
        List<CompletableFuture<Done>> acks = new ArrayList<>();
        CompletableFuture<Done> stopped = new CompletableFuture<>();
        for (int i = from; i < Math.min(agents, from + GENERATE_AT_ONCE); i++) {
          AgentId id = agentId(i);
          ActorRef<JournalWriter.Write> w = system.systemActorOf(watched(id, stopped), id.value(), Props.empty());
          List<AgentEvent> all = OrderEvents.journalOf(id, events);
          for (int b = 0; b < all.size(); b += BATCH) {
            List<AgentEvent> batch = all.subList(b, Math.min(all.size(), b + BATCH));
            acks.add(AskPattern.<JournalWriter.Write, Done>ask(w, r -> new JournalWriter.Write(List.copyOf(batch), r),
                Duration.ofMinutes(10), system.scheduler()).toCompletableFuture());
          }
        }
        CompletableFuture.anyOf(CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)), stopped)
            .get(10, TimeUnit.MINUTES);
      }
      awaitSnapshots(dir.resolve("snapshots"), agents, events);
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
  }

  /** {@code id}'s journal writer, failing {@code stopped} if it stops before the generation ends. */
  private static Behavior<JournalWriter.Write> watched(AgentId id, CompletableFuture<Done> stopped) {
    return Behaviors.setup(ctx -> {
      ActorRef<JournalWriter.Write> w = ctx.spawn(JournalWriter.create(id, BATCH), "writer");
      ctx.watch(w);
      return Behaviors.receive(JournalWriter.Write.class)
          .onMessage(JournalWriter.Write.class, m -> {
            w.tell(m);
            return Behaviors.same();
          })
          .onSignal(Terminated.class, t -> {
            stopped.completeExceptionally(new IllegalStateException("recovery generation: the journal writer of "
                + id.value() + " stopped (its start or a write failed; the log above says which)"));
            return Behaviors.stopped();
          })
          .build();
    });
  }

  /**
   * Every agent's last snapshot (at its last event, so every event before it is journaled) is on
   * disk: snapshots are saved after the write is acknowledged, so wait (bounded) for them.
   */
  private static void awaitSnapshots(Path dir, int agents, int events) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (true) {
      List<String> missing = new ArrayList<>();
      java.util.Set<String> names;
      try (var files = Files.list(dir)) {
        names = files.map(f -> f.getFileName().toString()).collect(java.util.stream.Collectors.toSet());
      }
      for (int i = 0; i < agents; i++) {
        String prefix = "snapshot-" + java.net.URLEncoder.encode(kis.actors.agent.Agent.persistenceId(agentId(i)).id(),
            StandardCharsets.UTF_8) + "-" + events + "-";
        if (names.stream().noneMatch(n -> n.startsWith(prefix))) {
          missing.add(agentId(i).value());
        }
      }
      if (missing.isEmpty()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("recovery generation: " + missing.size() + " of " + agents
            + " agents have no snapshot at event " + events + ", e.g. " + missing.subList(0, Math.min(5,
                missing.size())));
      }
      Thread.sleep(20); // a poll with a deadline; spinning would take a core from the snapshot writers
    }
  }

  /**
   * Forces the files under {@code path} (or the file) to disk: generated with fsync off, they sit dirty in the page cache
   * and the kernel writes them back in the next 30 s or so, i.e. during the first children, which
   * then paid the write-back the later ones did not.
   */
  static void settle(Path path) throws java.io.IOException {
    try (var files = Files.walk(path)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        try (java.nio.channels.FileChannel c = java.nio.channels.FileChannel.open(f,
            java.nio.file.StandardOpenOption.WRITE)) {
          c.force(true);
        }
      }
    }
  }

  /** Wall ms from child start to all recovered, and ms inside its main. */
  static long[] child(String variant, Path data, Path snapshots, int agents, int events, List<String> jvmArgs)
      throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmArgs);
    String extra = System.getProperty("bench.childJvmArgs", "").trim();
    if (!extra.isEmpty()) {
      cmd.addAll(List.of(extra.split("\\s+")));
    }
    String jfrDir = System.getProperty("bench.childJfrDir", "");
    if (!jfrDir.isEmpty()) {
      cmd.add("-XX:StartFlightRecording=filename=" + Path.of(jfrDir, "recovery-" + variant + ".jfr") + ",settings=profile");
    }
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), RecoverAgents.class.getName(),
        data.toString(), snapshots.toString(), Integer.toString(agents), Integer.toString(events)));
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    // A child whose agents never recover (seen at load ~10 with full replay: the journal's breaker
    // timed the replays out and the agents stopped) never prints and never exits; killing it ends
    // the read below, so the run reports NO FIGURE for it instead of waiting for good.
    long limit = Long.getLong("bench.childTimeoutSeconds", 600);
    CompletableFuture.delayedExecutor(limit, TimeUnit.SECONDS).execute(p::destroyForcibly);
    try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.startsWith("RECOVERED ")) {
          long wall = (System.nanoTime() - t0) / 1_000_000;
          String[] f = line.split(" ");
          p.waitFor(60, TimeUnit.SECONDS);
          return new long[] {wall, Long.parseLong(f[2]), Long.parseLong(f[3])};
        }
        if (line.startsWith("FAILED")) {
          throw new IllegalStateException("recovery child: " + line);
        }
      }
    } finally {
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
    throw new IllegalStateException("recovery child exited with " + p.exitValue() + " without recovering (killed"
        + " after -Dbench.childTimeoutSeconds=" + limit + " if it ran that long)");
  }
}
