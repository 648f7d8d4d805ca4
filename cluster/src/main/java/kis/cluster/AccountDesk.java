package kis.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import kis.actors.agent.Agent;
import kis.actors.agent.OrderPort;
import kis.actors.agent.SessionSchedule;
import kis.actors.gateway.GatewaySettings;
import kis.actors.gateway.OrderGateway;
import kis.actors.reconcile.AgentDirectory;
import kis.actors.reconcile.ReconcileReport;
import kis.actors.reconcile.ReconcilerActor;
import kis.actors.reconcile.ReconcilerSettings;
import kis.actors.supervisor.KisSupervisor;
import kis.actors.supervisor.SupervisorSettings;
import kis.connector.KisConnector;
import kis.journal.AgentId;
import kis.journal.JournalSerializable;
import kis.journal.Symbol;
import kis.journal.calendar.SessionClock;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * One KIS account, run as a Cluster Singleton: its supervisor (the one websocket), order gateway
 * (the one rate budget per app key) and reconciler, plus the desk itself, where agent entities on
 * any node register. The desk keeps the reconciler's directory of agents, registers each agent
 * with the gateway for notice routing, relays its symbols' trades from the websocket, and enables
 * an agent's trading only after a reconciliation that started after it registered (so orders left
 * in doubt by a crashed node are resolved before its agents trade again).
 */
public final class AccountDesk {

  /** What the desk accepts; {@link AgentUp} and {@link GetAgents} cross nodes through the singleton proxy. */
  public sealed interface Command extends JournalSerializable
      permits AgentUp, GetAgents, EntityGone, Reconciled, ReconcileNow, DayRoll {}

  /**
   * An agent entity (re)started: route {@code agentId}'s notices to {@code agent}, feed {@code symbols}
   * to {@code entity}. Answered with {@link AgentEntity.AccountReady}; repeats are harmless.
   */
  public record AgentUp(AgentId agentId, ActorRef<Agent.Command> agent, ActorRef<AgentEntity.Command> entity,
      List<Symbol> symbols) implements Command {}

  /** The agents registered now, by id. */
  public record GetAgents(ActorRef<Agents> replyTo) implements Command {}

  /** The desk's view: the registered agents by id (string keys: it crosses nodes) and which of them may trade. */
  public record Agents(Map<String, ActorRef<Agent.Command>> agents, Set<String> trading)
      implements JournalSerializable {}

  record EntityGone(AgentId agentId, ActorRef<AgentEntity.Command> entity) implements Command {}

  record Reconciled(boolean ok, String detail, Set<AgentId> covered) implements Command {}

  record ReconcileNow() implements Command {}

  record DayRoll(LocalDate tradingDay) implements Command {}

  /**
   * What the account needs.
   *
   * @param reconciler how the reconciler runs (costs, in-doubt grace, interval)
   */
  public record Setup(KisConnector connector, Clock clock, SessionSchedule schedule, SessionClock sessions,
      GatewaySettings gateway, ReconcilerSettings reconciler) {}

  private static final Duration RECONCILE_RETRY = Duration.ofSeconds(5);
  private static final String ROLL_TIMER = "day-roll";

  private final Setup setup;
  private final ActorContext<Command> ctx;
  private final TimerScheduler<Command> timers;
  private final Map<AgentId, ActorRef<Agent.Command>> directory = new ConcurrentHashMap<>();
  private final Map<AgentId, ActorRef<AgentEntity.Command>> entities = new ConcurrentHashMap<>();
  private final Set<AgentId> trading = new HashSet<>();
  /** One market relay per agent and symbol, subscribed once for the singleton's life. */
  private final Map<AgentId, Map<Symbol, ActorRef<Object>>> relays = new HashMap<>();
  private final ActorRef<ReconcilerActor.Command> reconciler;
  private final ActorRef<OrderGateway.Command> gateway;
  private final ActorRef<OrderPort> port;
  private final ActorRef<KisSupervisor.Command> supervisor;
  private boolean reconciling;
  private boolean reconcileAgain;

  private AccountDesk(Setup setup, ActorContext<Command> ctx, TimerScheduler<Command> timers) {
    this.setup = setup;
    this.ctx = ctx;
    this.timers = timers;
    AgentDirectory dir = () -> Map.copyOf(directory);
    this.reconciler = ctx.spawn(ReconcilerActor.create(setup.connector().rest(), dir, setup.reconciler(),
        setup.clock()), "reconciler");
    this.gateway = ctx.spawn(OrderGateway.create(setup.connector().rest(), reconciler, setup.gateway(), setup.clock()),
        "gateway");
    reconciler.tell(new ReconcilerActor.UseGateway(gateway));
    this.port = ctx.spawn(OrderGateway.forwarder(gateway), "order-port");
    this.supervisor = ctx.spawn(KisSupervisor.create(setup.connector(), SupervisorSettings.defaults(), gateway,
        reconciler, setup.sessions()), "kis");
    scheduleDayRoll();
  }

