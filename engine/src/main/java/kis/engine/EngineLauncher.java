package kis.engine;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import kis.actors.agent.AgentConfig;
import kis.actors.gateway.GatewaySettings;
import kis.actors.live.MarketSubscriptions;
import kis.actors.supervisor.SupervisorSettings;
import kis.connector.KisMode;
import kis.connector.assembly.KisConnector;
import kis.engine.RunCommand.StartFailure;
import kis.engine.RunCommand.Target;
import kis.engine.config.ConfigGate;
import kis.engine.dashboard.ControlToken;
import kis.engine.dashboard.DashboardSettings;
import kis.engine.dashboard.EngineMetrics;
import kis.engine.dashboard.live.LiveDashboard;
import kis.engine.dashboard.live.LiveMetrics;
import kis.engine.journal.EngineConfig;
import kis.engine.live.DashboardPort;
import kis.engine.live.KisTarget;
import kis.engine.live.StopSignals;
import kis.engine.live.TradingCalendar;
import kis.journal.calendar.KrxCalendar;
import kis.journal.calendar.SessionClock;
import kis.journal.calendar.SessionSchedule;
import kis.strategies.registry.StrategyRegistry;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * What {@code run} does alike for both profiles, in one place: configuration checks, the agents'
 * strategies, the data dir (lock, owner-only, crash files), the dashboard's port, the KIS target and
 * its pacing, the actor system with the KIS connector, the status log, the dashboard, the
 * coordinated shutdown's announcement and the exit codes (README "Exit codes"):
 * {@link RunCommand#START_FAILED 1} the engine did not start, {@link RunCommand#BAD_CONFIG 2} bad
 * configuration, {@link RunCommand#UNAVAILABLE 3} data dir, journal or dashboard port unusable.
 * Only what truly differs is a {@link Profile}: the journal store, the engine spawned, its status
 * line and the dashboard over it.
 */
final class EngineLauncher {
  private EngineLauncher() {}

  /** What one start has resolved, handed to the profile. */
  record Wiring(Config config, List<AgentConfig> agents, Path data, KisTarget target, Clock clock,
      SessionClock sessions, SessionSchedule schedule, GatewaySettings pacing, Duration reconcileEvery,
      LiveMetrics metrics, PrintWriter out) {
    /** The same start on {@code days} (KIS's chk-holiday over the table); an always-open target stays always open. */
    Wiring withCalendar(KrxCalendar days) {
      SessionClock s = new SessionClock(days, clock);
      // Every venue's day on KIS's days: each agent places by its venue's phases, each order expires
      // at its own venue's close.
      return new Wiring(config, agents, data, target, clock, s, target.alwaysOpen() ? schedule
          : SessionSchedule.market(new kis.journal.calendar.MarketCalendar(days)), pacing, reconcileEvery, metrics, out);
    }
  }

  /**
   * The part of a start that differs between the single node and a cluster node. One instance per
   * start (it may keep what {@link #checkJournal} found for {@link #guardian}).
   *
   * @param <H> the handles of the started engine
   */
  interface Profile<H> {
    /** The command as the operator typed it, for messages ("run", "run --profile cluster"). */
    String command();

    /** Refuses a configuration this profile cannot run (exit 2); nothing is held yet. */
    default void refuse(Config c, Target t) throws StartFailure {}

    /** Checks (or prepares) the journal store, with the data dir locked; exit 3 when unusable. */
    void checkJournal(Config c, Path data, PrintWriter out) throws StartFailure;

    /** The actor system's configuration (e.g. the shutdown phases' timeouts over {@code c}). */
    Config systemConfig(Config c);

    /** Inside the guardian: spawn the engine over {@code connector}, completing {@code started}. */
    Behavior<Void> guardian(ActorContext<Void> ctx, Wiring w, KisConnector connector, CompletableFuture<H> started);

    /** Registers what the engine needs once running: the status log, extra shutdown steps. */
    void running(ActorSystem<Void> system, Wiring w, H handles);

    /** The dashboard over this engine (its port was checked free). */
    LiveDashboard dashboard(ActorSystem<Void> system, Wiring w, H handles, ControlToken token) throws Exception;

    /** Said after the dashboard's url ("" or a note). */
    default String dashboardNote() {
      return "";
    }

    /** The line saying the engine runs. */
    String startedLine(ActorSystem<Void> system, Wiring w);

    /** The line before waiting for Ctrl-C, and the last line once stopped. */
    String waitingLine();

    String stoppedLine();
  }

  /** A started engine: its actor system, handles, and the data-dir lock and target it holds until terminated. */
  static final class Running<H> {
    final ActorSystem<Void> system;
    final KisTarget target;
    final H handles;
    private final Held held;

    private Running(ActorSystem<Void> system, Held held, H handles) {
      this.system = system;
      this.held = held;
      this.target = held.target;
      this.handles = handles;
      system.getWhenTerminated().whenComplete((d, e) -> held.release());
    }

    /** Releases the lock and the target; whoever comes second waits until they are free. */
    void release() {
      held.release();
    }

    /** Terminates the system and releases the data dir before returning. */
    void stop() {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().join();
      release();
    }
  }

  /** The data-dir lock and (once resolved) the KIS target, released once. */
  private static final class Held {
    private final EngineLock lock;
    private KisTarget target;
    private Optional<LogFile> log = Optional.empty();
    private final AtomicBoolean released = new AtomicBoolean();

    Held(EngineLock lock) {
      this.lock = lock;
    }

    synchronized void release() {
      if (released.compareAndSet(false, true)) {
        try {
          lock.close();
        } catch (IOException e) {
          // The OS drops the lock with the process anyway.
        }
        if (target != null) {
          target.close();
        }
        log.ifPresent(LogFile::close);
      }
    }
  }

  /**
   * The whole command: load and check the configuration, start, wait for Ctrl-C or SIGTERM (a
   * coordinated shutdown), and return the exit code.
   */
  static int run(PrintWriter out, PrintWriter err, Supplier<Config> load, Target t, Profile<?> p) {
    Config c;
    try {
      c = load.get();
    } catch (RuntimeException e) {
      return fail(err, RunCommand.BAD_CONFIG, "bad configuration: " + e.getMessage());
    }
    if (ConfigGate.refuses(c, p.command(), err)) {
      return RunCommand.BAD_CONFIG;
    }
    Running<?> engine;
    try {
      engine = start(c, out, t, p);
    } catch (StartFailure e) {
      return fail(err, e.exitCode, e.getMessage());
    } catch (RuntimeException e) {
      return fail(err, RunCommand.BAD_CONFIG, "bad configuration: " + e.getMessage());
    }
    StopSignals.install(engine.system);
    out.println(p.waitingLine());
    out.flush();
    engine.system.getWhenTerminated().toCompletableFuture().join();
    out.println(p.stoppedLine());
    out.flush();
    return 0;
  }

  private static int fail(PrintWriter err, int code, String message) {
    err.println("kis-trader: " + message);
    err.flush();
    return code;
  }

  /**
   * Starts the engine of profile {@code p}; on failure everything taken so far is given back.
   *
   * @throws kis.engine.config.InvalidConfigException when the configuration check refuses {@code c}
   *     (what {@code run} prints before exiting 2), before anything is taken
   */
  static <H> Running<H> start(Config c, PrintWriter out, Target t, Profile<H> p) throws StartFailure {
    // The check run does before calling here, again for the starts that skip run (tests, embedders):
    // a key nobody reads must not start an engine that silently trades on a default.
    ConfigGate.require(c, p.command());
    List<AgentConfig> agents = agents(c);
    p.refuse(c, t);
    Path data = EngineConfig.dataDir(c);
    boolean dashboardOn = DashboardPort.enabled(c);
    Held held = new Held(lock(data));
    try {
      // After the lock (a second engine on this data dir hears that first), before anything trades.
      Optional<String> taken = dashboardOn ? DashboardPort.check(DashboardSettings.fromConfig(c)) : Optional.empty();
      if (taken.isPresent()) {
        throw new StartFailure(RunCommand.UNAVAILABLE, taken.get());
      }
      RunCommand.secure(data, out);
      RunCommand.crashFilesTo(data, out);
      try {
        held.log = LogFile.attach(data, c);
      } catch (ConfigException e) {
        throw new StartFailure(RunCommand.BAD_CONFIG, e.getMessage());
      }
      held.log.ifPresent(f -> out.println("Log: " + f.path() + " (and this console)"));
      p.checkJournal(c, data, out);
      try {
        held.target = KisTarget.resolve(c, t.simUrl(), t.simWsUrl(), t.credentials(), t.env(), data);
      } catch (RuntimeException e) {
        throw new StartFailure(RunCommand.BAD_CONFIG, e.getMessage());
      }
      KisTarget target = held.target;
      MarketSubscriptions wanted = MarketSubscriptions.of(agents, SupervisorSettings.fromConfig(c).executionNotices());
      Optional<String> tooMany = wanted.refusal(target.config().maxSubscriptions());
      if (tooMany.isPresent()) {
        throw new StartFailure(RunCommand.BAD_CONFIG, tooMany.get());
      }
      // Past KIS's registrations the supervisor streams the feeds that need ticks and polls the rest.
      wanted.pollingNote(target.config().maxSubscriptions()).ifPresent(out::println);
      if (target.embedded().isEmpty() && target.config().mode() != KisMode.SIM) {
        KisSymbols.check(c, agents, target); // against KIS every symbol must be one KIS knows
      }
      Wiring w = wiring(c, agents, data, target, out);
      return running(w, held, p, dashboardOn);
    } catch (StartFailure | RuntimeException e) {
      held.release();
      throw e;
    }
  }

  private static <H> Running<H> running(Wiring table, Held held, Profile<H> p, boolean dashboardOn)
      throws StartFailure {
    CompletableFuture<H> started = new CompletableFuture<>();
    CompletableFuture<Wiring> wired = new CompletableFuture<>();
    Behavior<Void> guardian = Behaviors.setup(ctx -> {
      KisConnector connector = KisConnector.create(ctx.getSystem(), table.target().config(),
          table.target().credentials());
      connector.rest().listen(table.metrics());
      table.metrics().watchTokens(connector.tokens(), connector.rest()::ordersAwaitingToken);
      Optional<Wiring> live = withKisCalendar(table, connector, started);
      if (live.isEmpty()) {
        return Behaviors.stopped();
      }
      wired.complete(live.get());
      return p.guardian(ctx, live.get(), connector, started);
    });
    ActorSystem<Void> system = ActorSystem.create(guardian, "kis-trader",
        ANNOUNCE_PHASE.withFallback(p.systemConfig(table.config())));
    H handles;
    try {
      // KIS's chk-holiday may take its own timeout before the engine is spawned.
      handles = started.get(30 + TradingCalendar.ASK_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      terminate(system);
      if (e.getCause() instanceof StartFailure refused) {
        throw refused;
      }
      throw new StartFailure(RunCommand.START_FAILED, "engine did not start: " + (e.getCause() != null ? e.getCause() : e));
    } catch (Exception e) {
      terminate(system);
      throw new StartFailure(RunCommand.START_FAILED, "engine did not start: " + (e.getCause() != null ? e.getCause() : e));
    }
    Wiring w = wired.getNow(table);
    RunCommand.secure(w.data(), w.out()); // what the journal and the connector created on a first start
    OwnerOnly.keep(system, w.data(), kis.actors.live.DiskSpace.Settings.fromConfig(w.config()).checkEvery());
    p.running(system, w, handles);
    if (dashboardOn) {
      try {
        dashboard(system, w, p, handles);
      } catch (StartFailure e) {
        terminate(system);
        throw e;
      }
    } else {
      w.out().println("Dashboard off (kis.dashboard.enabled = false): no page and no controls; stop with Ctrl-C"
          + " or SIGTERM");
    }
    CoordinatedShutdown.get(system).addTask(ANNOUNCE, "announce-stop", () -> {
      w.out().println("kis-trader stopping (coordinated shutdown)...");
      w.out().flush();
      return CompletableFuture.completedFuture(Done.getInstance());
    });
    w.out().println(p.startedLine(system, w));
    w.out().flush();
    return new Running<>(system, held, handles);
  }

  /**
   * A phase of its own before the first one, so "stopping" is printed before any step of the
   * shutdown; in the same phase as step 1 the two lines came out in either order under load.
   */
  private static final String ANNOUNCE = "kis-announce-stop";
  private static final Config ANNOUNCE_PHASE = com.typesafe.config.ConfigFactory.parseString(
      "pekko.coordinated-shutdown.phases { " + ANNOUNCE + " { timeout = 5s }, "
          + "before-service-unbind.depends-on = [" + ANNOUNCE + "] }");

  private static void terminate(ActorSystem<Void> system) {
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().join();
  }

  /**
   * The calendar the engine runs on: against a calendar (not an always-open simulator), KIS's
   * chk-holiday for the coming days over the checked-in table, or the table alone when KIS does not
   * answer; a date neither covers refuses the start ({@code started} fails with exit 2, empty).
   */
  private static <H> Optional<Wiring> withKisCalendar(Wiring table, KisConnector connector,
      CompletableFuture<H> started) {
    if (table.target().alwaysOpen()) {
      return Optional.of(table);
    }
    TradingCalendar days = TradingCalendar.resolve(table.sessions().calendar(), connector.rest()::chkHoliday,
        table.clock(), TradingCalendar.ASK_TIMEOUT);
    Optional<String> refusal = days.refusal(table.clock());
    if (refusal.isPresent()) {
      started.completeExceptionally(new StartFailure(RunCommand.BAD_CONFIG, refusal.get()));
      return Optional.empty();
    }
    table.out().println("Trading calendar: " + days.source());
    table.out().flush();
    return Optional.of(table.withCalendar(days.calendar()));
  }

  /** The dashboard; one that cannot bind stops the start (exit 3), a bad token is bad configuration (exit 2). */
  private static <H> void dashboard(ActorSystem<Void> system, Wiring w, Profile<H> p, H handles) throws StartFailure {
    Config c = w.config();
    ControlToken token;
    try {
      token = ControlToken.resolve(c, System.getenv(), w.data(), System.out);
    } catch (RuntimeException e) {
      throw new StartFailure(RunCommand.BAD_CONFIG, "dashboard token: " + e.getMessage());
    }
    LiveDashboard dashboard;
    try {
      dashboard = p.dashboard(system, w, handles, token);
    } catch (Exception e) {
      Throwable why = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      throw new StartFailure(RunCommand.UNAVAILABLE, DashboardPort.taken(DashboardSettings.fromConfig(c), why));
    }
    CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseServiceUnbind(), "dashboard", () -> {
      dashboard.close();
      return CompletableFuture.completedFuture(Done.getInstance());
    });
    w.out().println("Dashboard: " + dashboard.baseUrl() + "/" + p.dashboardNote());
    w.out().flush();
  }

  /** The configured agents, each strategy built once so a bad parameter is refused before anything starts. */
  private static List<AgentConfig> agents(Config c) throws StartFailure {
    try {
      List<AgentConfig> agents = AgentConfig.listFrom(c);
      for (AgentConfig a : agents) {
        try {
          StrategyRegistry.create(a.strategy(), ConfigFactory.parseMap(a.strategyParams()));
        } catch (RuntimeException e) {
          throw new IllegalArgumentException("agent " + a.id() + ": strategy " + a.strategy() + ": " + e.getMessage(), e);
        }
      }
      return agents;
    } catch (RuntimeException e) {
      throw new StartFailure(RunCommand.BAD_CONFIG, "bad agent configuration: " + e.getMessage());
    }
  }

  private static EngineLock lock(Path data) throws StartFailure {
    try {
      return EngineLock.acquire(data);
    } catch (EngineLock.HeldException e) {
      throw new StartFailure(RunCommand.UNAVAILABLE, e.getMessage());
    } catch (IOException e) {
      throw new StartFailure(RunCommand.UNAVAILABLE, "cannot use data directory " + data.toAbsolutePath() + ": "
          + e.getMessage());
    }
  }

  /** The clock, sessions and pacing both profiles run on. */
  private static Wiring wiring(Config c, List<AgentConfig> agents, Path data, KisTarget target, PrintWriter out) {
    ZoneId seoul = ZoneId.of("Asia/Seoul");
    Clock clock = Clock.system(seoul);
    SessionClock sessions = new SessionClock(KrxCalendar.fromAppConfig(c), clock);
    // Every venue's day from the dated session table: each agent places by its venue's phases, and
    // the day roll expires each order at its own venue's close (actors/README.md "Day roll").
    SessionSchedule schedule = target.alwaysOpen() ? SessionSchedule.alwaysOpen(seoul)
        : SessionSchedule.market(kis.journal.calendar.MarketCalendar.fromAppConfig(c));
    Duration reconcileEvery = c.hasPath("kis-trader.reconcile-every") ? c.getDuration("kis-trader.reconcile-every")
        : Duration.ofSeconds(60);
    return new Wiring(c, agents, data, target, clock, sessions, schedule, target.pacing(), reconcileEvery,
        new LiveMetrics(new EngineMetrics(), clock), out);
  }

  /** {@code kis-trader.status-log-every}, 5 s when absent. */
  static Duration statusEvery(Config c) {
    return c.hasPath("kis-trader.status-log-every") ? c.getDuration("kis-trader.status-log-every")
        : Duration.ofSeconds(5);
  }
}
