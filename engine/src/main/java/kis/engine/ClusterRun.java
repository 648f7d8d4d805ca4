package kis.engine;

import com.typesafe.config.Config;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import kis.actors.live.AccountDesk;
import kis.cluster.ClusterEngine;
import kis.cluster.JdbcSchema;
import kis.cluster.NodeShutdown;
import kis.connector.KisMode;
import kis.connector.assembly.KisConnector;
import kis.engine.RunCommand.StartFailure;
import kis.engine.dashboard.ControlToken;
import kis.engine.dashboard.live.LiveDashboard;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * {@code kis-trader run --profile cluster}: one node of a cluster ({@link ClusterEngine}): agents
 * as sharded entities journaling to PostgreSQL, the account's supervisor, gateway and reconciler
 * as a singleton on the oldest node, with the account's journaled kill switch. Needs an exchange
 * all nodes share (a standalone kis-sim or KIS), not the embedded simulator. Every node serves the
 * dashboard ({@link LiveDashboard#startCluster}: the whole cluster, one line per node). The rest of
 * the start is {@link EngineLauncher}'s, as for the single node. On SIGTERM the node pauses its
 * agents and settles their orders ({@link NodeShutdown}), then hands its agents over and leaves.
 */
final class ClusterRun implements EngineLauncher.Profile<ClusterEngine.Handles> {

  @Override
  public String command() {
    return "run --profile cluster";
  }

  @Override
  public void refuse(Config c, RunCommand.Target t) throws StartFailure {
    String mode = c.hasPath("kis.mode") ? c.getString("kis.mode") : "sim";
    boolean externalSim = t.simUrl() != null || (c.hasPath("kis.rest-url") && !c.getString("kis.rest-url").isBlank());
    if (KisMode.parse(mode) == KisMode.SIM && !externalSim) {
      throw new StartFailure(RunCommand.BAD_CONFIG, "the cluster profile needs one exchange shared by"
          + " every node: a standalone kis-sim (kis-trader sim; run --sim-url URL --sim-ws-url URL) or KIS"
          + " (kis.mode = paper|real), not the embedded simulator");
    }
  }

  @Override
  public void checkJournal(Config c, Path data, PrintWriter out) throws StartFailure {
    try {
      if (c.getBoolean("kis-trader.cluster.create-schema")) {
        JdbcSchema.ensure(c);
      }
    } catch (RuntimeException e) {
      throw new StartFailure(RunCommand.UNAVAILABLE, e.getMessage());
    }
  }

  @Override
  public Config systemConfig(Config c) {
    return NodeShutdown.phaseTimeouts(c).withFallback(c);
  }

  @Override
  public Behavior<Void> guardian(ActorContext<Void> ctx, EngineLauncher.Wiring w, KisConnector connector,
      CompletableFuture<ClusterEngine.Handles> started) {
    started.complete(ClusterEngine.start(ctx.getSystem(), new ClusterEngine.Setup(w.config(), connector, w.clock(),
        w.schedule(), w.sessions(), w.pacing(), w.reconcileEvery(), Optional.empty()).withDataDir(w.data())));
    return Behaviors.empty();
  }

  @Override
  public void running(ActorSystem<Void> system, EngineLauncher.Wiring w, ClusterEngine.Handles handles) {
    Duration every = EngineLauncher.statusEvery(w.config());
    system.scheduler().scheduleWithFixedDelay(every, every, () -> status(system, handles), system.executionContext());
    kis.engine.live.RecordingLog.start(system, every);
    PrintWriter out = w.out();
    NodeShutdown.register(system, handles, NodeShutdown.orderFlowTimeout(w.config()), line -> {
      out.println(line);
      out.flush();
    });
    announceLeft(system, out);
  }

  @Override
  public LiveDashboard dashboard(ActorSystem<Void> system, EngineLauncher.Wiring w, ClusterEngine.Handles handles,
      ControlToken token) throws Exception {
    return LiveDashboard.startCluster(w.config(), system, handles, w.schedule(), w.clock(), w.data(),
        w.target().config(), w.metrics(), token);
  }

  @Override
  public String dashboardNote() {
    return " (this node; every node shows the whole cluster)";
  }

  @Override
  public String startedLine(ActorSystem<Void> system, EngineLauncher.Wiring w) {
    Config c = w.config();
    return String.format("kis-trader cluster node %s started against %s: database %s, seed nodes %s, %d agent(s) in"
            + " the cluster (placed by sharding)", Cluster.get(system).selfMember().address(), w.target().describe(),
        JdbcSchema.redacted(c.getString("kis-trader.cluster.db.url")), c.getStringList("pekko.cluster.seed-nodes"),
        w.agents().size());
  }

  @Override
  public String waitingLine() {
    return "Press Ctrl-C to stop (coordinated shutdown: this node leaves the cluster).";
  }

  @Override
  public String stoppedLine() {
    return "kis-trader node stopped.";
  }

  /** Says when the node has left: an operator stopping a node sees it hand its agents (and the account) over. */
  private static void announceLeft(ActorSystem<Void> system, PrintWriter out) {
    String self = Cluster.get(system).selfMember().address().toString();
    CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseClusterExitingDone(), "announce-left", () -> {
      out.println("kis-trader node " + self + " left the cluster.");
      out.flush();
      return CompletableFuture.completedFuture(Done.getInstance());
    });
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
}
