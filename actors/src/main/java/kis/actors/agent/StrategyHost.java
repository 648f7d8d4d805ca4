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
import kis.actors.risk.AccountFigures;
import kis.actors.risk.AccountLimits;
import kis.actors.risk.AccountLink;
import kis.actors.risk.AgentFigures;
import kis.actors.risk.Claim;
import kis.journal.risk.DayCounters;
import kis.journal.risk.MarketFacts;
import kis.journal.risk.RiskContext;
import kis.journal.risk.RiskDecision;
import kis.journal.risk.RiskGuard;
import kis.journal.risk.SymbolFacts;
import kis.journal.risk.TradingState;
import kis.journal.AgentId;
import kis.journal.ClientOrderId;
import kis.journal.Symbol;
import kis.journal.calendar.SessionSchedule;
import kis.journal.event.AgentResumed;
import kis.journal.event.CancelRequested;
import kis.journal.event.InDoubtResolved;
import kis.journal.event.ModifyRejected;
import kis.journal.event.OrderAccepted;
import kis.journal.event.OrderDenied;
import kis.journal.event.OrderEvent;
import kis.journal.event.OrderRejected;
import kis.journal.event.OrderRequested;
import kis.journal.event.OrderRevised;
import kis.journal.event.ReviseRequested;
import kis.journal.risk.DayCounters;
import kis.journal.risk.MarketFacts;
import kis.journal.risk.RiskContext;
import kis.journal.risk.RiskDecision;
import kis.journal.risk.SymbolFacts;
import kis.journal.risk.TradingState;
import kis.journal.state.AgentState;
import kis.journal.state.Order;
import kis.strategies.BarsFromTrades;
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
          Refreshed, StepDone, NoState, UseEngineFacts, ConnectionChanged, BasePrice, Pause, DiskChanged, UseAccount,
          AccountNow, AccountAnswered {}

  /** Market data for one of the strategy's symbols (from the KIS supervisor's subscription). */
  public record OnMarket(MarketEvent event) implements Command {}

  /**
   * The account's kill switch latched or was reset. Engaged: the host has the agent cancel every
   * working order ({@link Agent.CancelAllWorking}; repeats are harmless), cancels orders that KIS
   * accepts afterwards, and the risk guard denies every new order ({@code RISK_KILL_SWITCH},
   * journaled) until it is reset.
   */
  public record KillSwitchChanged(boolean engaged) implements Command {}

  /**
   * From now on this host is fed by the live engine: {@link KillSwitchChanged},
   * {@link ConnectionChanged} and {@link BasePrice}. Until the kill switch and the connection have
   * each been heard from, placements are held back (not sent, not journaled); the ±30 % band then
   * comes only from KIS base prices, never from the first trade. Sent before market data and
   * before {@link EnableTrading}; a placement made before it arrives (a strategy that places on
   * {@code SessionOpened}) is stopped by the live engine's kill switch gate until the latch is known.
   */
  public record UseEngineFacts() implements Command {}

  /**
   * The KIS connection changed. While it is not live the market data is stale (or missing), so new
   * placements and revises are denied, journaled as {@code OrderDenied RISK_HALTED} with the
   * connection state as the cause, rather than held: a held order would go out later on prices
   * nobody has seen, and the strategy would not know its intent was dropped. Cancels still go out
   * (they reduce risk, and REST may well work). {@code live} comes only after the gap fill.
   */
  public record ConnectionChanged(boolean live, String state) implements Command {}

  /**
   * The data dir's disk went below its free-space margin ({@code low}, with {@code detail} saying
   * so) or has room again. While low, new placements and revises are denied like on a dead
   * connection ({@code OrderDenied RISK_HALTED}, the detail as the cause); cancels still go out.
   */
  public record DiskChanged(boolean low, String detail) implements Command {}

  /** The day's base price (기준가, KIS {@code stck_sdpr}) of {@code symbol} for {@code tradingDay}. */
  public record BasePrice(Symbol symbol, LocalDate tradingDay, long price) implements Command {}

  /**
   * An operator's pause (or the engine's shutdown): while paused the strategy still gets market
   * data, fills and timers, its working orders stay and its revises and cancels go out, but the
   * placements it asks for are dropped (not sent, not journaled). Not journaled itself: a restarted
   * host runs unpaused. {@code replyTo} hears once no placement will follow.
   */
  public record Pause(boolean paused, ActorRef<Done> replyTo) implements Command {}

  /**
   * The account's limits across agents ({@code kis-trader.risk.account}): from now on each
   * placement, and each revise that adds exposure, that passed the agent's own checks is checked
   * against them and reserved in one step by the account's keeper ({@code link.keeper()},
   * {@link kis.actors.risk.AccountBook}), and the host reports its agent's {@link AgentFigures}
   * there after each event that changed them (and after each granted reservation, which settles it).
   */
  public record UseAccount(AccountLink link) implements Command {}

  /** The account's latest figures of every agent, for information: the account's keeper decides. */
  public record AccountNow(AccountFigures figures) implements Command {}

  /** The account's keeper answered the reservation for {@code intent}. */
  record AccountAnswered(Intent intent, RiskDecision decision) implements Command {}

  /** The reconciler's first run completed: placements may go out from now on. */
  public record EnableTrading() implements Command {}

  public record GetStatus(ActorRef<HostStatus> replyTo) implements Command {}

  /**
   * What the host is doing, for the dashboard and the status log.
   *
   * @param tradingEnabled false until the reconciler's first run completed
   * @param strategyStopped the strategy failed too often; the agent is parked
   * @param placementsHeld placements dropped while paused or before trading was enabled (or, for a host
   *     fed by the engine, the kill switch or connection state was not known yet)
   * @param killSwitchEngaged whether the host knows the account's kill switch as engaged
   * @param connection the KIS connection state as the host last heard it ({@code unknown} if never)
   * @param paused placements are dropped ({@link Pause})
   * @param idleReason why the agent has not traded since the host started ({@link IdleReason}), "" while it trades
   */
  public record HostStatus(AgentId agentId, boolean sessionOpen, boolean tradingEnabled, boolean strategyStopped,
      int recentFailures, String lastFailure, long eventsDelivered, long intents, long denials, long placementsHeld,
      boolean killSwitchEngaged, String connection, boolean paused, String idleReason) {}

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
  /** How long a placement waits for the account's keeper before it is denied. */
  private static final Duration RESERVE_TIMEOUT = Duration.ofSeconds(5);

  /**
   * The host of {@code agent}. Spawn the agent with a listener that forwards its journaled events
   * here ({@link #fromAgent}); the agent manager's per-agent runner does that.
   */
  public static Behavior<Command> create(Setup setup, ActorRef<Agent.Command> agent) {
    // The engine facts live outside the restarted part: a restart must not forget the latch.
    return Behaviors.setup(outer -> {
      EngineFacts facts = new EngineFacts();
      Paused paused = new Paused();
      return Behaviors.supervise(Behaviors.<Command>supervise(
              Behaviors.<Command>withStash(10_000, stash -> Behaviors.withTimers(timers ->
                  Behaviors.setup(ctx -> new StrategyHost(setup, agent, ctx, stash, timers, facts, paused).starting()))))
              .onFailure(StrategyFailed.class,
                  SupervisorStrategy.restartWithBackoff(setup.minBackoff(), setup.maxBackoff(), 0.2)))
          .onFailure(SupervisorStrategy.restart());
    });
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
  /** The day's first trade per symbol: the base price of a host the engine does not feed. */
  private final Map<Symbol, Long> firstPrice = new HashMap<>();
  private LocalDate firstPriceDay;
  private final EngineFacts facts;
  /** Outside the restartable part too: a strategy failure must not end a pause. */
  private final Paused paused;
  /** Orders the kill switch tried once more after a refused modify. */
  private final java.util.Set<ClientOrderId> killSwitchRetries = new java.util.HashSet<>();
  private AgentState state;
  private AgentState lastPublished;
  private DayCounters counters;
  private boolean tradingEnabled;
  private boolean sessionOpen;
  private final Deque<Intent> pending = new ArrayDeque<>();
  private long delivered;
  private long intents;
  private long denials;
  private long held;
  /** What {@link IdleReason} is worked out from. */
  private final Instant startedAt;
  private Instant lastPrint;
  private long accepted;
  private long refusedSinceAccepted;
  private String lastRefusal = "";
  private String lastHeld = "";
  /** Where the agent's answers go: refusals worth knowing are journaled or logged by the agent anyway. */
  private final ActorRef<StatusReply<Object>> replySink;

  private StrategyHost(Setup setup, ActorRef<Agent.Command> agent, ActorContext<Command> ctx,
      StashBuffer<Command> stash, TimerScheduler<Command> timers, EngineFacts facts, Paused paused) {
    this.setup = setup;
    this.facts = facts;
    this.paused = paused;
    this.agent = agent;
    this.ctx = ctx;
    this.stash = stash;
    this.timers = timers;
    this.tradingEnabled = setup.tradingEnabled();
    this.startedAt = setup.clock().instant();
    // The live feed brings trades only: a bar strategy gets bars built from them, as in the backtest.
    this.strategy = BarsFromTrades.around(setup.strategy().get());
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
          onKillSwitch(m.engaged());
          return Behaviors.same();
        })
        .onMessage(UseEngineFacts.class, m -> {
          facts.fed = true;
          return Behaviors.same();
        })
        .onMessage(ConnectionChanged.class, m -> {
          if (facts.live == null || facts.live != m.live()) {
            ctx.getLog().info("{}: KIS connection {}: new orders {}", setup.agentId(), m.state(),
                m.live() ? "allowed" : "denied until it is live again");
          }
          facts.live = m.live();
          facts.connection = m.state();
          return Behaviors.same();
        })
        .onMessage(DiskChanged.class, m -> {
          facts.diskLow = m.low() ? m.detail() : "";
          return Behaviors.same();
        })
        .onMessage(BasePrice.class, m -> {
          facts.base.put(m.symbol(), new EngineFacts.Base(m.tradingDay(), m.price()));
          return Behaviors.same();
        })
        .onMessage(EnableTrading.class, m -> {
          tradingEnabled = true;
          return Behaviors.same();
        })
        .onMessage(UseAccount.class, m -> {
          facts.account = m.link();
          facts.reported = null;
          return Behaviors.same();
        })
        .onMessage(AccountNow.class, m -> {
          facts.accountFigures = m.figures();
          return Behaviors.same();
        })
        .onMessage(Pause.class, m -> {
          if (paused.on != m.paused()) {
            ctx.getLog().info("{}: {}", setup.agentId(), m.paused() ? "paused: no new orders" : "unpaused");
          }
          paused.on = m.paused();
          m.replyTo().tell(Done.getInstance());
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
          if (e.isPresent()) {
            return beginDelivery(e.get());
          }
          reportFigures(); // an order requested after the step ended: the account hears the count now
          return Behaviors.same();
        })
        .onMessage(SessionCheck.class, m -> {
          Optional<StrategyEvent> e = checkSession();
          return e.isPresent() ? beginDelivery(e.get()) : Behaviors.same();
        })
        .onMessage(Refreshed.class, m -> Behaviors.same())
        .onMessage(StepDone.class, m -> Behaviors.same())
        .onMessage(AccountAnswered.class, m -> Behaviors.same())
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
        .onMessage(AccountAnswered.class, m -> {
          if (m.decision().allowed()) {
            facts.reservationHeld = true;
          }
          return m.intent() instanceof Intent.Place p ? place(p, m.decision())
              : revise((Intent.Revise) m.intent(), m.decision());
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
      reportFigures();
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
      Optional<String> wait = paused.on ? Optional.of("paused")
          : tradingEnabled ? facts.notKnownYet() : Optional.of("the first reconciliation is not done");
      if (wait.isPresent()) {
        held++;
        lastHeld = wait.get();
        ctx.getLog().debug("{}: placement held back ({}): {}", setup.agentId(), wait.get(), p.spec());
        return nextIntent();
      }
      RiskDecision d = setup.guard().checkOrder(p.spec(), risk);
      if (d.allowed() && accountLimited()) {
        return reserve(p, Claim.placement(p.spec(), Math.multiplyExact(p.spec().quantity(),
            orderPrice(p.spec(), risk))), risk);
      }
      return place(p, d);
    }
    if (intent instanceof Intent.Revise r) {
      Optional<Order> o = state.order(r.orderId());
      RiskDecision d = o.isEmpty() ? RiskDecision.ALLOW : setup.guard().checkRevise(o.get(), r.newPrice(), risk);
      if (d.allowed() && o.isPresent() && accountLimited() && !Claim.revise(o.get(), r.newPrice()).empty()) {
        return reserve(r, Claim.revise(o.get(), r.newPrice()), risk);
      }
      return revise(r, d);
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

  /** Journal the placement, or its denial. */
  private Behavior<Command> place(Intent.Place p, RiskDecision d) {
    if (d instanceof RiskDecision.Deny deny) {
      denials++;
      askAgent(r -> new Agent.DenyOrder(p.spec(), deny.reason(), deny.detail(), r.unsafeUpcast()));
    } else {
      askAgent(r -> new Agent.PlaceOrder(p.spec(), p.reason(), r.unsafeUpcast()));
    }
    return busy();
  }

  /** Send the revise, or journal its denial (the strategy hears it as {@code ModifyRejected}). */
  private Behavior<Command> revise(Intent.Revise r, RiskDecision d) {
    if (d instanceof RiskDecision.Deny deny) {
      denials++;
      ctx.getLog().info("{}: revise of {} denied: {} {}", setup.agentId(), r.orderId(), deny.reason(), deny.detail());
      askAgent(rt -> new Agent.DenyRevise(r.orderId(), r.newPrice(), deny.reason(), deny.detail(), rt.unsafeUpcast()));
    } else {
      askAgent(rt -> new Agent.ReviseOrder(r.orderId(), r.newPrice(), rt.unsafeUpcast()));
    }
    return busy();
  }

  /** Whether the account has limits to check (without any, nothing is reserved: no round trip). */
  private boolean accountLimited() {
    return facts.account != null && !facts.account.limits().none();
  }

  /**
   * Ask the account's keeper to check {@code claim} and reserve it in one step; the answer comes
   * back as {@link AccountAnswered}. A keeper that does not answer denies: no order goes out past
   * limits nobody could check.
   */
  private Behavior<Command> reserve(Intent intent, Claim claim, RiskContext risk) {
    AgentFigures mine = AgentFigures.of(books(), risk.market(), risk.today());
    facts.reported = mine;
    String self = setup.agentId().value();
    ctx.ask(AccountLink.Verdict.class, facts.account.keeper(), RESERVE_TIMEOUT,
        rt -> new AccountLink.Reserve(self, mine, claim, rt),
        (v, err) -> new AccountAnswered(intent, v != null ? v.decision()
            : RiskDecision.deny(kis.journal.RejectReason.RISK_HALTED, "the account's limits could not be checked: its"
                + " keeper did not answer within " + RESERVE_TIMEOUT.toSeconds() + " s")));
    return busy();
  }

  /** The price an order is valued at for the account: its limit, a market buy at the upper band. */
  private static long orderPrice(kis.journal.OrderSpec spec, RiskContext risk) {
    return spec.type().carriesPrice() ? spec.price()
        : risk.market().get(spec.symbol()).map(f -> spec.side() == kis.journal.Side.BUY ? f.limits().upper()
            : f.lastPrice()).orElse(0L);
  }

  /** The agent's published books can be ahead of the ones read for the last step. */
  private AgentState books() {
    return lastPublished != null && lastPublished.eventCount() > state.eventCount() ? lastPublished : state;
  }

  /**
   * Tell the account this agent's figures if they changed since the last report, or if a
   * reservation was granted since (the report settles it).
   */
  private void reportFigures() {
    if (facts.account == null || state == null || counters == null) {
      return;
    }
    RiskContext risk = riskContext(now());
    AgentFigures f = AgentFigures.of(books(), risk.market(), risk.today());
    if (!f.equals(facts.reported) || facts.reservationHeld) {
      facts.reported = f;
      facts.reservationHeld = false;
      facts.account.keeper().tell(new AccountLink.Report(setup.agentId().value(), f));
    }
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
    if (e instanceof Trade) {
      lastPrint = now();
    }
    long price = e instanceof Trade t ? t.price() : e instanceof Bar b ? b.close() : 0;
    if (price <= 0) {
      return;
    }
    LocalDate day = e.time().atZone(SEOUL).toLocalDate();
    if (!day.equals(firstPriceDay)) {
      firstPriceDay = day;
      firstPrice.clear();
    }
    lastPrice.put(e.symbol(), price);
    // Without the engine's KIS base prices (offline), the day's first trade stands in for 기준가.
    firstPrice.putIfAbsent(e.symbol(), price);
  }

  /** Day counters and resume bookkeeping; the event to hand the strategy, if it is one of its updates. */
  private Optional<StrategyEvent> noteAgentEvent(Agent.Published p) {
    counters = counters.apply(lastPublished, p.event(), SEOUL);
    noteOutcome(p.event());
    lastPublished = p.state();
    if (facts.killSwitchEngaged()) {
      cancelIfNowWorking(p);
    }
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

  /** Accepted and refused placements, for the idle reason. */
  private void noteOutcome(Object event) {
    if (event instanceof OrderAccepted) {
      accepted++;
      refusedSinceAccepted = 0;
      lastRefusal = "";
    } else if (event instanceof OrderDenied d) {
      refusedSinceAccepted++;
      lastRefusal = d.reason() + (d.detail() == null || d.detail().isBlank() ? "" : " " + d.detail());
    } else if (event instanceof OrderRejected r) {
      refusedSinceAccepted++;
      lastRefusal = "rejected by KIS " + r.msgCd() + " " + r.message();
    }
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
    LocalDate today = setup.schedule().tradingDay(now);
    Map<Symbol, SymbolFacts> market = new HashMap<>();
    if (facts.fed) {
      // The band comes from KIS's 기준가 only; a symbol without one today has no band (denied).
      facts.base.keySet().forEach(sym -> facts.baseFor(sym, today).ifPresent(base ->
          market.put(sym, SymbolFacts.of(lastPrice.getOrDefault(sym, base), base))));
    } else {
      lastPrice.forEach((sym, last) -> market.put(sym, SymbolFacts.of(last, firstPrice.getOrDefault(sym, last))));
    }
    counters = counters.asOf(today, state);
    boolean halted = !facts.connectionLive() || !facts.diskLow.isEmpty();
    return new RiskContext(state, MarketFacts.of(market), counters, halted ? TradingState.HALTED : TradingState.ACTIVE,
        facts.killSwitchEngaged(), setup.schedule().phaseAt(now), now,
        !facts.diskLow.isEmpty() ? facts.diskLow
            : halted ? "the KIS connection is " + facts.connection + "; no new orders on stale data until it is live again"
            : "");
  }

  /** The latch engaged (again, after a restart too): every working order is cancelled. */
  private void onKillSwitch(boolean engaged) {
    boolean was = facts.killSwitchEngaged();
    facts.killSwitch = engaged;
    if (engaged) {
      if (!was) {
        ctx.getLog().warn("{}: kill switch engaged: cancelling working orders, no new orders", setup.agentId());
      }
      ActorRef<StatusReply<Integer>> sink = replySink.unsafeUpcast();
      agent.tell(new Agent.CancelAllWorking("kill switch", sink));
    } else if (was) {
      ctx.getLog().info("{}: kill switch reset: new orders allowed", setup.agentId());
    }
  }

  /**
   * An order that became cancellable while the latch is on is cancelled: it was awaiting KIS's
   * reply, in doubt, or being revised (a revise confirmed or refused leaves it working).
   */
  private void cancelIfNowWorking(Agent.Published p) {
    ClientOrderId id = p.event() instanceof OrderAccepted a ? a.orderId()
        : p.event() instanceof InDoubtResolved r && r.orderNo().isPresent() ? r.orderId()
        : p.event() instanceof OrderRevised v ? v.orderId()
        : p.event() instanceof ModifyRejected x ? x.orderId() : null;
    // A refused cancel comes back as ModifyRejected too: one more try per order, never a loop.
    if (id != null && (!(p.event() instanceof ModifyRejected) || killSwitchRetries.add(id))) {
      ActorRef<StatusReply<Done>> sink = replySink.unsafeUpcast();
      agent.tell(new Agent.CancelOrder(id, "kill switch", sink));
    }
  }

  private HostStatus status() {
    return new HostStatus(setup.agentId(), sessionOpen, tradingEnabled, setup.failures().stopped(),
        setup.failures().recentCount(), setup.failures().lastFailure(), delivered, intents, denials, held,
        facts.killSwitchEngaged(), facts.fed ? facts.connection : "unknown", paused.on, idleReason());
  }

  private String idleReason() {
    return IdleReason.of(new IdleReason.Facts(now(), startedAt, List.copyOf(strategy.symbols()),
        Optional.ofNullable(lastPrint), strategy.warmUp(), accepted, refusedSinceAccepted, lastRefusal, held, lastHeld,
        sessionOpen, tradingEnabled, paused.on, setup.failures().stopped(), facts.killSwitchEngaged(),
        facts.connectionLive(), facts.fed ? facts.connection : "unknown"));
  }

  /** Whether the host is paused; touched only from the host actor. */
  private static final class Paused {
    boolean on;
  }
}
