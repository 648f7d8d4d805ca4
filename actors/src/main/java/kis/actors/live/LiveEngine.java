package kis.actors.live;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import kis.actors.agent.AgentConfig;
import kis.actors.agent.AgentSettings;
import kis.actors.agent.OrderPort;
import kis.actors.agent.SessionSchedule;
import kis.actors.gateway.GatewaySettings;
import kis.actors.gateway.OrderGateway;
import kis.actors.manager.AgentGenerations;
import kis.actors.manager.AgentManager;
import kis.actors.manager.AgentRegistry;
import kis.actors.reconcile.ReconcilerActor;
import kis.actors.reconcile.ReconcilerSettings;
import kis.actors.risk.RiskLimits;
import kis.actors.supervisor.KisSupervisor;
import kis.actors.supervisor.SupervisorSettings;
import kis.connector.KisConnector;
import kis.journal.calendar.SessionClock;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The composition root of {@code run}: KIS supervisor (websocket, market data, notices), order
 * gateway, reconciler and the agent manager with its agents, all talking to one KIS account through {@code connector}.
 */
public final class LiveEngine {

  /** What the engine's users (dashboard, status log, tests) talk to. */
  public record Handles(ActorRef<AgentManager.Command> manager, ActorRef<KisSupervisor.Command> supervisor,
      ActorRef<OrderGateway.Command> gateway,
      ActorRef<ReconcilerActor.Command> reconciler, AgentRegistry registry, List<AgentConfig> agents) {}

  /**
   * Everything {@link #guardian} needs.
   *
   * @param config the engine's whole configuration ({@code kis-trader.*})
   * @param schedule KRX hours, or always open against a simulator that is (strategy sessions, day roll)
   * @param sessions the KRX calendar clock, for the supervisor's trade-silence watchdog
   * @param gateway order pacing for the account
   * @param reconcileEvery how often the reconciler compares books and account on its own
   */
  public record Setup(Config config, KisConnector connector, Clock clock, SessionSchedule schedule,
      SessionClock sessions, GatewaySettings gateway, Duration reconcileEvery, Path dataDir) {}

  private LiveEngine() {}

  /** The engine as an actor system's guardian; {@code started} completes with its handles. */
  public static Behavior<Void> guardian(Setup s, CompletableFuture<Handles> started) {
    return Behaviors.setup(ctx -> {
      Config c = s.config();
      List<AgentConfig> agents = AgentConfig.listFrom(c);
      Config agentBlock = c.getConfig("kis-trader.agent");
      AgentSettings template = AgentSettings.fromConfig(new kis.journal.AgentId("template"), agentBlock);
      AgentRegistry registry = new AgentRegistry();
      ActorRef<ReconcilerActor.Command> reconciler = ctx.spawn(ReconcilerActor.create(s.connector().rest(), registry,
          ReconcilerSettings.fromConfig(c, template.costs()).withInterval(s.reconcileEvery()), s.clock()), "reconciler");
      ActorRef<OrderGateway.Command> gateway = ctx.spawn(
          OrderGateway.create(s.connector().rest(), reconciler, s.gateway(), s.clock()), "gateway");
      // The reconciler tells the gateway who owns every live order number (resolved in-doubt orders,
      // orders from before a restart), so their notices route to the right agent.
      reconciler.tell(new ReconcilerActor.UseGateway(gateway));
      ActorRef<OrderPort> port = ctx.spawn(OrderGateway.forwarder(gateway), "order-port");
      ActorRef<KisSupervisor.Command> supervisor = ctx.spawn(KisSupervisor.create(s.connector(),
          SupervisorSettings.defaults(), gateway, reconciler, s.sessions()), "kis");
      SupervisorFeed feed = new SupervisorFeed(ctx.getSystem(), supervisor);
      AgentManager.Setup ms = new AgentManager.Setup(agents,
          id -> AgentSettings.fromConfig(id, template.costs(), agentBlock), RiskLimits.fromAppConfig(c), port,
          s.clock(), s.schedule(), feed, registry,
          AgentGenerations.at(s.dataDir().resolve("agent-generations.properties")), Optional.of(reconciler),
          (id, agent) -> gateway.tell(new OrderGateway.RegisterAgent(id, agent)), 5, Duration.ofMinutes(10));
      ActorRef<AgentManager.Command> manager = ctx.spawn(AgentManager.create(ms), "agents");
      started.complete(new Handles(manager, supervisor, gateway, reconciler, registry, agents));
      return Behaviors.empty();
    });
  }
}
