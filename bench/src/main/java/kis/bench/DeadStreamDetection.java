package kis.bench;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import kis.actors.gateway.GatewaySettings;
import kis.actors.gateway.OrderGateway;
import kis.actors.reconcile.ReconcilerActor;
import kis.actors.reconcile.ReconcilerSettings;
import kis.actors.supervisor.ConnectionState;
import kis.actors.supervisor.KisSupervisor;
import kis.actors.supervisor.StreamWatch;
import kis.actors.supervisor.SupervisorSettings;
import kis.connector.assembly.KisConnector;
import kis.connector.ws.KisFeedEvent;
import kis.journal.CostModel;
import kis.journal.Symbol;
import kis.journal.calendar.KrxCalendar;
import kis.journal.calendar.SessionClock;
import kis.sim.BenchTape;
import kis.sim.KisSimulator;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Dead-stream detection (issue 17). Two parts, one run:
 *
 * <ol>
 *   <li><b>Liquid symbol.</b> The live engine ({@link kis.actors.live.LiveEngine}, one agent
 *       subscribed to trades, the engine's own {@code conf/application.conf}) on kis-sim with 100
 *       prints/s and PINGPONG every 10 s; {@code faults().silence(true)} keeps the socket open and
 *       sends nothing; one trial is the time from the silence to the supervisor reporting
 *       STALE/RECONNECTING (the silence is lifted then; the time to LIVE again is shown too). The
 *       figure is the default configuration (per-stream watchdog on); the baseline, in the same run,
 *       the same engine with {@code stream-watchdog.enabled = off}: today's fixed no-frame limit.</li>
 *   <li><b>Quiet feed.</b> The KIS supervisor (with its gateway and reconciler, the engine's
 *       configuration) on a second kis-sim printing one trade every 10-30 s and PINGPONG every 30 s,
 *       for {@code quietMinutes} of market time during KRX's continuous session (a Monday from
 *       10:00 KST), counting reconnects: must be 0. The supervisor's clock runs
 *       {@code compression} times faster than real time, and so do the prints, the PINGPONG and the
 *       watchdog's look; actor, network and CPU delays are real, so they count {@code compression}
 *       times in market time (a conservative distortion). Then the feed is silenced and the market
 *       time until the quiet stream is found stale is an info row.</li>
 * </ol>
 *
 * <p>Usage: {@code java -cp bench.jar kis.bench.DeadStreamDetection [trials=5] [baselineTrials=1]
 * [quietMinutes=10] [compression=10]}.
 */
public final class DeadStreamDetection {
  static final long TARGET_NANOS = 5_000_000_000L;
  static final Symbol SYMBOL = Symbol.of("005930");
  static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
  /** A Monday of the KRX calendar, inside the continuous session. */
  static final Instant QUIET_START = ZonedDateTime.of(2026, 12, 7, 10, 0, 0, 0, SEOUL).toInstant();
  static final Duration QUIET_PINGPONG = Duration.ofSeconds(30);

  private DeadStreamDetection() {}

  public static void main(String[] args) throws Exception {
    int trials = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int baselineTrials = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    int quietMinutes = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    double compression = args.length > 3 ? Double.parseDouble(args[3]) : 10;
    Row.print(run(trials, baselineTrials, quietMinutes, compression));
    Exit.halt();
  }

  /** What a status watcher saw, with its arrival time. */
  record Seen(long nanos, ConnectionState state) {}

  /** Detection (silence to RECONNECTING) and recovery (silence to LIVE again) of each trial, in ns. */
  record Trials(long[] detect, long[] live) {
    String describe() {
      return String.format(Locale.ROOT, "median %s, max %s (n=%d); LIVE again median %s", s(median(detect)),
          s(max(detect)), detect.length, s(median(live)));
    }
  }

  /** The quiet run: reconnects during it, the stream as the watchdog saw it at its end, and the dead-quiet detection. */
  record Quiet(long reconnects, int prints, String stream, Duration marketDetect) {}