  /** The singleton's behavior. */
  public static Behavior<Command> create(Setup setup) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new AccountDesk(setup, ctx, timers).running()));
  }

  private Behavior<Command> running() {
    return Behaviors.receive(Command.class)
        .onMessage(AgentUp.class, this::onAgentUp)
        .onMessage(EntityGone.class, m -> {
          if (m.entity().equals(entities.get(m.agentId()))) {
            relays.getOrDefault(m.agentId(), Map.of()).values().forEach(r -> r.tell(new MarketRelay.Target(null)));
            entities.remove(m.agentId());
            directory.remove(m.agentId());
            trading.remove(m.agentId());
          }
          return Behaviors.same();
        })
        .onMessage(GetAgents.class, m -> {
          Map<String, ActorRef<Agent.Command>> byId = new java.util.HashMap<>();
          directory.forEach((id, ref) -> byId.put(id.value(), ref));
          m.replyTo().tell(new Agents(byId, trading.stream().map(AgentId::value).collect(
              java.util.stream.Collectors.toSet())));
          return Behaviors.same();
        })
        .onMessage(ReconcileNow.class, m -> {
          reconcile();
          return Behaviors.same();
        })
        .onMessage(Reconciled.class, this::onReconciled)
        .onMessage(DayRoll.class, this::onDayRoll)
        .build();
  }

  private Behavior<Command> onAgentUp(AgentUp m) {
    ActorRef<AgentEntity.Command> known = entities.get(m.agentId());
    if (!m.entity().equals(known)) {
      entities.put(m.agentId(), m.entity());
      directory.put(m.agentId(), m.agent());
      trading.remove(m.agentId());
      ctx.watchWith(m.entity(), new EntityGone(m.agentId(), m.entity()));
      gateway.tell(new OrderGateway.RegisterAgent(m.agentId(), m.agent()));
      Map<Symbol, ActorRef<Object>> mine = relays.computeIfAbsent(m.agentId(), id -> new HashMap<>());
      mine.values().forEach(r -> r.tell(new MarketRelay.Target(m.entity())));
      for (Symbol s : m.symbols()) {
        if (!mine.containsKey(s)) {
          ActorRef<Object> relay = ctx.spawnAnonymous(MarketRelay.create(m.entity()));
          mine.put(s, relay);
          supervisor.tell(new KisSupervisor.SubscribeMarket(s, relay.narrow()));
        }
      }
      ctx.getLog().info("agent {} registered from {}", m.agentId(), m.entity().path().address());
      reconcile();
    }
    m.entity().tell(new AgentEntity.AccountReady(port, ctx.getSelf()));
    return Behaviors.same();
  }

  /** One run at a time; agents that register during a run are covered by the next one. */
  private void reconcile() {
    if (reconciling) {
      reconcileAgain = true;
      return;
    }
    reconciling = true;
    reconcileAgain = false;
    Set<AgentId> covered = Set.copyOf(directory.keySet());
    ctx.<ReconcilerActor.Command, ReconcileReport>askWithStatus(ReconcileReport.class, reconciler,
        Duration.ofSeconds(60), ReconcilerActor.RunNow::new,
        (report, err) -> err == null ? new Reconciled(true, String.valueOf(report), covered)
            : new Reconciled(false, String.valueOf(err.getMessage()), covered));
  }

  private Behavior<Command> onReconciled(Reconciled m) {
    reconciling = false;
    if (!m.ok()) {
      ctx.getLog().warn("reconciliation failed ({}); retrying in {}", m.detail(), RECONCILE_RETRY);
      timers.startSingleTimer("reconcile", new ReconcileNow(), RECONCILE_RETRY);
      return Behaviors.same();
    }
    for (AgentId id : m.covered()) {
      ActorRef<AgentEntity.Command> e = entities.get(id);
      if (e != null && trading.add(id)) {
        e.tell(new AgentEntity.EnableTrading());
        ctx.getLog().info("agent {} reconciled; it may trade", id);
      }
    }
    if (reconcileAgain) {
      reconcile();
    }
    return Behaviors.same();
  }

  private void scheduleDayRoll() {
    if (!setup.schedule().rollsDays()) {
      return;
    }
    Instant now = setup.clock().instant();
    Duration in = Duration.between(now, setup.schedule().sessionEnd(now));
    timers.startSingleTimer(ROLL_TIMER, new DayRoll(setup.schedule().tradingDay(now)),
        in.isNegative() ? Duration.ZERO : in);
  }

  private Behavior<Command> onDayRoll(DayRoll m) {
    ctx.getLog().info("session of {} ended: working orders expire", m.tradingDay());
    entities.values().forEach(e -> e.tell(new AgentEntity.ExpireWorkingOrders(m.tradingDay())));
    reconcile();
    scheduleDayRoll();
    return Behaviors.same();
  }
}
