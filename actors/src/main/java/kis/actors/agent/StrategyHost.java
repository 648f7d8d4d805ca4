package kis.actors.agent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import kis.actors.risk.DayCounters;
import kis.actors.risk.MarketFacts;
import kis.actors.risk.RiskContext;
import kis.actors.risk.RiskDecision;
import kis.actors.risk.RiskGuard;
import kis.actors.risk.SymbolFacts;
import kis.actors.risk.TradingState;
import kis.journal.AgentId;
import kis.journal.ClientOrderId;
import kis.journal.Symbol;
import kis.journal.event.AgentResumed;
import kis.journal.event.CancelRequested;
import kis.journal.event.OrderEvent;
import kis.journal.event.OrderRequested;
import kis.journal.event.ReviseRequested;
import kis.journal.state.AgentState;
import kis.journal.state.Order;
import kis.strategies.Intent;
import kis.strategies.Strategy;
import kis.strategies.StrategyContext;
import kis.strategies.event.Bar;
import kis.strategies.event.MarketEvent;
import kis.strategies.event.OrderUpdate;
import kis.strategies.event.SessionClosed;
import kis.strategies.event.SessionOpened;
import kis.strategies.event.StrategyEvent;
import kis.strategies.event.TimerFired;
import kis.strategies.event.Trade;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.BehaviorBuilder;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.pattern.StatusReply;

/**
 * Runs one agent's {@link Strategy}: market data, the agent's own order events, timers and the
 * session's open and close go in as {@link StrategyEvent}s; the strategy's {@link Intent}s pass the
 * {@link RiskGuard} and go to the {@link Agent} as {@code PlaceOrder/ReviseOrder/CancelOrder}
 * (a refused placement is journaled as {@code OrderDenied} via {@link Agent.DenyOrder}).
 *
 * <p>One event at a time: before each event the host reads the agent's state, and it waits for
 * the agent's answer to each intent (and the state after it) before the next, so the strategy
 * never decides on stale books. Everything arriving meanwhile is stashed.
 *
 * <p>A strategy that throws loses that event's intents and the host restarts with backoff
 * (a fresh strategy instance, indicators rebuilt from market data); after
 * {@link StrategyFailures#maxFailures()} failures in the window the agent is parked
 * ({@code AgentParked} journaled) and the strategy is no longer called until the agent is resumed.
 */
public final class StrategyHost {

  /** What the host accepts. */
  public sealed interface Command
      permits OnMarket, KillSwitchChanged, EnableTrading, GetStatus, FromAgent, TimerDue, SessionCheck, Deliver,
          Refreshed, StepDone, NoState {}

  /** Market data for one of the strategy's symbols (from the KIS supervisor's subscription). */
  public record OnMarket(MarketEvent event) implements Command {}

  /** The account's kill switch latched or was reset. */
  public record KillSwitchChanged(boolean engaged) implements Command {}

  /** The reconciler's first run completed: placements may go out from now on. */
  public record EnableTrading() implements Command {}

  public record GetStatus(ActorRef<HostStatus> replyTo) implements Command {}

  /**
   * What the host is doing, for the dashboard and the status log.
   *
   * @param tradingEnabled false until the reconciler's first run completed
   * @param strategyStopped the strategy failed too often; the agent is parked
   * @param placementsHeld placements dropped because trading was not enabled yet
   */
  public record HostStatus(AgentId agentId, boolean sessionOpen, boolean tradingEnabled, boolean strategyStopped,
      int recentFailures, String lastFailure, long eventsDelivered, long intents, long denials, long placementsHeld) {}

  record FromAgent(Agent.Published published) implements Command {}

  record TimerDue(String key, Instant at) implements Command {}

  record SessionCheck() implements Command {}

  /** Hand {@code event} to the strategy (after reading the agent's state). */
  record Deliver(StrategyEvent event) implements Command {}

  record NoState(Throwable cause) implements Command {}

