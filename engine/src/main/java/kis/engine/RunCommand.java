package kis.engine;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import kis.journal.calendar.SessionSchedule;
import kis.actors.gateway.GatewaySettings;
import kis.actors.live.LiveEngine;
import kis.connector.assembly.KisConnector;
import kis.connector.KisMode;
import kis.engine.live.DashboardPort;
import kis.engine.live.KisTarget;
import kis.engine.live.StatusLog;
import kis.engine.live.StopSignals;
import kis.engine.dashboard.ControlToken;
import kis.engine.dashboard.DashboardSettings;
import kis.engine.dashboard.EngineMetrics;
import kis.engine.dashboard.live.LiveDashboard;
import kis.engine.dashboard.live.LiveMetrics;
import kis.strategies.registry.StrategyRegistry;
import kis.journal.calendar.KrxCalendar;
import kis.journal.calendar.SessionClock;
import org.apache.pekko.actor.typed.Props;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import kis.actors.agent.AgentConfig;
import kis.engine.config.ConfigGate;
import kis.engine.journal.EngineConfig;
import kis.engine.journal.JournalGate;
import kis.engine.journal.JournalStartCheck;
import kis.engine.journal.LevelDbBackend;
import kis.engine.journal.LevelDbProbe;
import kis.actors.manager.JournalHealth;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kis-trader run}: load the configuration, take the data-dir lock, probe the journal, start
 * the actor system with the live engine ({@link LiveEngine}: gateway, reconciler, agents and their
 * strategies) against the embedded kis-sim (default), a standalone kis-sim or KIS, log a status line
 * per agent every few seconds, and run until Ctrl-C or SIGTERM: a coordinated shutdown that stops
 * order flow, then the agents, then the KIS websocket before the journal closes, printing a line
 * per step, and exits 0.
 * Exit codes: 0 clean stop, 1 the engine failed to start, 2 bad configuration (every problem is
 * printed, nothing is started: {@link ConfigGate}), 3 data dir or journal in use / unusable, or the
 * dashboard's port taken (unless {@code kis.dashboard.enabled = false}).
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run the engine with the configured agents.")
final class RunCommand implements Callable<Integer> {
  static final int START_FAILED = 1;
  static final int BAD_CONFIG = ConfigGate.BAD_CONFIG;
  static final int UNAVAILABLE = 3;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--config", description = "HOCON file layered over conf/application.conf")
  Path config;

  @Option(names = "--data-dir", description = "overrides kis-trader.data-dir (journal, snapshots, lock)")
  Path dataDir;

  @Option(names = "--sim-url", description = "REST url of a standalone kis-sim (with credentials), e.g. http://127.0.0.1:18080")
  String simUrl;

  @Option(names = "--sim-ws-url", description = "websocket url of that kis-sim, e.g. ws://127.0.0.1:18080/websocket")
  String simWsUrl;

  @Option(names = "--credentials", description = "KIS credentials file (kept outside the repository)")
  Path credentials;

  @Option(names = "--profile", description = "default (one JVM, LevelDB) or cluster (Cluster Sharding, PostgreSQL;"
      + " README \"Cluster\")")
  String profile;

  /** A started engine: its actor system and the data-dir lock it holds until terminated. */
  static final class Engine {
    final ActorSystem<Void> system;
    final KisTarget target;
    final LiveEngine.Handles handles;
    private final EngineLock lock;
    private final AtomicBoolean released = new AtomicBoolean();

    private Engine(ActorSystem<Void> system, EngineLock lock, KisTarget target, LiveEngine.Handles handles) {
      this.system = system;
      this.lock = lock;
      this.target = target;
      this.handles = handles;
      system.getWhenTerminated().whenComplete((d, e) -> release());
    }

    /** Synchronized: whoever comes second (stop() or the termination callback) waits until the lock is free. */
    synchronized void release() {
      if (released.compareAndSet(false, true)) {
        closeQuietly(lock);
        target.close();
      }
    }

    /** Terminates the system and releases the data dir before returning. */
    void stop() {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().join();
      release();
    }
  }

  /** Thrown when the engine cannot start; carries the exit code and the operator's message. */
  static final class StartFailure extends Exception {
    final int exitCode;

    StartFailure(int exitCode, String message) {
      super(message);
      this.exitCode = exitCode;
    }
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (profile != null && !"default".equals(profile)) {
      return runProfile(out, err);
    }
    Config c;
    try {
      c = EngineConfig.load(Optional.ofNullable(config), Optional.ofNullable(dataDir));
    } catch (RuntimeException e) {
      err.println("kis-trader: bad configuration: " + e.getMessage());
      err.flush();
      return BAD_CONFIG;
    }
    if (ConfigGate.refuses(c, "run", err)) {
      return BAD_CONFIG;
    }
    Engine engine;
    try {
      engine = start(c, out, new Target(simUrl, simWsUrl, credentials, System.getenv()));
    } catch (StartFailure e) {
      err.println("kis-trader: " + e.getMessage());
      err.flush();
      return e.exitCode;
    } catch (RuntimeException e) {
      err.println("kis-trader: bad configuration: " + e.getMessage());
      err.flush();
      return BAD_CONFIG;
    }
    StopSignals.install(engine.system);
    out.println("Press Ctrl-C to stop (coordinated shutdown).");
    out.flush();
    engine.system.getWhenTerminated().toCompletableFuture().join();
    out.println("kis-trader stopped.");
    out.flush();
    return 0;
  }

