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
import kis.actors.risk.KillSwitch;
import kis.actors.risk.KillSwitchState;
import kis.actors.risk.RiskLimits;
import kis.actors.supervisor.KisSupervisor;
import kis.actors.supervisor.SupervisorSettings;
import java.util.function.Function;
import kis.connector.KisConnector;
import kis.connector.rest.Quote;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import kis.journal.calendar.SessionClock;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The composition root of {@code run}: KIS supervisor (websocket, market data, notices), order
 * gateway, reconciler and the agent manager with its agents, all talking to one KIS account through {@code connector}.
 */
public final class LiveEngine {

  /**
   * What the engine's users (dashboard, status log, tests) talk to.
   *
   * @param killSwitch the account's journaled kill switch: {@link KillSwitch.Engage} cancels every
   *     agent's working orders and denies new orders until an operator's {@link KillSwitch.Reset}
   */
  public record Handles(ActorRef<AgentManager.Command> manager, ActorRef<KisSupervisor.Command> supervisor,
      ActorRef<OrderGateway.Command> gateway,
      ActorRef<ReconcilerActor.Command> reconciler, AgentRegistry registry, List<AgentConfig> agents,
      ActorRef<KillSwitch.Command> killSwitch) {}

  /**
   * The kill switch's persistence key: one engine serves one account from one data dir (the lock
   * sees to that), so a fixed key is stable across restarts and never spells out the account number.
   */
  public static final String KILL_SWITCH_KEY = "account";

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
      ActorRef<OrderPort> toGateway = ctx.spawn(OrderGateway.forwarder(gateway), "order-port");
      // Agents send through the kill switch's gate: nothing new reaches KIS while it is engaged.
      ActorRef<Object> gate = ctx.spawn(KillSwitchGate.create(toGateway), "kill-switch-gate");
      ActorRef<OrderPort> port = gate.narrow();
      ActorRef<KisSupervisor.Command> supervisor = ctx.spawn(KisSupervisor.create(s.connector(),
          SupervisorSettings.fromConfig(c), gateway, reconciler, s.sessions()), "kis");
      ActorRef<HostSignals.Command> signals = ctx.spawn(HostSignals.create(supervisor,
          sym -> s.connector().rest().inquirePrice(sym.code()).thenApply(Quote::stckSdpr), s.schedule(), s.clock()),
          "host-signals");
      // Spawned before any agent: its recovery tells the signals the latch before a host can trade.
      ActorRef<KillSwitch.Command> killSwitch = ctx.spawn(KillSwitch.create(KILL_SWITCH_KEY,
          forward(ctx, signals, HostSignals.CancelAll::new, "kill-switch-cancel-all"),
          ctx.spawn(Behaviors.<KillSwitchState>receiveMessage(st -> {
            gate.tell(st);
            signals.tell(new HostSignals.KillSwitchNow(st));
            return Behaviors.same();
          }), "kill-switch-state"), s.clock()), "kill-switch");
      SupervisorFeed feed = new SupervisorFeed(ctx.getSystem(), supervisor, signals);
      AgentManager.Setup ms = new AgentManager.Setup(agents,
          id -> AgentSettings.fromConfig(id, template.costs(), agentBlock), RiskLimits.fromAppConfig(c), port,
          s.clock(), s.schedule(), feed, registry,
          AgentGenerations.at(s.dataDir().resolve("agent-generations.properties")), Optional.of(reconciler),
          (id, agent) -> gateway.tell(new OrderGateway.RegisterAgent(id, agent)), 5, Duration.ofMinutes(10));
      ActorRef<AgentManager.Command> manager = ctx.spawn(AgentManager.create(ms), "agents");
      started.complete(new Handles(manager, supervisor, gateway, reconciler, registry, agents, killSwitch));
      return Behaviors.empty();
    });
  }

  /** A child that hands each message on to {@code to}, wrapped: typed plumbing between two protocols. */
  private static <A, B> ActorRef<A> forward(ActorContext<?> ctx, ActorRef<B> to, Function<A, B> wrap, String name) {
    return ctx.spawn(Behaviors.<A>receiveMessage(m -> {
      to.tell(wrap.apply(m));
      return Behaviors.same();
    }), name);
  }
}