  /** The agent's state, read before delivering {@code event}. */
  record Refreshed(StrategyEvent event, AgentState state) implements Command {}

  /** An intent was answered; {@code state} is the agent's state after it. */
  record StepDone(AgentState state) implements Command {}

  /** Thrown to restart the host with backoff after a strategy failure. */
  static final class StrategyFailed extends RuntimeException {
    StrategyFailed(AgentId id, Throwable cause) {
      super("strategy of " + id + " failed", cause);
    }
  }

  /**
   * Everything a host needs.
   *
   * @param strategy creates a fresh strategy instance (again after each restart)
   * @param guard the agent's risk limits
   * @param schedule when the market is open
   * @param failures the failure count, shared across restarts
   * @param tradingEnabled whether placements may go out from the start
   */
  public record Setup(AgentId agentId, Supplier<Strategy> strategy, RiskGuard guard, SessionSchedule schedule,
      Clock clock, StrategyFailures failures, Duration minBackoff, Duration maxBackoff, boolean tradingEnabled) {}

  private static final ZoneId SEOUL = StrategyContext.KST;
  private static final String SESSION_TIMER = "session";
  private static final Duration MAX_SESSION_RECHECK = Duration.ofMinutes(1);

  /**
   * The host of {@code agent}. Spawn the agent with a listener that forwards its journaled events
   * here ({@link #fromAgent}); the agent manager's per-agent runner does that.
   */
  public static Behavior<Command> create(Setup setup, ActorRef<Agent.Command> agent) {
    return Behaviors.supervise(Behaviors.<Command>supervise(
            Behaviors.<Command>withStash(10_000, stash -> Behaviors.withTimers(timers ->
                Behaviors.setup(ctx -> new StrategyHost(setup, agent, ctx, stash, timers).starting()))))
            .onFailure(StrategyFailed.class,
                SupervisorStrategy.restartWithBackoff(setup.minBackoff(), setup.maxBackoff(), 0.2)))
        .onFailure(SupervisorStrategy.restart());
  }

  /** The message that hands the host one of its agent's journaled events. */
  public static Command fromAgent(Agent.Published published) {
    return new FromAgent(published);
  }

  private final Setup setup;
  private final ActorRef<Agent.Command> agent;
  private final ActorContext<Command> ctx;
  private final StashBuffer<Command> stash;
  private final TimerScheduler<Command> timers;
  private final Strategy strategy;
  private final Map<Symbol, Long> lastPrice = new HashMap<>();
  private final Map<Symbol, Long> basePrice = new HashMap<>();
  private LocalDate baseDay;
  private AgentState state;
  private AgentState lastPublished;
  private DayCounters counters;
  private boolean killSwitch;
  private boolean tradingEnabled;
  private boolean sessionOpen;
  private final Deque<Intent> pending = new ArrayDeque<>();
  private long delivered;
  private long intents;
  private long denials;
  private long held;
  /** Where the agent's answers go: refusals worth knowing are journaled or logged by the agent anyway. */
  private final ActorRef<StatusReply<Object>> replySink;

  private StrategyHost(Setup setup, ActorRef<Agent.Command> agent, ActorContext<Command> ctx,
      StashBuffer<Command> stash, TimerScheduler<Command> timers) {
    this.setup = setup;
    this.agent = agent;
    this.ctx = ctx;
    this.stash = stash;
    this.timers = timers;
    this.tradingEnabled = setup.tradingEnabled();
    this.strategy = setup.strategy().get();
    this.replySink = ctx.spawnAnonymous(Behaviors.<StatusReply<Object>>setup(c -> Behaviors.receiveMessage(r -> {
      if (r.isError()) {
        c.getLog().debug("{}: the agent refused: {}", setup.agentId(), r.getError().getMessage());
      }
      return Behaviors.same();
    })));
  }

  private Instant now() {
    return setup.clock().instant();
  }

