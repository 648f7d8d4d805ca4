package kis.engine;

import com.typesafe.config.Config;
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
import java.util.concurrent.TimeUnit;
import kis.actors.agent.AgentConfig;
import kis.journal.calendar.SessionSchedule;
import kis.actors.gateway.GatewaySettings;
import kis.actors.live.AccountDesk;
import kis.cluster.ClusterEngine;
import kis.cluster.ClusterProfile;
import kis.cluster.JdbcSchema;
import kis.connector.assembly.KisConnector;
import kis.connector.KisMode;
import kis.engine.dashboard.live.LiveDashboard;
import kis.engine.dashboard.ControlToken;
import kis.engine.live.DashboardPort;
import kis.engine.dashboard.EngineMetrics;
import kis.engine.dashboard.live.LiveMetrics;
import kis.engine.journal.EngineConfig;
import kis.engine.live.KisTarget;
import kis.engine.live.StopSignals;
import kis.journal.calendar.KrxCalendar;
import kis.journal.calendar.SessionClock;
import kis.strategies.registry.StrategyRegistry;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * {@code kis-trader run --profile cluster}: one node of a cluster ({@link ClusterEngine}): agents
 * as sharded entities journaling to PostgreSQL, the account's supervisor, gateway and reconciler
 * as a singleton on the oldest node, with the account's journaled kill switch. Needs an exchange
 * all nodes share (a standalone kis-sim or KIS), not the embedded simulator. Every node serves the
 * dashboard ({@link LiveDashboard#startCluster}: the whole cluster, one line per node).
 */
final class ClusterRun {
  private ClusterRun() {}

  /** Starts this node; the returned system runs until Ctrl-C (coordinated shutdown: the node leaves). */
  static ActorSystem<Void> start(Optional<Path> file, Optional<Path> dataDir, PrintWriter out, RunCommand.Target t)
      throws RunCommand.StartFailure {
    Config c;
    List<AgentConfig> agents;
    try {
      c = ClusterProfile.load(file, dataDir, t.env());
      java.util.Optional<String> refused = kis.engine.config.ConfigGate.report(c, "run --profile cluster");
      if (refused.isPresent()) {
        throw new RunCommand.StartFailure(RunCommand.BAD_CONFIG, refused.get().substring("run --profile cluster: ".length()));
      }
      agents = AgentConfig.listFrom(c);
      for (AgentConfig a : agents) {
        StrategyRegistry.create(a.strategy(), ConfigFactory.parseMap(a.strategyParams()));
      }
    } catch (RuntimeException e) {
      throw new RunCommand.StartFailure(RunCommand.BAD_CONFIG, "bad configuration: " + e.getMessage());
    }
    String mode = c.hasPath("kis.mode") ? c.getString("kis.mode") : "sim";
    boolean externalSim = t.simUrl() != null || (c.hasPath("kis.rest-url") && !c.getString("kis.rest-url").isBlank());
    if (KisMode.parse(mode) == KisMode.SIM && !externalSim) {
      throw new RunCommand.StartFailure(RunCommand.BAD_CONFIG, "the cluster profile needs one exchange shared by"
          + " every node: a standalone kis-sim (kis-trader sim; run --sim-url URL --sim-ws-url URL) or KIS"
          + " (kis.mode = paper|real), not the embedded simulator");
    }
    Path data = EngineConfig.dataDir(c);
    EngineLock lock;
    try {
      lock = EngineLock.acquire(data);
    } catch (EngineLock.HeldException e) {
      throw new RunCommand.StartFailure(RunCommand.UNAVAILABLE, e.getMessage());
    } catch (IOException e) {
      throw new RunCommand.StartFailure(RunCommand.UNAVAILABLE, "cannot use data directory " + data.toAbsolutePath()
          + ": " + e.getMessage());
    }
    Optional<String> taken = DashboardPort.enabled(c)
        ? DashboardPort.check(kis.engine.dashboard.DashboardSettings.fromConfig(c)) : Optional.empty();
    if (taken.isPresent()) {
      close(lock);
      throw new RunCommand.StartFailure(RunCommand.UNAVAILABLE, taken.get());
    }
    RunCommand.secure(data, out);
    RunCommand.crashFilesTo(data, out);
    try {
      if (c.getBoolean("kis-trader.cluster.create-schema")) {
        JdbcSchema.ensure(c);
      }
    } catch (RuntimeException e) {
      close(lock);
      throw new RunCommand.StartFailure(RunCommand.UNAVAILABLE, e.getMessage());
    }
    KisTarget target;
    try {
      target = KisTarget.resolve(c, t.simUrl(), t.simWsUrl(), t.credentials(), t.env(), data);
    } catch (RuntimeException e) {
      close(lock);
      throw new RunCommand.StartFailure(RunCommand.BAD_CONFIG, e.getMessage());
    }
    if (target.embedded().isEmpty() && target.config().mode() != KisMode.SIM) {
      try {
        KisSymbols.check(c, agents, target); // against KIS every symbol must be one KIS knows
      } catch (RunCommand.StartFailure e) {
        target.close();
        close(lock);
        throw e;
      }
    }
    Clock clock = Clock.system(ZoneId.of("Asia/Seoul"));
    SessionClock sessions = new SessionClock(KrxCalendar.fromAppConfig(c), clock);
    SessionSchedule schedule = target.alwaysOpen() ? SessionSchedule.alwaysOpen(ZoneId.of("Asia/Seoul"))
        : SessionSchedule.krx(sessions);
    GatewaySettings pacing = target.pacing();
    Duration reconcileEvery = c.getDuration("kis-trader.reconcile-every");
    CompletableFuture<ClusterEngine.Handles> started = new CompletableFuture<>();
    LiveMetrics metrics = new LiveMetrics(new EngineMetrics(), clock);
    Behavior<Void> guardian = Behaviors.setup(ctx -> {
      KisConnector connector = KisConnector.create(ctx.getSystem(), target.config(), target.credentials());
      connector.rest().listen(metrics);
      metrics.watchTokens(connector.tokens(), connector.rest()::ordersAwaitingToken);
      started.complete(ClusterEngine.start(ctx.getSystem(), new ClusterEngine.Setup(c, connector, clock, schedule,
          sessions, pacing, reconcileEvery, Optional.empty()).withDataDir(data)));
      return Behaviors.empty();
    });
    ActorSystem<Void> system = ActorSystem.create(guardian, "kis-trader", c);
    system.getWhenTerminated().whenComplete((d, e) -> {
      close(lock);
      target.close();
    });
    ClusterEngine.Handles handles;
    try {
      handles = started.get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      system.terminate();
      throw new RunCommand.StartFailure(RunCommand.START_FAILED, "engine did not start: "
          + (e.getCause() != null ? e.getCause() : e));
    }
    OwnerOnly.keep(system, data, kis.actors.live.DiskSpace.Settings.fromConfig(c).checkEvery());
    Duration every = c.getDuration("kis-trader.status-log-every");
    system.scheduler().scheduleWithFixedDelay(every, every, () -> status(system, handles), system.executionContext());
    out.printf("kis-trader cluster node %s started against %s: database %s, seed nodes %s, %d agent(s) in the cluster"
            + " (placed by sharding)%n", Cluster.get(system).selfMember().address(), target.describe(),
        JdbcSchema.redacted(c.getString("kis-trader.cluster.db.url")),
        c.getStringList("pekko.cluster.seed-nodes"), agents.size());
    try {
      startDashboard(c, system, handles, schedule, clock, data, target, metrics, out);
    } catch (RunCommand.StartFailure e) {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().join();
      throw e;
    }
    announceLeaving(system, out);
    StopSignals.install(system);
    out.flush();
    return system;
  }

  /**
   * Says on stdout when the node starts leaving and when it has left: an operator stopping a node
   * with SIGTERM or Ctrl-C sees it hand its agents (and the account, on the oldest node) over.
   */
  private static void announceLeaving(ActorSystem<Void> system, PrintWriter out) {
    String self = Cluster.get(system).selfMember().address().toString();
    CoordinatedShutdown shutdown = CoordinatedShutdown.get(system);
    shutdown.addTask(CoordinatedShutdown.PhaseBeforeServiceUnbind(), "announce-stop", () -> {
      out.println("kis-trader node " + self + " stopping (coordinated shutdown: leaving the cluster)...");
      out.flush();
      return CompletableFuture.completedFuture(Done.getInstance());
    });
    shutdown.addTask(CoordinatedShutdown.PhaseClusterExitingDone(), "announce-left", () -> {
      out.println("kis-trader node " + self + " left the cluster.");
      out.flush();
      return CompletableFuture.completedFuture(Done.getInstance());
    });
  }

  /** This node's dashboard over the whole cluster; one that cannot bind stops the node (exit 2). */
  private static void startDashboard(Config c, ActorSystem<Void> system, ClusterEngine.Handles handles,
      SessionSchedule schedule, Clock clock, Path data, KisTarget target, LiveMetrics metrics, PrintWriter out)
      throws RunCommand.StartFailure {
    if (!DashboardPort.enabled(c)) {
      out.println("Dashboard off (kis.dashboard.enabled = false): no page and no controls on this node");
      return;
    }
    ControlToken token;
    try {
      token = ControlToken.resolve(c, System.getenv(), data, System.out);
    } catch (RuntimeException e) {
      throw new RunCommand.StartFailure(RunCommand.BAD_CONFIG, "dashboard token: " + e.getMessage());
    }
    LiveDashboard dashboard;
    try {
      dashboard = LiveDashboard.startCluster(c, system, handles, schedule, clock, data, target.config(), metrics, token);
    } catch (Exception e) {
      Throwable why = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
      throw new RunCommand.StartFailure(RunCommand.UNAVAILABLE,
          DashboardPort.taken(kis.engine.dashboard.DashboardSettings.fromConfig(c), why));
    }
    CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseServiceUnbind(), "dashboard", () -> {
      dashboard.close();
      return CompletableFuture.completedFuture(Done.getInstance());
    });
    out.println("Dashboard: " + dashboard.baseUrl() + "/ (this node; every node shows the whole cluster)");
  }

  /** One line: the account (where, KIS connection, kill switch) and its agents (where, trading or waiting). */
  private static void status(ActorSystem<Void> system, ClusterEngine.Handles h) {
    AskPattern.<AccountDesk.Command, AccountDesk.DeskStatus>ask(h.account(), AccountDesk.GetStatus::new,
            Duration.ofSeconds(5), system.scheduler())
        .whenComplete((s, err) -> {
          if (s != null) {
            StringBuilder b = new StringBuilder("cluster: account on ").append(s.node()).append(", KIS ")
                .append(s.connection()).append(s.killSwitch().engaged() ? ", KILL SWITCH ENGAGED" : "")
                .append("; ");
            s.agentNodes().forEach((id, node) -> b.append(id).append('@').append(node)
                .append(s.trading().contains(id) ? " trading; " : " waiting; "));
            system.log().info(b.toString());
          } else {
            system.log().info("cluster: account singleton not reachable yet ({})", String.valueOf(err));
          }
        });
  }

  private static void close(EngineLock lock) {
    try {
      lock.close();
    } catch (IOException e) {
      // The OS drops the lock with the process anyway.
    }
  }
}