  /** {@code --profile cluster}: this JVM is one node of a cluster ({@link ClusterRun}). */
  private Integer runProfile(PrintWriter out, PrintWriter err) {
    if (!kis.cluster.ClusterProfile.NAME.equals(profile)) {
      err.println("kis-trader: unknown profile '" + profile + "' (default or cluster)");
      err.flush();
      return BAD_CONFIG;
    }
    ActorSystem<Void> system;
    try {
      system = ClusterRun.start(Optional.ofNullable(config), Optional.ofNullable(dataDir), out,
          new Target(simUrl, simWsUrl, credentials, System.getenv()));
    } catch (StartFailure e) {
      err.println("kis-trader: " + e.getMessage());
      err.flush();
      return e.exitCode;
    }
    out.println("Press Ctrl-C to stop (coordinated shutdown: this node leaves the cluster).");
    out.flush();
    system.getWhenTerminated().toCompletableFuture().join();
    out.println("kis-trader node stopped.");
    out.flush();
    return 0;
  }

  /** The command line's say on what to trade against. */
  record Target(String simUrl, String simWsUrl, Path credentials, Map<String, String> env) {
    static Target defaults() {
      return new Target(null, null, null, Map.of());
    }
  }

  static Engine start(Config c, PrintWriter out) throws StartFailure {
    return start(c, out, Target.defaults());
  }