  /** Wait for the agent's state, then announce an already open session. */
  private Behavior<Command> starting() {
    ctx.ask(AgentState.class, agent, Duration.ofSeconds(30), Agent.GetState::new,
        (s, err) -> s != null ? new StepDone(s) : new NoState(err));
    return Behaviors.receive(Command.class)
        .onMessage(StepDone.class, m -> {
          state = m.state();
          lastPublished = m.state();
          counters = DayCounters.startOf(setup.schedule().tradingDay(now()), state);
          sessionOpen = setup.schedule().isOpen(now());
          scheduleSessionCheck();
          if (sessionOpen) {
            ctx.getSelf().tell(new Deliver(new SessionOpened(setup.schedule().tradingDay(now()), now())));
          }
          return stash.unstashAll(idle());
        })
        .onMessage(NoState.class, m -> {
          throw new IllegalStateException(setup.agentId() + ": the agent did not answer GetState", m.cause());
        })
        .onMessage(GetStatus.class, m -> {
          m.replyTo().tell(status());
          return Behaviors.same();
        })
        .onMessage(OnMarket.class, m -> {
          noteMarket(m.event());
          stash.stash(new Deliver(m.event()));
          return Behaviors.same();
        })
        .onAnyMessage(m -> {
          stash.stash(m);
          return Behaviors.same();
        })
        .build();
  }

  /** What is handled at once whatever is in flight: kill-switch news, trading gate, status. */
  private BehaviorBuilder<Command> withBookkeeping(BehaviorBuilder<Command> b) {
    return b
        .onMessage(KillSwitchChanged.class, m -> {
          killSwitch = m.engaged();
          return Behaviors.same();
        })
        .onMessage(EnableTrading.class, m -> {
          tradingEnabled = true;
          return Behaviors.same();
        })
        .onMessage(GetStatus.class, m -> {
          m.replyTo().tell(status());
          return Behaviors.same();
        });
  }

  /** Nothing in flight: the next event goes to the strategy. */
  private Behavior<Command> idle() {
    return withBookkeeping(Behaviors.receive(Command.class))
        .onMessage(OnMarket.class, m -> {
          noteMarket(m.event());
          return beginDelivery(m.event());
        })
        .onMessage(Deliver.class, m -> beginDelivery(m.event()))
        .onMessage(TimerDue.class, m -> beginDelivery(new TimerFired(m.key(), m.at())))
        .onMessage(FromAgent.class, m -> {
          Optional<StrategyEvent> e = noteAgentEvent(m.published());
          return e.isPresent() ? beginDelivery(e.get()) : Behaviors.same();
        })
        .onMessage(SessionCheck.class, m -> {
          Optional<StrategyEvent> e = checkSession();
          return e.isPresent() ? beginDelivery(e.get()) : Behaviors.same();
        })
        .onMessage(Refreshed.class, m -> Behaviors.same())
        .onMessage(StepDone.class, m -> Behaviors.same())
        .onMessage(NoState.class, m -> Behaviors.same())
        .build();
  }

  /** An event or an intent is in flight: everything else waits (bookkeeping happens at once). */
  private Behavior<Command> busy() {
    return withBookkeeping(Behaviors.receive(Command.class))
        .onMessage(Refreshed.class, m -> {
          state = m.state();
          return deliver(m.event());
        })
        .onMessage(StepDone.class, m -> {
          state = m.state();
          return nextIntent();
        })
        .onMessage(NoState.class, m -> {
          ctx.getLog().warn("{}: the agent did not answer; event dropped", setup.agentId(), m.cause());
          pending.clear();
          return stash.unstashAll(idle());
        })
        .onMessage(OnMarket.class, m -> {
          noteMarket(m.event());
          stash.stash(new Deliver(m.event()));
          return Behaviors.same();
        })
        .onMessage(FromAgent.class, m -> {
          noteAgentEvent(m.published()).ifPresent(e -> stash.stash(new Deliver(e)));
          return Behaviors.same();
        })
        .onAnyMessage(m -> {
          stash.stash(m);
          return Behaviors.same();
        })
        .build();
  }

