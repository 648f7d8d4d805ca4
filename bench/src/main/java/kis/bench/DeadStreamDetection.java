package kis.bench;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import kis.actors.gateway.GatewaySettings;
import kis.actors.gateway.OrderGateway;
import kis.actors.reconcile.ReconcilerActor;
import kis.actors.reconcile.ReconcilerSettings;
import kis.actors.supervisor.ConnectionState;
import kis.actors.supervisor.KisSupervisor;
import kis.actors.supervisor.StalenessWatchdog;
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
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Dead-stream detection: kis-sim goes silent with the websocket open ({@code faults().silence}),
 * and the time until the KIS supervisor declares the stream stale and starts reconnecting is one
 * trial (silence is lifted then, so the reconnect can complete; the time to LIVE again is shown too).
 * The figure is the live engine ({@link kis.actors.live.LiveEngine}, one agent subscribed to
 * trades) with the watchdog limits it is configured with ({@link SupervisorSettings#defaults()});
 * an info row runs the same supervisor with short limits, to separate the limit from the mechanism.
 * The harness prints 100 trades/s all along (dropped by the simulator while silent).
 *
 * <p>Usage: {@code java -cp bench.jar kis.bench.DeadStreamDetection [trials=2] [shortTrials=5]}.
 */
public final class DeadStreamDetection {
  static final long TARGET_NANOS = 5_000_000_000L;
  static final Symbol SYMBOL = Symbol.of("005930");
  static final StalenessWatchdog SHORT = new StalenessWatchdog(Duration.ofSeconds(3), Duration.ofSeconds(3));
  static final Duration SHORT_EVERY = Duration.ofMillis(500);

  private DeadStreamDetection() {}

  public static void main(String[] args) throws Exception {
    int trials = args.length > 0 ? Integer.parseInt(args[0]) : 2;
    int shortTrials = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Row.print(run(trials, shortTrials));
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

  static List<Row> run(int trials, int shortTrials) throws Exception {
    Path dir = BenchConfig.tempDir("deadstream-bench");
    SupervisorSettings configured = SupervisorSettings.defaults();
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

      Trials shortLimits = null;
      if (shortTrials > 0) {
        shortLimits = supervisorAlone(sim, dir.resolve("short"), configured.withWatchdog(SHORT, SHORT_EVERY),
            shortTrials);
        System.err.println("dead-stream, short limits: " + shortLimits.describe());
      }
      String agents = "kis-trader.agents = [ { id = \"watch-" + SYMBOL.code() + "\", symbol = \"" + SYMBOL.code()
          + "\", strategy { name = \"kis.bench.TradeTrigger\", params { symbol = \"" + SYMBOL.code()
          + "\", trigger-quantity = 999999, quantity = 1 } } } ]";
      Trials engine;
      try (SimEngine e = SimEngine.start(sim, dir.resolve("engine"), agents, GatewaySettings.real(), 18)) {
        engine = trials(sim, e.system, e.handles.supervisor(), trials,
            configured.watchdog().heartbeatSilence().plus(configured.watchdogInterval()).plusSeconds(30));
      }
      printer.interrupt();
      System.err.println("dead-stream, engine: " + engine.describe());
      String limits = "limit: no frame " + configured.watchdog().heartbeatSilence().toSeconds() + " s, no trade "
          + configured.watchdog().tradeSilence().toSeconds() + " s (continuous session), checked every "
          + configured.watchdogInterval().toSeconds() + " s";
      List<Row> rows = new ArrayList<>();
      rows.add(new Row("dead-stream detection (engine, configured watchdog)", engine.describe(), limits,
          String.format(Locale.ROOT, "%.2f", median(engine.detect()) / 1e9
              / configured.watchdog().heartbeatSilence().toSeconds()),
          "< 5 s", Row.yesNo(median(engine.detect()) < TARGET_NANOS && max(engine.detect()) < TARGET_NANOS)));
      if (shortLimits != null) {
        rows.add(new Row("  same, supervisor with no-frame limit 3 s, checked every 0.5 s (info)",
            shortLimits.describe(), "limit 3 s", String.format(Locale.ROOT, "%.2f", median(shortLimits.detect()) / 3e9),
            "< 5 s", "n/a"));
      }
      return rows;
    }
  }

  /** The KIS supervisor with its gateway and reconciler as the engine wires them, with {@code settings}. */
  static Trials supervisorAlone(KisSimulator sim, Path dir, SupervisorSettings settings, int n) throws Exception {
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
          OrderGateway.ReportReceived::new, reconciler, new SessionClock(KrxCalendar.defaults(), Clock.systemUTC())),
          "kis");
      ActorRef<KisFeedEvent> ignore = ctx.spawn(Behaviors.receive(KisFeedEvent.class)
          .onAnyMessage(e -> Behaviors.same()).build(), "trades");
      supervisor.tell(new KisSupervisor.SubscribeMarket(SYMBOL, ignore));
      started.complete(supervisor);
      return Behaviors.empty();
    });
    ActorSystem<Void> system = ActorSystem.create(root, "supervisor-alone",
        BenchConfig.engine(dir, "kis-trader.agents = []"));
    try {
      return trials(sim, system, started.get(30, TimeUnit.SECONDS), n, Duration.ofSeconds(30));
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  static Trials trials(KisSimulator sim, ActorSystem<?> system, ActorRef<KisSupervisor.Command> supervisor, int n,
      Duration bound) throws Exception {
    LinkedBlockingQueue<Seen> seen = new LinkedBlockingQueue<>();
    ActorRef<KisSupervisor.Status> watcher = system.systemActorOf(Behaviors.receive(KisSupervisor.Status.class)
        .onAnyMessage(s -> {
          seen.add(new Seen(System.nanoTime(), s.state()));
          return Behaviors.same();
        }).build(), "bench-status-watcher-" + System.nanoTime(), Props.empty());
    supervisor.tell(new KisSupervisor.WatchStatus(watcher));
    long[] detect = new long[n];
    long[] live = new long[n];
    for (int i = 0; i < n; i++) {
      awaitLive(supervisor, system, Duration.ofSeconds(60));
      // A few seconds of normal traffic first, so the socket's last frame is fresh.
      TimeUnit.SECONDS.sleep(2); // pacing between trials, not waiting for a result
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

  private static void awaitLive(ActorRef<KisSupervisor.Command> supervisor, ActorSystem<?> system, Duration within)
      throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    while (true) {
      KisSupervisor.Status s = org.apache.pekko.actor.typed.javadsl.AskPattern.<KisSupervisor.Command,
          KisSupervisor.Status>ask(supervisor, KisSupervisor.GetStatus::new, Duration.ofSeconds(5), system.scheduler())
          .toCompletableFuture().get(10, TimeUnit.SECONDS);
      if (s.state() == ConnectionState.LIVE) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("supervisor not LIVE within " + within + ": " + s.state());
      }
      TimeUnit.MILLISECONDS.sleep(50);
    }
  }

  private static Seen awaitAny(LinkedBlockingQueue<Seen> seen, Duration within, ConnectionState... states)
      throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (true) {
      Seen s = seen.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (s == null) {
        throw new IllegalStateException("supervisor did not reach " + Arrays.toString(states) + " within " + within);
      }
      for (ConnectionState st : states) {
        if (s.state() == st) {
          return s;
        }
      }
    }
  }

  static long median(long[] v) {
    long[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  static long max(long[] v) {
    return Arrays.stream(v).max().orElse(0);
  }

  static String s(long nanos) {
    return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
  }
}