  static Engine start(Config c, PrintWriter out, Target t) throws StartFailure {
    List<AgentConfig> agents;
    try {
      agents = AgentConfig.listFrom(c);
      for (AgentConfig a : agents) {
        try {
          StrategyRegistry.create(a.strategy(), ConfigFactory.parseMap(a.strategyParams()));
        } catch (RuntimeException e) {
          throw new IllegalArgumentException("agent " + a.id() + ": strategy " + a.strategy() + ": " + e.getMessage(), e);
        }
      }
    } catch (IllegalArgumentException e) {
      throw new StartFailure(BAD_CONFIG, "bad agent configuration: " + e.getMessage());
    }
    Path data = EngineConfig.dataDir(c);
    boolean dashboardOn = DashboardPort.enabled(c);
    EngineLock lock;
    try {
      lock = EngineLock.acquire(data);
    } catch (EngineLock.HeldException e) {
      throw new StartFailure(UNAVAILABLE, e.getMessage());
    } catch (IOException e) {
      throw new StartFailure(UNAVAILABLE, "cannot use data directory " + data.toAbsolutePath() + ": " + e.getMessage());
    }
    // After the lock (a second engine on this data dir hears that first), before anything trades.
    Optional<String> taken = dashboardOn ? DashboardPort.check(DashboardSettings.fromConfig(c)) : Optional.empty();
    if (taken.isPresent()) {
      closeQuietly(lock);
      throw new StartFailure(UNAVAILABLE, taken.get());
    }
    secure(data, out);
    crashFilesTo(data, out);
    JournalHealth journals;
    try {
      journals = JournalStartCheck.run(data, EngineConfig.journalDir(c), LevelDbBackend.of(c), out);
      LevelDbProbe.check(EngineConfig.journalDir(c), true, LevelDbBackend.of(c));
    } catch (JournalGate.Refused | LevelDbProbe.JournalUnavailableException e) {
      closeQuietly(lock);
      throw new StartFailure(UNAVAILABLE, e.getMessage());
    }
    KisTarget target;
    try {
      target = KisTarget.resolve(c, t.simUrl(), t.simWsUrl(), t.credentials(), t.env(), data);
    } catch (RuntimeException e) {
      closeQuietly(lock);
      throw new StartFailure(BAD_CONFIG, e.getMessage());
    }
    if (target.embedded().isEmpty() && target.config().mode() != KisMode.SIM) {
      try {
        KisSymbols.check(c, agents, target); // against KIS every symbol must be one KIS knows
      } catch (StartFailure e) {
        target.close();
        closeQuietly(lock);
        throw e;
      }
    }
    Clock clock = Clock.system(ZoneId.of("Asia/Seoul"));
    SessionClock sessions = new SessionClock(KrxCalendar.fromAppConfig(c), clock);
    SessionSchedule schedule = target.alwaysOpen() ? SessionSchedule.alwaysOpen(ZoneId.of("Asia/Seoul"))
        : SessionSchedule.krx(sessions);
    GatewaySettings pacing = target.pacing();
    Duration reconcileEvery = c.hasPath("kis-trader.reconcile-every") ? c.getDuration("kis-trader.reconcile-every")
        : Duration.ofSeconds(60);
    CompletableFuture<LiveEngine.Handles> started = new CompletableFuture<>();
    LiveMetrics metrics = new LiveMetrics(new EngineMetrics(), clock);
    Behavior<Void> guardian = Behaviors.setup(ctx -> {
      KisConnector connector = KisConnector.create(ctx.getSystem(), target.config(), target.credentials());
      connector.rest().listen(metrics);
      metrics.watchTokens(connector.tokens(), connector.rest()::ordersAwaitingToken);
      return LiveEngine.guardian(new LiveEngine.Setup(c, connector, clock, schedule, sessions, pacing, reconcileEvery, data,
              journals),
          started, line -> {
            out.println(line);
            out.flush();
          });
    });
    ActorSystem<Void> system = ActorSystem.create(guardian, "kis-trader", LiveEngine.shutdownPhases(c).withFallback(c));
    LiveEngine.Handles handles;
    try {
      handles = started.get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      system.terminate();
      target.close();
      closeQuietly(lock);
      throw new StartFailure(START_FAILED, "engine did not start: " + (e.getCause() != null ? e.getCause() : e));
    }
    secure(data, out); // what the journal and the connector created on a first start
    OwnerOnly.keep(system, data, kis.actors.live.DiskSpace.Settings.fromConfig(c).checkEvery());
    Duration every = c.hasPath("kis-trader.status-log-every") ? c.getDuration("kis-trader.status-log-every")
        : Duration.ofSeconds(5);
    system.systemActorOf(StatusLog.create(handles.manager(), every), "status-log", Props.empty());
    if (dashboardOn) {
      try {
        startDashboard(c, system, handles, schedule, clock, data, target, metrics, out);
      } catch (StartFailure e) {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().join();
        target.close();
        closeQuietly(lock);
        throw e;
      }
    } else {
      out.println("Dashboard off (kis.dashboard.enabled = false): no page and no controls; stop with Ctrl-C or SIGTERM");
    }
    CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseBeforeServiceUnbind(), "announce-stop", () -> {
      out.println("kis-trader stopping (coordinated shutdown)...");
      out.flush();
      return CompletableFuture.completedFuture(Done.getInstance());
    });
    out.printf("kis-trader started against %s: data dir %s, journal %s, %d agent(s)%s%n", target.describe(),
        data.toAbsolutePath(), EngineConfig.journalDir(c), agents.size(),
        agents.isEmpty() ? " (add some under kis-trader.agents, see conf/agents.example.conf)"
            : ": " + agents.stream().map(a -> a.id() + " " + a.symbol() + " " + a.strategy()).toList());
    out.flush();
    return new Engine(system, lock, target, handles);
  }

  /** The dashboard over the live engine; one that cannot bind stops {@code run} (exit 2). */
  private static void startDashboard(Config c, ActorSystem<Void> system, LiveEngine.Handles handles,
      SessionSchedule schedule, Clock clock, Path data, KisTarget target, LiveMetrics metrics, PrintWriter out)
      throws StartFailure {
    ControlToken token;
    try {
      token = ControlToken.resolve(c, System.getenv(), data, System.out);
    } catch (RuntimeException e) {
      throw new StartFailure(BAD_CONFIG, "dashboard token: " + e.getMessage());
    }
    LiveDashboard dashboard;
    try {
      dashboard = LiveDashboard.start(c, system, handles, kis.engine.journal.DashboardJournal.of(system), schedule, clock, data, target.config(), metrics, token);
    } catch (Exception e) {
      Throwable why = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
      throw new StartFailure(UNAVAILABLE, DashboardPort.taken(DashboardSettings.fromConfig(c), why));
    }
    CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseServiceUnbind(), "dashboard", () -> {
      dashboard.close();
      return CompletableFuture.completedFuture(Done.getInstance());
    });
    out.println("Dashboard: " + dashboard.baseUrl() + "/");
    out.flush();
  }

  /** The data dir and everything in it owner-only ({@link OwnerOnly}); says what it changed. */
  static void secure(Path data, PrintWriter out) {
    String summary = OwnerOnly.tighten(data).summary(data);
    if (!summary.isEmpty()) {
      out.println(summary);
      out.flush();
    }
  }

  /** Creates the data dir's log folder (owner-only) and says when the JVM's crash file goes elsewhere. */
  static void crashFilesTo(Path data, PrintWriter out) {
    try {
      OwnerOnly.create(CrashFiles.logDir(data));
    } catch (IOException e) {
      out.println("cannot create " + CrashFiles.logDir(data) + ": " + e.getMessage());
    }
    CrashFiles.advice(data).ifPresent(out::println);
    out.flush();
  }

  private static void closeQuietly(EngineLock lock) {
    try {
      lock.close();
    } catch (IOException e) {
      // The OS drops the lock with the process anyway.
    }
  }
}