  private Behavior<Command> beginDelivery(StrategyEvent event) {
    if (setup.failures().stopped()) {
      return Behaviors.same();
    }
    ctx.ask(AgentState.class, agent, Duration.ofSeconds(10), Agent.GetState::new,
        (s, err) -> s != null ? new Refreshed(event, s) : new NoState(err));
    return busy();
  }

  private Behavior<Command> deliver(StrategyEvent event) {
    List<Intent> answer;
    try {
      delivered++;
      answer = strategy.onEvent(event, new StrategyContext(setup.agentId(), now(), state));
      if (answer == null) {
        throw new IllegalStateException("onEvent returned null for " + event.getClass().getSimpleName());
      }
    } catch (RuntimeException e) {
      return failed(e);
    }
    pending.addAll(answer);
    return nextIntent();
  }

  private Behavior<Command> failed(RuntimeException e) {
    boolean park = setup.failures().record(now(), e);
    ctx.getLog().error("{}: strategy failed ({} in the window)", setup.agentId(), setup.failures().recentCount(), e);
    if (!park) {
      throw new StrategyFailed(setup.agentId(), e);
    }
    String reason = "strategy failed " + setup.failures().recentCount() + " times: " + setup.failures().lastFailure();
    ctx.getLog().error("{}: parking the agent: {}", setup.agentId(), reason);
    ActorRef<StatusReply<Done>> ignore = ctx.getSystem().ignoreRef();
    agent.tell(new Agent.Park(reason, ignore));
    pending.clear();
    return stash.unstashAll(idle());
  }

  /** Send the next intent to the agent, or go idle when there is none. */
  private Behavior<Command> nextIntent() {
    Intent intent = pending.pollFirst();
    if (intent == null) {
      return stash.unstashAll(idle());
    }
    intents++;
    Instant now = now();
    if (intent instanceof Intent.SetTimer t) {
      Duration delay = Duration.between(now, t.at());
      timers.startSingleTimer("strategy:" + t.key(), new TimerDue(t.key(), t.at()),
          delay.isNegative() ? Duration.ZERO : delay);
      return nextIntent();
    }
    if (intent instanceof Intent.CancelTimer t) {
      timers.cancel("strategy:" + t.key());
      return nextIntent();
    }
    RiskContext risk = riskContext(now);
    if (intent instanceof Intent.Place p) {
      if (!tradingEnabled) {
        held++;
        ctx.getLog().debug("{}: placement held back until the first reconciliation: {}", setup.agentId(), p.spec());
        return nextIntent();
      }
      RiskDecision d = setup.guard().checkOrder(p.spec(), risk);
      if (d instanceof RiskDecision.Deny deny) {
        denials++;
        askAgent(r -> new Agent.DenyOrder(p.spec(), deny.reason(), deny.detail(), r.unsafeUpcast()));
      } else {
        long base = basePrice.getOrDefault(p.spec().symbol(), 0L);
        askAgent(r -> new Agent.PlaceOrder(p.spec(), base, p.reason(), r.unsafeUpcast()));
      }
      return busy();
    }
    if (intent instanceof Intent.Revise r) {
      Optional<Order> o = state.order(r.orderId());
      RiskDecision d = o.isEmpty() ? RiskDecision.ALLOW : setup.guard().checkRevise(o.get(), r.newPrice(), risk);
      if (d instanceof RiskDecision.Deny deny) {
        denials++;
        ctx.getLog().info("{}: revise of {} denied: {} {}", setup.agentId(), r.orderId(), deny.reason(), deny.detail());
        return nextIntent();
      }
      long base = o.map(x -> basePrice.getOrDefault(x.spec().symbol(), 0L)).orElse(0L);
      askAgent(rt -> new Agent.ReviseOrder(r.orderId(), r.newPrice(), base, rt.unsafeUpcast()));
      return busy();
    }
    Intent.Cancel c = (Intent.Cancel) intent;
    RiskDecision d = setup.guard().checkCancel(risk);
    if (d instanceof RiskDecision.Deny deny) {
      denials++;
      ctx.getLog().info("{}: cancel of {} denied: {} {}", setup.agentId(), c.orderId(), deny.reason(), deny.detail());
      return nextIntent();
    }
    askAgent(rt -> new Agent.CancelOrder(c.orderId(), c.reason(), rt.unsafeUpcast()));
    return busy();
  }