  static List<Row> run(int trials, int baselineTrials, int quietMinutes, double compression) throws Exception {
    Path dir = BenchConfig.tempDir("deadstream-bench");
    SupervisorSettings configured = SupervisorSettings.fromConfig(BenchConfig.engine(dir.resolve("conf"), ""));
    List<Row> rows = new ArrayList<>();
    if (trials == 0) { // the quiet feed alone (a longer run than run-all.sh's)
      quietRows(rows, quietFeed(dir.resolve("quiet"), configured, quietMinutes, compression), quietMinutes,
          compression);
      return rows;
    }
    Trials adaptive;
    Trials fixed = null; // baselineTrials = 0 (run-all.sh --quick): the 60 s fixed-limit trial is skipped
    try (KisSimulator sim = SimEngine.simulator("pingpong-interval = 10s")) {
      BenchTape tape = new BenchTape(sim);
      long price = sim.account().lastPrice(SYMBOL);
      Thread printer = new Thread(() -> {
        while (!Thread.currentThread().isInterrupted()) {
          tape.print(SYMBOL, price, 10);
          try {
            TimeUnit.MILLISECONDS.sleep(10); // pacing the background prints, not waiting for anything
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "bench-prints");
      printer.setDaemon(true);
      printer.start();
      String agents = "kis-trader.agents = [ { id = \"watch-" + SYMBOL.code() + "\", symbol = \"" + SYMBOL.code()
          + "\", strategy { name = \"kis.bench.TradeTrigger\", params { symbol = \"" + SYMBOL.code()
          + "\", trigger-quantity = 999999, quantity = 1 } } } ]";
      try (SimEngine e = SimEngine.start(sim, dir.resolve("engine"), agents, GatewaySettings.real(), 18)) {
        adaptive = trials(sim, e.system, e.handles.supervisor(), trials, Duration.ofSeconds(90));
      }
      System.err.println("dead-stream, engine, default configuration: " + adaptive.describe());
      if (baselineTrials > 0) {
        try (SimEngine e = SimEngine.start(sim, dir.resolve("engine-fixed"),
            agents + "\nkis-trader.supervisor.stream-watchdog.enabled = off", GatewaySettings.real(), 18)) {
          fixed = trials(sim, e.system, e.handles.supervisor(), baselineTrials,
              configured.watchdog().heartbeatSilence().plus(configured.watchdogInterval()).plusSeconds(30));
        }
        System.err.println("dead-stream, engine, fixed limit only: " + fixed.describe());
      }
      printer.interrupt();
    }
    Quiet quiet = quietFeed(dir.resolve("quiet"), configured, quietMinutes, compression);

    if (fixed != null) {
      ResultLine.print("dead.fixedMedianS", median(fixed.detect()) / 1e9);
    }
    ResultLine.print("dead.trials", trials, "dead.maxDetectS", max(adaptive.detect()) / 1e9, "dead.medianDetectS",
        median(adaptive.detect()) / 1e9);
    rows.add(new Row("dead-stream detection (engine, default configuration, liquid symbol 100 prints/s)",
        adaptive.describe(), fixed == null ? "fixed limit only: not run (baselineTrials = 0)"
            : "fixed limit only (stream-watchdog off): " + fixed.describe(),
        fixed == null ? "-" : String.format(Locale.ROOT, "%.3f", (double) median(adaptive.detect()) / median(fixed.detect())),
        "< 5 s, 0 reconnects on a quiet feed",
        Row.yesNo(max(adaptive.detect()) < TARGET_NANOS && quiet.reconnects() == 0)));
    quietRows(rows, quiet, quietMinutes, compression);
    return rows;
  }

  static void quietRows(List<Row> rows, Quiet quiet, int quietMinutes, double compression) {
    ResultLine.print("dead.quietMinutes", quietMinutes, "dead.quietReconnects", quiet.reconnects());
    rows.add(new Row(String.format(Locale.ROOT, "  same, quiet feed: reconnects over %d min of market time (a print"
        + " every 10-30 s, PINGPONG every %d s; clock x%.0f) (info)", quietMinutes, QUIET_PINGPONG.toSeconds(),
        compression), quiet.reconnects() + " reconnects, " + quiet.prints() + " prints; " + quiet.stream(),
        "-", "-", "0 reconnects", Row.yesNo(quiet.reconnects() == 0)));
    rows.add(new Row("  same, quiet feed then silenced: market time until stale (info)",
        quiet.marketDetect() == null ? "not found stale" : s(quiet.marketDetect().toNanos()),
        "2 x the learned gap (~30 s) or the 60 s no-frame limit (silence stops PINGPONG too)", "-", "-", "n/a"));
  }

  /**
   * The supervisor on a compressed clock over a quiet feed; see the class comment. Settings are the
   * engine's, with the watchdog's look compressed like everything else the clock drives.
   */
  static Quiet quietFeed(Path dir, SupervisorSettings configured, int minutes, double compression) throws Exception {
    Duration pingReal = Duration.ofNanos((long) (QUIET_PINGPONG.toNanos() / compression));
    SupervisorSettings settings = configured.withWatchdog(configured.watchdog(),
        Duration.ofNanos((long) (configured.watchdogInterval().toNanos() / compression)));
    CompressedClock clock = new CompressedClock(QUIET_START, compression, SEOUL);
    try (KisSimulator sim = SimEngine.simulator("pingpong-interval = " + pingReal.toMillis() + "ms")) {
      BenchTape tape = new BenchTape(sim);
      long price = sim.account().lastPrice(SYMBOL);
      Started s = supervisorAlone(sim, dir, settings, new SessionClock(KrxCalendar.defaults(), clock));
      try {
        awaitLive(s.supervisor(), s.system(), Duration.ofSeconds(60));
        long before = status(s.supervisor(), s.system()).totalReconnects();
        SplittableRandom random = new SplittableRandom(17);
        Instant end = clock.instant().plus(Duration.ofMinutes(minutes));
        int prints = 0;
        while (clock.instant().isBefore(end)) {
          long gapMillis = random.nextLong(10_000, 30_001);
          // Pacing the prints in market time, not waiting for a result.
          TimeUnit.NANOSECONDS.sleep((long) (gapMillis * 1_000_000 / compression));
          tape.print(SYMBOL, price, 1);
          prints++;
        }
        long reconnects = status(s.supervisor(), s.system()).totalReconnects() - before;
        String stream = streams(s.supervisor(), s.system()).stream().findFirst()
            .map(h -> h.judged() + ", expected gap " + h.expectedGap().map(g -> s(g.toNanos())).orElse("-")
                + ", stale after " + h.staleAfter().map(g -> s(g.toNanos())).orElse("-") + " (market time)")
            .orElse("no stream seen");
        System.err.println("dead-stream, quiet feed: " + reconnects + " reconnects, " + prints + " prints; " + stream);

        Duration detect = null;
        if (reconnects == 0) {
          Instant silentAt = clock.instant();
          sim.faults().silence(true);
          try {
            long deadline = System.nanoTime() + (long) (Duration.ofMinutes(5).toNanos() / compression) + 30_000_000_000L;
            while (System.nanoTime() < deadline) {
              if (status(s.supervisor(), s.system()).totalReconnects() > before) {
                detect = Duration.between(silentAt, clock.instant());
                break;
              }
              TimeUnit.MILLISECONDS.sleep(5); // polling, not a timing assumption
            }
          } finally {
            sim.faults().silence(false);
          }
        }
        return new Quiet(reconnects, prints, stream, detect);
      } finally {
        s.close();
      }
    }
  }

  /** A supervisor of its own, with its system. */
  record Started(ActorSystem<Void> system, ActorRef<KisSupervisor.Command> supervisor) {
    void close() throws Exception {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  /** The KIS supervisor with its gateway and reconciler as the engine wires them, with {@code settings}. */
  static Started supervisorAlone(KisSimulator sim, Path dir, SupervisorSettings settings, SessionClock sessions)
      throws Exception {
    CompletableFuture<ActorRef<KisSupervisor.Command>> started = new CompletableFuture<>();
    Behavior<Void> root = Behaviors.setup(ctx -> {
      KisConnector kis = KisConnector.create(ctx.getSystem(), SimEngine.kisConfig(sim, dir.resolve("tokens"), 18),
          SimEngine.credentials(sim));
      ActorRef<OrderGateway.Command> gateway = ctx.spawn(OrderGateway.create(kis.rest(), GatewaySettings.real(),
          Clock.systemUTC()), "gateway");
      ActorRef<ReconcilerActor.Command> reconciler = ctx.spawn(ReconcilerActor.create(kis.rest(), gateway.narrow(),
          java.util.Map::of, ReconcilerSettings.defaults(CostModel.KIS_2026).withInterval(Duration.ofSeconds(60)),
          Clock.systemUTC()), "reconciler");
      ActorRef<KisSupervisor.Command> supervisor = ctx.spawn(KisSupervisor.create(kis, settings, gateway,
          OrderGateway.ReportReceived::new, reconciler, sessions), "kis");
      ActorRef<KisFeedEvent> ignore = ctx.spawn(Behaviors.receive(KisFeedEvent.class)
          .onAnyMessage(e -> Behaviors.same()).build(), "trades");
      supervisor.tell(new KisSupervisor.SubscribeMarket(SYMBOL, ignore));
      started.complete(supervisor);
      return Behaviors.empty();
    });
    ActorSystem<Void> system = ActorSystem.create(root, "supervisor-alone",
        BenchConfig.engine(dir, "kis-trader.agents = []"));
    try {
      return new Started(system, started.get(30, TimeUnit.SECONDS));
    } catch (Exception e) {
      system.terminate();
      throw e;
    }
  }

  static Trials trials(KisSimulator sim, ActorSystem<?> system, ActorRef<KisSupervisor.Command> supervisor, int n,
      Duration bound) throws Exception {
    LinkedBlockingQueue<Seen> seen = new LinkedBlockingQueue<>();
    ActorRef<KisSupervisor.Status> watcher = system.systemActorOf(Behaviors.receive(KisSupervisor.Status.class)
        .onAnyMessage(st -> {
          seen.add(new Seen(System.nanoTime(), st.state()));
          return Behaviors.same();
        }).build(), "bench-status-watcher-" + System.nanoTime(), Props.empty());
    supervisor.tell(new KisSupervisor.WatchStatus(watcher));
    long[] detect = new long[n];
    long[] live = new long[n];
    for (int i = 0; i < n; i++) {
      awaitLive(supervisor, system, Duration.ofSeconds(60));
      // A few seconds of normal traffic first, so the stream has printed again since the last trial.
      TimeUnit.SECONDS.sleep(3); // pacing between trials, not waiting for a result
      seen.clear();
      long t0 = System.nanoTime();
      sim.faults().silence(true);
      Seen stale;
      try {
        stale = awaitAny(seen, bound, ConnectionState.STALE, ConnectionState.RECONNECTING);
      } finally {
        sim.faults().silence(false);
      }
      Seen back = awaitAny(seen, Duration.ofSeconds(60), ConnectionState.LIVE);
      detect[i] = stale.nanos() - t0;
      live[i] = back.nanos() - t0;
      System.err.printf(Locale.ROOT, "dead-stream trial %d: stale after %s, LIVE again after %s%n", i, s(detect[i]),
          s(live[i]));
    }
    return new Trials(detect, live);
  }

  static KisSupervisor.Status status(ActorRef<KisSupervisor.Command> supervisor, ActorSystem<?> system)
      throws Exception {
    return AskPattern.<KisSupervisor.Command, KisSupervisor.Status>ask(supervisor, KisSupervisor.GetStatus::new,
        Duration.ofSeconds(5), system.scheduler()).toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  static List<StreamWatch.Health> streams(ActorRef<KisSupervisor.Command> supervisor, ActorSystem<?> system)
      throws Exception {
    return AskPattern.<KisSupervisor.Command, KisSupervisor.Streams>ask(supervisor, KisSupervisor.GetStreams::new,
        Duration.ofSeconds(5), system.scheduler()).toCompletableFuture().get(10, TimeUnit.SECONDS).streams();
  }

  private static void awaitLive(ActorRef<KisSupervisor.Command> supervisor, ActorSystem<?> system, Duration within)
      throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    while (true) {
      KisSupervisor.Status st = status(supervisor, system);
      if (st.state() == ConnectionState.LIVE) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("supervisor not LIVE within " + within + ": " + st.state());
      }
      TimeUnit.MILLISECONDS.sleep(50);
    }
  }

  private static Seen awaitAny(LinkedBlockingQueue<Seen> seen, Duration within, ConnectionState... states)
      throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (true) {
      Seen st = seen.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (st == null) {
        throw new IllegalStateException("supervisor did not reach " + Arrays.toString(states) + " within " + within);
      }
      for (ConnectionState c : states) {
        if (st.state() == c) {
          return st;
        }
      }
    }
  }

  static long median(long[] v) {
    long[] sorted = v.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  static long max(long[] v) {
    return Arrays.stream(v).max().orElse(0);
  }

  static String s(long nanos) {
    return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
  }
}
