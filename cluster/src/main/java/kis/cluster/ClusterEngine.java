package kis.cluster;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import kis.actors.agent.AgentConfig;
import kis.actors.agent.AgentSettings;
import kis.journal.calendar.SessionSchedule;
import kis.actors.gateway.GatewaySettings;
import kis.actors.live.AccountDesk;
import kis.actors.live.AgentRunner;
import kis.actors.live.DiskSpace;
import kis.actors.reconcile.Reconciler;
import kis.actors.reconcile.ReconcilerSettings;
import kis.actors.supervisor.SupervisorSettings;
import kis.actors.risk.AccountLimits;
import kis.journal.risk.RiskLimits;
import kis.connector.assembly.KisConnector;
import kis.connector.record.RecordingSettings;
import kis.journal.AgentId;
import kis.journal.calendar.SessionClock;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.cluster.sharding.ShardCoordinator.ShardAllocationStrategy;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.SingletonActor;

/**
 * The composition root of {@code run --profile cluster} on one node: the account singleton
 * ({@link AccountDesk}: supervisor, gateway, reconciler, kill switch; it runs on the oldest node and moves when
 * that node goes) and the agent runners ({@link AgentRunner}, the same behavior the single node runs) as Cluster Sharding entities, with
 * remember-entities so sharding restarts a lost node's agents elsewhere and never passivates them
 * while they hold working orders. Every node runs the same code with the same configuration.
 */
public final class ClusterEngine {

  /** What the node's users (status log, tests) talk to. */
  public record Handles(ActorRef<AccountDesk.Command> account, ClusterSharding sharding, List<AgentConfig> agents) {

    /** The entity of configured agent {@code id}, on whichever node it runs. */
    public EntityRef<AgentRunner.Command> agent(AgentId id) {
      return sharding.entityRefFor(TYPE_KEY, id.value());
    }
  }

  /**
   * Everything a node needs.
   *
   * @param config the engine's whole configuration ({@code kis-trader.*}, the cluster profile)
   * @param connector this node's KIS connector; used only while the account singleton runs here
   * @param reconciler the pure comparison; empty: {@link Reconciler#withDefaults} with the configured costs
   * @param allocation where sharding places agents; empty: Pekko's default (least shards, rebalanced).
   *     Tests that need an agent on a given node pin it here instead of hoping.
   * @param dataDir the node's data dir, whose free space the account watches while its singleton runs
   *     here ({@code kis-trader.disk}); empty: not watched
   */
  public record Setup(Config config, KisConnector connector, Clock clock, SessionSchedule schedule,
      SessionClock sessions, GatewaySettings gateway, Duration reconcileEvery, Optional<Reconciler> reconciler,
      Optional<ShardAllocationStrategy> allocation, Optional<Path> dataDir) {

    public Setup(Config config, KisConnector connector, Clock clock, SessionSchedule schedule, SessionClock sessions,
        GatewaySettings gateway, Duration reconcileEvery, Optional<Reconciler> reconciler) {
      this(config, connector, clock, schedule, sessions, gateway, reconcileEvery, reconciler, Optional.empty(),
          Optional.empty());
    }

    public Setup withAllocation(ShardAllocationStrategy strategy) {
      return new Setup(config, connector, clock, schedule, sessions, gateway, reconcileEvery, reconciler,
          Optional.of(strategy), dataDir);
    }

    public Setup withDataDir(Path dir) {
      return new Setup(config, connector, clock, schedule, sessions, gateway, reconcileEvery, reconciler,
          allocation, Optional.of(dir));
    }
  }

  /**
   * The sharding entity type: the agent runner itself. Its name is also the agent's persistence id
   * prefix ({@code Agent|id}) and the remembered entities' key, so it never changes.
   */
  public static final EntityTypeKey<AgentRunner.Command> TYPE_KEY =
      EntityTypeKey.create(AgentRunner.Command.class, "Agent");

  private ClusterEngine() {}

  /** Joins sharding and the singleton on {@code system} (a cluster actor system) and wakes every configured agent. */
  public static Handles start(ActorSystem<?> system, Setup s) {
    Config c = s.config();
    List<AgentConfig> agents = AgentConfig.listFrom(c);
    Config agentBlock = c.getConfig("kis-trader.agent");
    AgentSettings template = AgentSettings.fromConfig(new AgentId("template"), agentBlock);
    String account = c.getString("kis-trader.cluster.account");
    ClusterSingleton.get(system).init(SingletonActor.of(
        AccountDesk.create(new AccountDesk.Setup(account, s.connector(), s.clock(), s.schedule(), s.sessions(),
            s.gateway(), SupervisorSettings.fromConfig(c),
            ReconcilerSettings.fromConfig(c, template.costs()).withInterval(s.reconcileEvery())
                .withReconciler(s.reconciler().orElseGet(() -> Reconciler.withDefaults(template.costs()))),
            AccountLimits.fromAppConfig(c), s.dataDir().map(d -> new AccountDesk.DiskWatchSetup(d,
                DiskSpace.Settings.fromConfig(c))))
            .withRecording(s.dataDir().map(d -> RecordingSettings.fromConfig(c, d)))),
        "account-" + account));
    // Not the proxy init returns: that one never finds the account again after it restarted on the
    // same node (its lease lost and taken again during a PostgreSQL outage); see DeskLink.
    ActorRef<AccountDesk.Command> desk = system.<Object>systemActorOf(
        DeskLink.create("account-" + account, Duration.ofSeconds(1)), "account-link-" + account,
        Props.empty()).narrow();
    AgentRunner.Setup es = new AgentRunner.Setup(agents,
        id -> AgentSettings.fromConfig(id, template.costs(), agentBlock), RiskLimits.fromAppConfig(c), desk,
        s.clock(), s.schedule(), 5, Duration.ofMinutes(10),
        c.getDuration("kis-trader.cluster.register-retry"), new JournalGenerations(s.clock()));
    ClusterSharding sharding = ClusterSharding.get(system);
    Entity<AgentRunner.Command, ShardingEnvelope<AgentRunner.Command>> entity =
        Entity.of(TYPE_KEY, ec -> AgentRunner.create(ec.getEntityId(), es));
    sharding.init(s.allocation().map(entity::withAllocationStrategy).orElse(entity));
    Handles h = new Handles(desk, sharding, agents);
    // Idempotent on every node; remember-entities restarts them after a rebalance or a lost node.
    agents.forEach(a -> h.agent(a.id()).tell(new AgentRunner.Wake()));
    return h;
  }
}