  /**
   * Tell the agent, then read its state: GetState queues behind the command (and behind its
   * journal write), so the state that comes back already shows the intent's effect.
   */
  private void askAgent(Function<ActorRef<StatusReply<Object>>, Agent.Command> command) {
    agent.tell(command.apply(replySink));
    ctx.ask(AgentState.class, agent, Duration.ofSeconds(10), Agent.GetState::new,
        (s, err) -> s != null ? new StepDone(s) : new NoState(err));
  }

  private void noteMarket(MarketEvent e) {
    long price = e instanceof Trade t ? t.price() : e instanceof Bar b ? b.close() : 0;
    if (price <= 0) {
      return;
    }
    LocalDate day = e.time().atZone(SEOUL).toLocalDate();
    if (!day.equals(baseDay)) {
      baseDay = day;
      basePrice.clear();
    }
    lastPrice.put(e.symbol(), price);
    // KIS quotes carry no 기준가 in the trade feed; the first price of the day stands in for it.
    basePrice.putIfAbsent(e.symbol(), price);
  }

  /** Day counters and resume bookkeeping; the event to hand the strategy, if it is one of its updates. */
  private Optional<StrategyEvent> noteAgentEvent(Agent.Published p) {
    counters = counters.apply(lastPublished, p.event(), SEOUL);
    lastPublished = p.state();
    if (p.event() instanceof AgentResumed && setup.failures().stopped()) {
      ctx.getLog().info("{}: agent resumed; the strategy is called again", setup.agentId());
      setup.failures().clear();
    }
    if (p.event() instanceof OrderEvent oe && !(oe instanceof OrderRequested) && !(oe instanceof ReviseRequested)
        && !(oe instanceof CancelRequested)) {
      return Optional.of(new OrderUpdate(oe));
    }
    return Optional.empty();
  }

  private Optional<StrategyEvent> checkSession() {
    Instant now = now();
    boolean open = setup.schedule().isOpen(now);
    scheduleSessionCheck();
    if (open == sessionOpen) {
      return Optional.empty();
    }
    sessionOpen = open;
    LocalDate day = open ? setup.schedule().tradingDay(now) : now.atZone(SEOUL).toLocalDate();
    return Optional.of(open ? new SessionOpened(day, now) : new SessionClosed(day, now));
  }

  private void scheduleSessionCheck() {
    Instant now = now();
    Duration d = Duration.between(now, setup.schedule().nextChange(now));
    if (d.compareTo(MAX_SESSION_RECHECK) > 0) {
      d = MAX_SESSION_RECHECK;
    }
    timers.startSingleTimer(SESSION_TIMER, new SessionCheck(), d.isNegative() ? Duration.ZERO : d);
  }

  private RiskContext riskContext(Instant now) {
    Map<Symbol, SymbolFacts> facts = new HashMap<>();
    lastPrice.forEach((sym, last) -> facts.put(sym, SymbolFacts.of(last, basePrice.getOrDefault(sym, last))));
    LocalDate today = setup.schedule().tradingDay(now);
    counters = counters.asOf(today, state);
    return new RiskContext(state, MarketFacts.of(facts), counters, TradingState.ACTIVE, killSwitch,
        setup.schedule().phaseAt(now), now);
  }

  private HostStatus status() {
    return new HostStatus(setup.agentId(), sessionOpen, tradingEnabled, setup.failures().stopped(),
        setup.failures().recentCount(), setup.failures().lastFailure(), delivered, intents, denials, held);
  }
}
