package kis.actors.agent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import kis.actors.risk.AccountFigures;
import kis.actors.risk.AccountLimits;
import kis.actors.risk.AccountLink;
import kis.actors.risk.AgentFigures;
import kis.actors.risk.Claim;
import kis.journal.risk.MarketFacts;
import kis.journal.risk.RiskContext;
import kis.journal.risk.RiskDecision;
import kis.journal.risk.RiskGuard;
import kis.journal.risk.TradingState;
import kis.journal.AgentId;
import kis.journal.ClientOrderId;
import kis.journal.RejectReason;
import kis.journal.Symbol;
import kis.journal.Venue;
import kis.journal.calendar.SessionSchedule;
import kis.journal.event.AgentResumed;
import kis.journal.event.CancelRequested;
import kis.journal.event.ModifyRejected;
import kis.journal.event.OrderDenied;
import kis.journal.event.OrderEvent;
import kis.journal.event.OrderRequested;
import kis.journal.event.ReviseRequested;
import kis.journal.state.AgentState;
import kis.journal.state.Order;
import kis.journal.state.OrderTransitions;
import kis.strategies.BarsFromTrades;
import kis.strategies.Intent;
import kis.strategies.Strategy;
import kis.strategies.StrategyContext;
import kis.strategies.event.MarketEvent;
import kis.strategies.event.OrderUpdate;
import kis.strategies.event.ProtectiveUpdate;
import kis.strategies.event.Trade;
import kis.journal.event.ProtectiveEvent;
import kis.strategies.event.StrategyEvent;
import kis.strategies.event.TimerFired;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.PreRestart;
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
 * <p>The host is the strategy's driver; its other jobs have classes of their own: the books it
 * decides on ({@link HostBooks}, {@link UnconfirmedIntents}), the engine's facts
 * ({@link EngineFacts}), the prices behind the risk guard's market facts ({@link MarketPrices}),
 * the kill switch ({@link KillSwitchFollower}), the session's open and close ({@link SessionWatch})
 * and its status ({@link HostActivity}).
 *
 * <p>Nothing waits on the way from an event to an order: the host reads the agent's state once at
 * start, then keeps the state the agent publishes with every journaled event, with its own
 * commands the agent has not published yet folded on ({@link UnconfirmedIntents}), so the strategy
 * and the risk guard never decide on books that miss one of its orders, even when the next event
 * arrives before the agent has written the last one. Each event is handled to the end (the strategy
 * called, every intent checked and sent) before the next; only while {@link #MAX_UNANSWERED}
 * commands are still with the agent do further events wait for it.
 *
 * <p>A strategy that throws loses that event's remaining intents and the host restarts with backoff
 * (a fresh strategy instance, indicators rebuilt from market data, the books read afresh); after
 * {@link StrategyFailures#maxFailures()} failures in the window the agent is parked
 * ({@code AgentParked} journaled) and the strategy is no longer called until the agent is resumed.
 *
 * <p>A placement refused like one journaled less than {@code kis-trader.risk.denial-repeat-window}
 * ago (same symbol, side and reason) is refused to the strategy by the host itself and counted
 * ({@link RepeatedDenials}); one {@code OrderDenied} with the count closes each run.
 */
public final class StrategyHost {


  /** What the host accepts. */
  public sealed interface Command
      permits OnMarket, KillSwitchChanged, EnableTrading, GetStatus, FromAgent, TimerDue, SessionCheck, Deliver,
          Started, NoState, Answered, UseEngineFacts, ConnectionChanged, BasePrice, Pause, DiskChanged, UseAccount,
          AccountNow, AccountAnswered, UseNativeStopLimits, UsePhases, PhaseCheck, DenialWindowDue, DeliverRefusal {}

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
   * (they reduce risk, and REST may well work). {@code live} comes only after the gap fill. A
   * strategy asking again at every print is refused every time, but only the first denial of a
   * symbol and side goes to the agent: the repeats are counted ({@link RepeatedDenials}) and one
   * record per window carries their count, so an outage costs no journal write per print.
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

  /**
   * The agent's {@code protective.stop-limit = native}: from now on a stop-limit armed on its own
   * rests at KIS as its native stop-limit ({@code ORD_DVSN 22}) where the venue takes it now, and
   * is emulated otherwise ({@link NativeStopChoice}, the reason logged). Sent once, at start.
   */
  public record UseNativeStopLimits() implements Command {}

  /**
   * The account's keeper answered the reservation for {@code intent}, asked by the host's
   * {@code incarnation} (an earlier one's intent is not this strategy instance's: dropped).
   */
  record AccountAnswered(Intent intent, RiskDecision decision, int incarnation) implements Command {}

  /** The account's latest figures of every agent (this one's included, ignored in favour of its own). */
  public record AccountNow(AccountFigures figures) implements Command {}

  /**
   * From now on the strategy is told {@code venue}'s session phases on {@code phases} (the agent's
   * venue's day, {@link SessionSchedule#forVenue}) as {@code PhaseChanged}: the phase now at once,
   * then each change. Kept across strategy restarts.
   */
  public record UsePhases(kis.journal.Venue venue, SessionSchedule phases) implements Command {}

  record PhaseCheck() implements Command {}

  /** A window of repeated denials may have closed ({@link RepeatedDenials}): journal the runs it held. */
  record DenialWindowDue() implements Command {}

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
   * @param accountDeciding an intent is with the account's keeper, not yet with the agent (a test that
   *     waits for the effects of a print waits for it too)
   * @param tradesDelivered of {@code eventsDelivered}, the trade prints
   * @param booksEventCount the agent's event count the books the strategy decides on include (-1 before
   *     the host has read them): equal to the agent's own count once every journaled event reached the host
   * @param unconfirmed commands the host sent its agent that no published state shows yet
   * @param denialsCounted of {@code denials}, the repeats refused to the strategy and counted into one
   *     journaled {@code OrderDenied} per run instead of journaled one by one ({@link RepeatedDenials})
   */
  public record HostStatus(AgentId agentId, boolean sessionOpen, boolean tradingEnabled, boolean strategyStopped,
      int recentFailures, String lastFailure, long eventsDelivered, long intents, long denials, long placementsHeld,
      boolean killSwitchEngaged, String connection, boolean paused, String idleReason, boolean accountDeciding,
      long tradesDelivered, long booksEventCount, int unconfirmed, long denialsCounted) {}

  record FromAgent(Agent.Published published) implements Command {}

  record TimerDue(String key, Instant at) implements Command {}

  record SessionCheck() implements Command {}

  /** Hand {@code event} to the strategy. */
  record Deliver(StrategyEvent event) implements Command {}

  /**
   * Hand the strategy a repeat's refusal the host decided itself, now due ({@link RefusalsInOrder}),
   * if the host's {@code incarnation} that decided it still runs: after a restart the fresh strategy
   * instance never asked for it (the journal has it in its run's count, the books its opener).
   */
  record DeliverRefusal(OrderUpdate refusal, int incarnation) implements Command {}

  /**
   * A phase the host's own watch cannot see, a stock's VI from KIS's market status: delivered to the
   * strategy in order with its other events.
   */
  public static Command phase(kis.strategies.event.PhaseChanged p) {
    return new Deliver(p);
  }

  /** The agent's state, read once when the host (re)starts. */
  record Started(AgentState state) implements Command {}

  record NoState(Throwable cause) implements Command {}

  /**
   * The agent answered the command sent for an unconfirmed intent ({@code key}): the placed
   * order's id, {@code null} for an acknowledged revise or cancel, or the refusal or timeout. Keys
   * count afresh at each restart, so an answer to an earlier {@code incarnation} is dropped: its
   * command is in the books the restarted host read (they were asked for behind it), and taken for
   * the new instance's command of the same key it would drop that order from the books, or mark it refused.
   */
  record Answered(long key, ClientOrderId placed, Throwable error, int incarnation) implements Command {}

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
   * @param schedule when the market is open (the host places by its {@link SessionSchedule#forVenue} of {@code venue})
   * @param venue the agent's {@code venue} key: where its strategy's orders go unless an intent names another
   * @param failures the failure count, shared across restarts
   * @param tradingEnabled whether placements may go out from the start
   */
  public record Setup(AgentId agentId, Supplier<Strategy> strategy, RiskGuard guard, SessionSchedule schedule,
      Clock clock, StrategyFailures failures, Duration minBackoff, Duration maxBackoff, boolean tradingEnabled,
      Venue venue) {
    public Setup {
      venue = Venue.orDefault(venue);
    }

    /** A host whose agent trades on KRX. */
    public Setup(AgentId agentId, Supplier<Strategy> strategy, RiskGuard guard, SessionSchedule schedule,
        Clock clock, StrategyFailures failures, Duration minBackoff, Duration maxBackoff, boolean tradingEnabled) {
      this(agentId, strategy, guard, schedule, clock, failures, minBackoff, maxBackoff, tradingEnabled, Venue.DEFAULT);
    }
  }

  private static final ZoneId SEOUL = StrategyContext.KST;
  /** How long the agent may take to answer a command before the host stops counting it as coming. */
  private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);
  /**
   * Commands the agent may have queued (sent, not answered) before the host holds further events
   * back: each is a journal write, so a strategy answering every print (denied placements too) would
   * otherwise grow the agent's mailbox without bound, and everything else it is asked would wait
   * behind it. An answer's intents always go out together.
   */
  static final int MAX_UNANSWERED = 4;
  private static final String DENIAL_WINDOW = "denial-window";
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
      Lifetime life = new Lifetime(setup.clock().instant());
      return Behaviors.supervise(Behaviors.<Command>supervise(
              Behaviors.<Command>withStash(10_000, stash -> Behaviors.withTimers(timers ->
                  Behaviors.setup(ctx -> new StrategyHost(setup, agent, ctx, stash, timers, facts, paused, life).starting()))))
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
  /** An {@code unstashAll} is under way on this actor's thread ({@link #resume}). */
  private boolean unstashing;
  /** {@link #running()}, once built. */
  private Behavior<Command> running;
  /** An intent is with the account's keeper: not yet with the agent, so not in its books either. */
  private boolean accountDeciding;
  /** The rest of the strategy's last answer, while the account's keeper decides on one intent of it. */
  private final Deque<Intent> queued = new ArrayDeque<>();
  private final TimerScheduler<Command> timers;
  private final Strategy strategy;
  private final EngineFacts facts;
  /** Outside the restartable part too: a strategy failure must not end a pause. */
  private final Paused paused;
  /** Outside the restartable part: the market did not change with a strategy failure. */
  private final MarketPrices prices;
  /** The agent's venue's view of the market: its phases, the account's trading day. */
  private final SessionSchedule schedule;
  /** Outside the restartable part: the agent's why-idle and counts span its strategy's restarts. */
  private final HostActivity activity;
  /** Which start of the host this is: answers to an earlier one's asks are not this one's. */
  private final int incarnation;
  private final SessionWatch session;
  private final KillSwitchFollower killSwitch;
  private final ProtectiveEmulation protective;
  /** Runs of repeated denials not journaled yet; what a restart would lose is journaled on the way out. */
  private final RepeatedDenials repeated;
  /** When the strategy hears the repeats' refusals: after a market event, in the order it asked. */
  private final RefusalsInOrder refusals = new RefusalsInOrder();
  /** Keys of refused revises sent to be journaled (negative: the unconfirmed intents' keys are positive). */
  private long reviseRefusalKey;
  /** Null until the host is told its venue's phases ({@link UsePhases}). */
  private PhaseWatch phases;
  /** Null until the agent's state was read at start. */
  private HostBooks books;
  private boolean tradingEnabled;
  /** Where the agent's answers go that the host does not wait for: refusals worth knowing are journaled or logged by the agent anyway. */
  private final ActorRef<StatusReply<Object>> replySink;

  private StrategyHost(Setup setup, ActorRef<Agent.Command> agent, ActorContext<Command> ctx,
      StashBuffer<Command> stash, TimerScheduler<Command> timers, EngineFacts facts, Paused paused, Lifetime life) {
    this.setup = setup;
    this.facts = facts;
    this.paused = paused;
    this.agent = agent;
    this.ctx = ctx;
    this.stash = stash;
    this.timers = timers;
    this.tradingEnabled = setup.tradingEnabled();
    this.activity = life.activity;
    this.prices = life.prices;
    this.incarnation = ++life.incarnations;
    this.repeated = new RepeatedDenials(setup.guard().limits().denialRepeatWindow());
    this.schedule = setup.schedule().forVenue(setup.venue());
    this.session = new SessionWatch(schedule, setup.clock(), SEOUL, timers);
    // The live feed brings trades only: a bar strategy gets bars built from them, as in the backtest.
    this.strategy = BarsFromTrades.around(setup.strategy().get());
    this.replySink = ctx.spawnAnonymous(Behaviors.<StatusReply<Object>>setup(c -> Behaviors.receiveMessage(r -> {
      if (r.isError()) {
        c.getLog().debug("{}: the agent refused: {}", setup.agentId(), r.getError().getMessage());
      }
      return Behaviors.same();
    })));
    this.killSwitch = new KillSwitchFollower(setup.agentId(), agent, replySink, facts, ctx.getLog(),
        this::journalReviseRunsOf);
    this.protective = new ProtectiveEmulation(setup.agentId(), setup.guard(), agent, replySink.unsafeUpcast(),
        ctx.getLog());
  }

  private Instant now() {
    return setup.clock().instant();
  }

  /** Once the venue is known (again after a restart): the phase now goes to the strategy, then every change. */
  private void watchPhases() {
    if (facts.phases != null) {
      phases = new PhaseWatch(facts.phases.venue(), facts.phases.phases(), setup.clock(), timers);
      ctx.getSelf().tell(new Deliver(phases.start()));
    }
  }

  /**
   * Read the agent's state (the only time the host asks for it: the commands it sent before a
   * restart are queued ahead of the ask, so the answer shows them), then announce an already open
   * session.
   */
  private Behavior<Command> starting() {
    ctx.ask(AgentState.class, agent, Duration.ofSeconds(30), Agent.GetState::new,
        (s, err) -> s != null ? new Started(s) : new NoState(err));
    return Behaviors.receive(Command.class)
        .onMessage(Started.class, m -> {
          books = new HostBooks(setup.agentId(), m.state(), schedule.tradingDay(now()), SEOUL);
          session.start().ifPresent(e -> ctx.getSelf().tell(new Deliver(e)));
          watchPhases();
          return resume();
        })
        .onMessage(NoState.class, m -> {
          throw new IllegalStateException(setup.agentId() + ": the agent did not answer GetState", m.cause());
        })
        .onMessage(GetStatus.class, m -> {
          m.replyTo().tell(status());
          return Behaviors.same();
        })
        .onMessage(OnMarket.class, m -> {
          prices.note(m.event(), now());
          stash.stash(new Deliver(m.event()));
          return Behaviors.same();
        })
        .onAnyMessage(m -> {
          stash.stash(m);
          return Behaviors.same();
        })
        .build();
  }

  /**
   * Every event goes to the strategy at once; nothing is in flight between two messages. Built once:
   * the host returns to it after every print, and building its ~40 cases each time was a sixth of the
   * engine's garbage at 1,000 prints/s (issue 17, tick-to-order; its handlers read the host's fields,
   * so one instance serves every return).
   */
  private Behavior<Command> running() {
    if (running == null) {
      running = buildRunning();
    }
    return running;
  }

  private Behavior<Command> buildRunning() {
    return withBookkeeping(Behaviors.receive(Command.class))
        .onMessage(OnMarket.class, m -> {
          prices.note(m.event(), now());
          return deliver(m.event());
        })
        .onMessage(Deliver.class, m -> deliver(m.event()))
        .onMessage(DeliverRefusal.class, m -> m.incarnation() == incarnation ? call(m.refusal()) : Behaviors.same())
        .onMessage(TimerDue.class, m -> deliver(new TimerFired(m.key(), m.at())))
        .onMessage(FromAgent.class, m -> {
          Optional<StrategyEvent> e = noteAgentEvent(m.published());
          if (e.isPresent()) {
            return deliver(e.get());
          }
          reportFigures(); // a change the strategy is not told about (a request, a park): the account hears it
          return Behaviors.same();
        })
        .onMessage(Answered.class, m -> {
          answered(m);
          return Behaviors.same();
        })
        .onMessage(SessionCheck.class, m -> {
          Optional<StrategyEvent> e = session.check();
          return e.isPresent() ? deliver(e.get()) : Behaviors.same();
        })
        .onMessage(UsePhases.class, m -> {
          facts.phases = m;
          watchPhases();
          return Behaviors.same();
        })
        .onMessage(PhaseCheck.class, m -> {
          Optional<? extends StrategyEvent> e = phases == null ? Optional.empty() : phases.check();
          return e.isPresent() ? deliver(e.get()) : Behaviors.same();
        })
        .onMessage(Started.class, m -> Behaviors.same())
        .onMessage(NoState.class, m -> Behaviors.same())
        .onMessage(AccountAnswered.class, m -> Behaviors.same())
        .build();
  }

  /**
   * The account's keeper is deciding on an intent: the rest of the strategy's answer and every new
   * event wait (in order), so nothing is decided on books that miss the order being reserved.
   */
  private Behavior<Command> reserving() {
    return withBookkeeping(Behaviors.receive(Command.class))
        .onMessage(AccountAnswered.class, m -> {
          if (m.incarnation() != incarnation) {
            return Behaviors.same(); // an earlier strategy instance's intent: the restart dropped it
          }
          accountDeciding = false;
          if (m.decision().allowed()) {
            facts.reservationHeld = true;
          }
          decided(m.intent(), m.decision(), now());
          return sendQueued();
        })
        .onMessage(Answered.class, m -> {
          answered(m);
          return Behaviors.same();
        })
        .onMessage(FromAgent.class, m -> {
          noteAgentEvent(m.published()).ifPresent(e -> stash.stash(new Deliver(e)));
          return Behaviors.same();
        })
        .onMessage(OnMarket.class, m -> {
          prices.note(m.event(), now());
          stash.stash(new Deliver(m.event()));
          return Behaviors.same();
        })
        .onAnyMessage(m -> {
          stash.stash(m);
          return Behaviors.same();
        })
        .build();
  }

  /**
   * {@link #MAX_UNANSWERED} commands are with the agent: the agent's answers and publications are
   * taken at once, the next events wait (in order) until it has caught up.
   */
  private Behavior<Command> backlogged() {
    return withBookkeeping(Behaviors.receive(Command.class))
        .onMessage(FromAgent.class, m -> {
          noteAgentEvent(m.published()).ifPresent(e -> stash.stash(new Deliver(e)));
          return caughtUp();
        })
        .onMessage(Answered.class, m -> {
          answered(m);
          return caughtUp();
        })
        .onMessage(OnMarket.class, m -> {
          prices.note(m.event(), now());
          stash.stash(new Deliver(m.event()));
          return Behaviors.same();
        })
        .onAnyMessage(m -> {
          stash.stash(m);
          return Behaviors.same();
        })
        .build();
  }

  private Behavior<Command> caughtUp() {
    return books.unconfirmed().unanswered() < MAX_UNANSWERED ? resume() : Behaviors.same();
  }

  /** What is handled the same in every state: kill-switch news, engine facts, trading gate, status. */
  private BehaviorBuilder<Command> withBookkeeping(BehaviorBuilder<Command> b) {
    return b
        .onMessage(KillSwitchChanged.class, m -> {
          killSwitch.changed(m.engaged());
          return Behaviors.same();
        })
        .onMessage(UseEngineFacts.class, m -> {
          facts.fed = true;
          return Behaviors.same();
        })
        .onMessage(UseNativeStopLimits.class, m -> {
          facts.nativeStopLimits = true;
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
        })
        .onMessage(DenialWindowDue.class, m -> {
          repeated.closeDue(now()).forEach(this::journalRun);
          armDenialWindow();
          return Behaviors.same();
        })
        .onSignal(PreRestart.class, sig -> {
          tellRunsOnTheWayOut();
          return Behaviors.same();
        })
        .onSignal(PostStop.class, sig -> {
          tellRunsOnTheWayOut();
          return Behaviors.same();
        });
  }

  /**
   * The strategy handles {@code event} on the books as the host knows them; its intents go out at
   * once. A market event, or one of the agent's that answers a refusal, may make held refusals due.
   */
  private Behavior<Command> deliver(StrategyEvent event) {
    if (paces(event)) {
      refusals.marketEvent();
      deliverDueRefusals();
    } else if (event instanceof OrderUpdate u) {
      java.util.OptionalLong predicted = refusals.heard(u.event());
      if (predicted.isPresent() && u.event() instanceof OrderDenied d) {
        repeated.openedAt(RepeatedDenials.Key.of(d.spec(), d.reason()), predicted.getAsLong(),
            RefusalsInOrder.seqOf(d.orderId()));
      }
      deliverDueRefusals();
    }
    return call(event);
  }

  /**
   * An event that comes at its own pace, not in answer to what the strategy asked: a print, a
   * quote, its own timer. A strategy driven by timers alone hears its repeats' refusals at its
   * next timer; with only market events, a strategy whose feed is down (the
   * very case denials repeat in) never heard them and, its intent unanswered, stopped asking.
   */
  private static boolean paces(StrategyEvent event) {
    return event instanceof MarketEvent || event instanceof kis.strategies.event.TimerFired;
  }

  /** The repeats' refusals now due go to the strategy after what it is handed now (the loop turns once per market event). */
  private void deliverDueRefusals() {
    refusals.due().forEach(u -> ctx.getSelf().tell(new DeliverRefusal(u, incarnation)));
  }

  private Behavior<Command> call(StrategyEvent event) {
    if (event instanceof Trade t) {
      emulateProtective(t); // before the strategy sees the print, and whether or not it is still called
    }
    if (setup.failures().stopped()) {
      return Behaviors.same();
    }
    List<Intent> answer;
    try {
      activity.delivered++;
      if (event instanceof Trade) {
        activity.tradesDelivered++;
      }
      Instant now = now();
      AgentState books = this.books.view(schedule.tradingDay(now)).state();
      answer = strategy.onEvent(event, new StrategyContext(setup.agentId(), now, books));
      if (answer == null) {
        throw new IllegalStateException("onEvent returned null for " + event.getClass().getSimpleName());
      }
    } catch (RuntimeException e) {
      return failed(e);
    }
    queued.addAll(answer);
    return sendQueued();
  }

  /**
   * Send the strategy's intents in order; one that needs the account's keeper waits for its answer
   * ({@link #reserving}) before the next is decided.
   */
  private Behavior<Command> sendQueued() {
    while (!queued.isEmpty()) {
      if (send(queued.poll())) {
        return reserving();
      }
    }
    reportFigures();
    return books.unconfirmed().unanswered() >= MAX_UNANSWERED ? backlogged() : resume();
  }

  /**
   * Back to running with what waited meanwhile, in order. Called again by a message that is itself
   * being unstashed (every delivered event ends here), Pekko's {@code unstashAll} would start a
   * nested unstash of the rest, one stack level per waiting message: the prints stashed while an
   * intent was reserved or while the agent caught up (a thousand a second at a busy feed) overflowed
   * the dispatcher thread's stack, and Pekko ended the JVM on the {@code StackOverflowError}
   * (tick-to-order at 1,000 prints/s on loaded cores). Inside an unstash the outer one goes on with
   * the messages left, in the same order, with the behaviour returned here. The outer one takes
   * only as many messages as were waiting when it began; what a waiting state stashed again during
   * it (behind those) is taken in another round if the host is back to running, so nothing waits
   * past the next message from the mailbox, as with Pekko's nested unstash.
   */
  private Behavior<Command> resume() {
    if (unstashing) {
      return running();
    }
    unstashing = true;
    try {
      Behavior<Command> next = stash.unstashAll(running());
      while (next == running && stash.nonEmpty()) {
        next = stash.unstashAll(running());
      }
      return next;
    } finally {
      unstashing = false;
    }
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
    return Behaviors.same();
  }

  /**
   * Check one intent against the books with every earlier one counted, and send it to the agent;
   * true when it went to the account's keeper first (its answer decides).
   */
  private boolean send(Intent asked) {
    // The agent's venue key: a placement that names no venue goes to the agent's.
    Intent intent = IntentVenues.route(asked, setup.venue());
    activity.intents++;
    Instant now = now();
    if (intent instanceof Intent.SetTimer t) {
      Duration delay = Duration.between(now, t.at());
      timers.startSingleTimer("strategy:" + t.key(), new TimerDue(t.key(), t.at()),
          delay.isNegative() ? Duration.ZERO : delay);
      return false;
    }
    if (intent instanceof Intent.CancelTimer t) {
      timers.cancel("strategy:" + t.key());
      return false;
    }
    UnconfirmedIntents.Books view = books.view(schedule.tradingDay(now));
    UnconfirmedIntents unconfirmed = books.unconfirmed();
    RiskContext risk = riskContext(view, now, IntentVenues.venueOf(intent, view.state(), setup.venue()));
    if (intent instanceof Intent.Place p) {
      Optional<String> wait = paused.on ? Optional.of("paused")
          : tradingEnabled ? facts.notKnownYet() : Optional.of("the first reconciliation is not done");
      if (wait.isPresent()) {
        activity.held(wait.get());
        ctx.getLog().debug("{}: placement held back ({}): {}", setup.agentId(), wait.get(), p.spec());
        return false;
      }
      RiskDecision d = setup.guard().checkOrder(p.spec(), risk);
      if (d.allowed() && accountLimited()) {
        reserve(p, Claim.placement(p.spec(), Math.multiplyExact(p.spec().quantity(), orderPrice(p.spec(), risk))), risk);
        return true;
      }
      decided(p, d, now);
      return false;
    }
    if (intent instanceof Intent.Revise r) {
      Optional<Order> o = view.state().order(r.orderId());
      RiskDecision d = o.isEmpty() ? RiskDecision.ALLOW : setup.guard().checkRevise(o.get(), r.newPrice(), risk);
      if (d.allowed() && o.isPresent() && accountLimited() && !Claim.revise(o.get(), r.newPrice()).empty()) {
        reserve(r, Claim.revise(o.get(), r.newPrice()), risk);
        return true;
      }
      decided(r, d, now);
      return false;
    }
    if (intent instanceof Intent.Protect p) {
      return protect(p, risk, now);
    }
    if (intent instanceof Intent.Disarm x) {
      long key = unconfirmed.disarmed(x.id(), x.reason(), now);
      ask(key, Done.class, rt -> new Agent.DisarmProtective(x.id(), x.reason(), rt));
      return false;
    }
    Intent.Cancel c = (Intent.Cancel) intent;
    RiskDecision d = setup.guard().checkCancel(risk);
    if (d instanceof RiskDecision.Deny deny) {
      activity.denials++;
      ctx.getLog().info("{}: cancel of {} denied: {} {}", setup.agentId(), c.orderId(), deny.reason(), deny.detail());
      return false;
    }
    journalReviseRuns(c.orderId());
    long key = unconfirmed.cancelled(c.orderId(), c.reason(), now);
    ask(key, Done.class, rt -> new Agent.CancelOrder(c.orderId(), c.reason(), rt));
    return false;
  }

  /**
   * Protective orders go to the agent to be journaled; a bracket's entry is held back and checked
   * like any placement (not reserved with the account's keeper) and counted as unconfirmed until
   * the agent answers.
   */
  private boolean protect(Intent.Protect p, RiskContext risk, Instant now) {
    LocalDate day = schedule.tradingDay(now);
    Instant end = schedule.sessionEnd(now);
    if (p.entry() == null) {
      boolean atVenue = false;
      String reason = p.reason();
      if (facts.nativeStopLimits) {
        Optional<String> why = paused.on ? Optional.of("paused")
            : !tradingEnabled ? Optional.of("the first reconciliation is not done")
            : facts.notKnownYet().or(() -> NativeStopChoice.whyEmulated(p.legs(), risk, setup.guard()));
        atVenue = why.isEmpty();
        if (why.isPresent()) {
          ctx.getLog().info("{}: protective.stop-limit = native, but {} is emulated: {}", setup.agentId(), p.legs(),
              why.get());
          reason = reason + " (emulated: " + why.get() + ")";
        }
      }
      boolean atKis = atVenue;
      String armReason = reason;
      journalRuns(); // a native stop-limit takes an order id
      long key = books.unconfirmed().armed(books.view(day).state(), p.legs(), armReason, day, end, now, atKis);
      ask(key, Done.class, rt -> new Agent.ArmProtective(p.legs(), armReason, day, end, rt, atKis));
      return false;
    }
    Optional<String> wait = paused.on ? Optional.of("paused")
        : tradingEnabled ? facts.notKnownYet() : Optional.of("the first reconciliation is not done");
    if (wait.isPresent()) {
      activity.held(wait.get());
      return false;
    }
    UnconfirmedIntents.Books view = books.view(day);
    RiskDecision d = setup.guard().checkOrder(p.entry(), risk);
    RiskDecision.Deny deny = d instanceof RiskDecision.Deny x ? x : null;
    if (deny != null && repeatCounted(p.entry(), deny, now)) {
      activity.denials++; // nothing armed, as for a journaled refusal
      return false;
    }
    journalRuns();
    long key = deny == null
        ? books.unconfirmed().placedBracket(view.state(), p.entry(), p.legs(), p.reason(), day, end, now)
        : books.unconfirmed().denied(view.state(), p.entry(), deny.reason(), deny.detail(), now);
    if (deny != null) {
      activity.denials++;
      opened(RepeatedDenials.Key.of(p.entry(), deny.reason()), key, now);
    }
    ask(key, ClientOrderId.class, r -> new Agent.PlaceBracket(p.entry(), p.legs(), p.reason(),
        deny == null ? null : deny.reason(), deny == null ? null : deny.detail(), day, end, r));
    return false;
  }

  /** Run the protective-order emulator on a print (not before the first reconciliation, nor while paused). */
  private void emulateProtective(Trade t) {
    if (books == null || paused.on || !tradingEnabled || facts.notKnownYet().isPresent()) {
      return; // the orders stay armed and are judged on the next print
    }
    Instant now = now();
    UnconfirmedIntents.Books view = books.view(schedule.tradingDay(now));
    if (!view.state().protections().armed().isEmpty()) { // the risk context is built only when something is armed
      protective.onPrint(t, riskContext(view, now), this::journalRuns); // a fired child takes an order id
    }
  }

  /**
   * Journal a placement or its denial, or send a revise or journal its denial (the strategy hears a
   * denied revise as {@code ModifyRejected}), on the books as they are now.
   */
  private void decided(Intent intent, RiskDecision d, Instant now) {
    UnconfirmedIntents.Books view = books.view(schedule.tradingDay(now));
    UnconfirmedIntents unconfirmed = books.unconfirmed();
    if (intent instanceof Intent.Place p) {
      if (d instanceof RiskDecision.Deny deny) {
        activity.denials++;
        if (repeatCounted(p.spec(), deny, now)) {
          return;
        }
        journalRuns();
        long key = unconfirmed.denied(view.state(), p.spec(), deny.reason(), deny.detail(), now);
        ask(key, ClientOrderId.class, r -> new Agent.DenyOrder(p.spec(), deny.reason(), deny.detail(), r));
        opened(RepeatedDenials.Key.of(p.spec(), deny.reason()), key, now);
      } else {
        journalRuns();
        long key = unconfirmed.placed(view.state(), p.spec(), p.reason(), now);
        ask(key, ClientOrderId.class, r -> new Agent.PlaceOrder(p.spec(), p.reason(), r));
      }
      return;
    }
    Intent.Revise r = (Intent.Revise) intent;
    if (d instanceof RiskDecision.Deny deny) {
      activity.denials++;
      // Only a revise the agent would journal opens or joins a run; one of an order that cannot be
      // revised (unknown, pending, done) goes to the agent, which refuses it without a write, as before.
      boolean revisable = view.state().order(r.orderId())
          .map(o -> OrderTransitions.allows(o.status(), ReviseRequested.class)).orElse(false);
      if (revisable && reviseRepeatCounted(r, deny, now)) {
        return;
      }
      ctx.getLog().info("{}: revise of {} denied: {} {}", setup.agentId(), r.orderId(), deny.reason(), deny.detail());
      // Journaled (ReviseRequested + ModifyRejected): the order keeps its price, nothing to count as unconfirmed.
      if (!revisable) {
        agent.tell(new Agent.DenyRevise(r.orderId(), r.newPrice(), deny.reason(), deny.detail(),
            ctx.getSystem().ignoreRef()));
        return;
      }
      long key = --reviseRefusalKey;
      refusals.journaledReviseRefusal(key, r.orderId(), deny.reason().name());
      ask(key, Done.class, rt -> new Agent.DenyRevise(r.orderId(), r.newPrice(), deny.reason(), deny.detail(), rt));
      repeated.journaled(new RepeatedDenials.ReviseKey(r.orderId(), deny.reason()), now);
      armDenialWindow();
      return;
    }
    journalReviseRuns(r.orderId());
    long key = unconfirmed.revised(r.orderId(), r.newPrice(), now);
    ask(key, Done.class, rt -> new Agent.ReviseOrder(r.orderId(), r.newPrice(), rt));
  }

  /**
   * A denial of {@code k} sent to the agent under the command {@code key} to be journaled as it
   * happens: it opens a window for its repeats, which are refused under its id, and the strategy
   * hears it before any of them.
   */
  private void opened(RepeatedDenials.Key k, long key, Instant now) {
    long seq = books.unconfirmed().orderSeq(key);
    refusals.journaledDenial(key, seq, k);
    repeated.journaled(k, now, seq);
    armDenialWindow();
  }

  /**
   * Whether {@code spec}'s denial repeats one journaled within the window ({@link RepeatedDenials}):
   * then it is refused to the strategy as a journaled one would be (an {@code OrderUpdate} with
   * {@code OrderDenied}, under the id of the journaled denial it repeats: a repeat takes no id, so
   * none the strategy heard can be given to an order after a crash; heard once a market event has
   * arrived after it, {@link RefusalsInOrder}), counted into its run, and not sent to the agent.
   */
  private boolean repeatCounted(kis.journal.OrderSpec spec, RiskDecision.Deny deny, Instant now) {
    RepeatedDenials.Key k = RepeatedDenials.Key.of(spec, deny.reason());
    if (!repeats(k, now)) {
      return false;
    }
    repeated.repeated(k, spec, deny.detail());
    activity.repeatsCounted++;
    OrderDenied told = new OrderDenied(ClientOrderId.of(setup.agentId(), repeated.seq(k)), spec, deny.reason(),
        deny.detail(), now);
    activity.outcome(told);
    refusals.repeat(new OrderUpdate(told));
    return true;
  }

  /**
   * Whether a denial of {@code k} repeats one journaled within the window; a window that passed
   * before its timer woke the host closes first, as the timer would close it.
   */
  private boolean repeats(RepeatedDenials.Subject k, Instant now) {
    repeated.closeDue(now).forEach(this::journalRun);
    return repeated.repeats(k, now);
  }

  /**
   * Whether a refused revise repeats one journaled within the window for the same order and reason:
   * then the strategy hears it refused as a journaled one ({@code ModifyRejected} with the reason's
   * name as its code), it is counted into its run, and nothing goes to the agent.
   */
  private boolean reviseRepeatCounted(Intent.Revise r, RiskDecision.Deny deny, Instant now) {
    RepeatedDenials.ReviseKey k = new RepeatedDenials.ReviseKey(r.orderId(), deny.reason());
    if (!repeats(k, now)) {
      return false;
    }
    repeated.repeatedRevise(k, r.newPrice(), deny.detail());
    activity.repeatsCounted++;
    refusals.repeat(new OrderUpdate(new ModifyRejected(r.orderId(), deny.reason().name(), deny.detail(), now)));
    return true;
  }

  /**
   * Journal every run of repeated placements counted so far, before anything else takes an order
   * id, so the journal holds the attempts in the order made. The windows stay open. Runs of refused
   * revises wait for their window, or a revise or cancel of their order.
   */
  private void journalRuns() {
    repeated.takeRuns(k -> k instanceof RepeatedDenials.Key).forEach(this::journalRun);
  }

  /** Journal the runs of refused revises of {@code order} before a revise or cancel of it goes to the agent. */
  private void journalReviseRuns(ClientOrderId order) {
    journalReviseRunsOf(order::equals);
  }

  /**
   * Journal the runs of refused revises of the orders {@code which} accepts before cancels of them
   * go to the agent (the kill switch's too), so each run's pair is journaled while its order is revisable.
   */
  private void journalReviseRunsOf(java.util.function.Predicate<ClientOrderId> which) {
    repeated.takeRuns(k -> k instanceof RepeatedDenials.ReviseKey rk && which.test(rk.orderId()))
        .forEach(this::journalRun);
  }

  /** A run's record: it takes no order id (it names its window's), nobody waits for the answer. */
  private void journalRun(RepeatedDenials.Run run) {
    if (run.key() instanceof RepeatedDenials.ReviseKey rk) {
      agent.tell(denyRevise(rk, run));
      return;
    }
    agent.tell(new Agent.DenyOrder(run.lastSpec(), run.key().reason(), run.lastDetail(), ctx.getSystem().ignoreRef(),
        run.repeats(), run.seq()));
  }

  /** A run of refused revises' record: the order keeps its price, nobody waits for the answer. */
  private Agent.DenyRevise denyRevise(RepeatedDenials.ReviseKey k, RepeatedDenials.Run run) {
    return new Agent.DenyRevise(k.orderId(), run.lastNewPrice(), k.reason(), run.lastDetail(),
        ctx.getSystem().ignoreRef(), run.repeats());
  }

  /** The timer for the next window to close, if one is open (the clock decides, the timer only wakes the host). */
  private void armDenialWindow() {
    Optional<Instant> next = repeated.nextClose();
    if (next.isEmpty()) {
      timers.cancel(DENIAL_WINDOW);
    } else if (!timers.isTimerActive(DENIAL_WINDOW)) {
      Duration delay = Duration.between(now(), next.get());
      timers.startSingleTimer(DENIAL_WINDOW, new DenialWindowDue(), delay.isNegative() ? Duration.ZERO : delay);
    }
  }

  /** A restart or stop would forget the runs counted so far: journal them. */
  private void tellRunsOnTheWayOut() {
    repeated.closeAll().forEach(this::journalRun);
  }

  /**
   * Tell the agent {@code command}; its answer comes back as {@link Answered}. The host does not
   * wait for it: the next intent and the next event are decided with this one unconfirmed.
   */
  private <T> void ask(long key, Class<T> answer,
      java.util.function.Function<ActorRef<StatusReply<T>>, Agent.Command> command) {
    DirectAsk.askWithStatus(ctx, answer, agent, ANSWER_TIMEOUT, command::apply,
        (res, err) -> new Answered(key, res instanceof ClientOrderId id ? id : null, err, incarnation));
  }

  private void answered(Answered m) {
    if (m.incarnation() != incarnation) {
      return;
    }
    if (m.error() != null) {
      refusals.answered(m.key(), OrderRefused.reasonOf(m.error()).map(Enum::name).orElse(null));
      deliverDueRefusals();
    }
    UnconfirmedIntents unconfirmed = books.unconfirmed();
    if (m.error() == null) {
      if (m.placed() != null) {
        unconfirmed.accepted(m.key(), m.placed(), books.published());
      } else {
        unconfirmed.acknowledged(m.key()); // a revise or cancel stays until its request is published
      }
      return;
    }
    String message = String.valueOf(m.error().getMessage());
    Optional<RejectReason> reason = OrderRefused.reasonOf(m.error());
    unconfirmed.refused(m.key(), reason, message.substring(message.indexOf(':') + 1).trim(), books.published());
    if (reason.isEmpty()) {
      ctx.getLog().warn("{}: the agent did not answer an order command: {}", setup.agentId(), message);
    }
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
  private void reserve(Intent intent, Claim claim, RiskContext risk) {
    AgentFigures mine = AgentFigures.of(risk.state(), risk.market(), risk.today());
    facts.reported = mine;
    accountDeciding = true;
    String self = setup.agentId().value();
    // On the order's path: the verdict comes straight to the mailbox (DirectAsk), not via the common pool.
    DirectAsk.ask(ctx, AccountLink.Verdict.class, facts.account.keeper(), RESERVE_TIMEOUT,
        rt -> new AccountLink.Reserve(self, mine, claim, rt),
        (v, err) -> new AccountAnswered(intent, v != null ? v.decision()
            : RiskDecision.deny(RejectReason.RISK_HALTED, "the account's limits could not be checked: its"
                + " keeper did not answer within " + RESERVE_TIMEOUT.toSeconds() + " s"), incarnation));
  }

  /** The price an order is valued at for the account: its limit, a market buy at the upper band. */
  private static long orderPrice(kis.journal.OrderSpec spec, RiskContext risk) {
    return spec.type().carriesPrice() ? spec.price()
        : risk.market().get(spec.symbol()).map(f -> spec.side() == kis.journal.Side.BUY ? f.limits().upper()
            : f.lastPrice()).orElse(0L);
  }

  /** Tell the account this agent's figures (its own unconfirmed orders counted) if they changed since the last report. */
  private void reportFigures() {
    if (facts.account == null || books == null) {
      return;
    }
    Instant now = now();
    LocalDate today = schedule.tradingDay(now);
    UnconfirmedIntents.Books view = books.view(today);
    AgentFigures f = AgentFigures.of(view.state(), prices.facts(facts, today), view.today());
    if (!f.equals(facts.reported) || facts.reservationHeld) {
      facts.reported = f;
      facts.reservationHeld = false;
      facts.account.keeper().tell(new AccountLink.Report(setup.agentId().value(), f));
    }
  }

  /** The books, the kill switch and resume bookkeeping; the event to hand the strategy, if it is one of its updates. */
  private Optional<StrategyEvent> noteAgentEvent(Agent.Published p) {
    books.published(p);
    activity.outcome(p.event());
    killSwitch.published(p);
    if (p.event() instanceof AgentResumed && setup.failures().stopped()) {
      ctx.getLog().info("{}: agent resumed; the strategy is called again", setup.agentId());
      setup.failures().clear();
    }
    if (p.event() instanceof OrderDenied d && d.repeats() > 0) {
      return Optional.empty(); // closes a run of repeats: the strategy heard each of them as it was refused
    }
    if (p.event() instanceof ModifyRejected m && m.repeats() > 0) {
      return Optional.empty(); // closes a run of refused revises, each heard as it was refused
    }
    if (p.event() instanceof OrderEvent oe && !(oe instanceof OrderRequested) && !(oe instanceof ReviseRequested)
        && !(oe instanceof CancelRequested)) {
      return Optional.of(new OrderUpdate(oe));
    }
    if (p.event() instanceof ProtectiveEvent pe) {
      return Optional.of(new ProtectiveUpdate(pe));
    }
    return Optional.empty();
  }

  private RiskContext riskContext(UnconfirmedIntents.Books view, Instant now) {
    return riskContext(view, now, setup.venue());
  }

  /** The risk guard's context for an order on {@code venue}: that venue's phase now. */
  private RiskContext riskContext(UnconfirmedIntents.Books view, Instant now, Venue venue) {
    MarketFacts market = prices.facts(facts, schedule.tradingDay(now));
    boolean halted = !facts.connectionLive() || !facts.diskLow.isEmpty();
    return new RiskContext(view.state(), market, view.today(), halted ? TradingState.HALTED : TradingState.ACTIVE,
        facts.killSwitchEngaged(), schedule.forVenue(venue).phaseAt(now), now,
        !facts.diskLow.isEmpty() ? facts.diskLow
            : halted ? "the KIS connection is " + facts.connection + "; no new orders on stale data until it is live again"
            : "");
  }

  private HostStatus status() {
    return new HostStatus(setup.agentId(), session.open(), tradingEnabled, setup.failures().stopped(),
        setup.failures().recentCount(), setup.failures().lastFailure(), activity.delivered, activity.intents,
        activity.denials, activity.held, facts.killSwitchEngaged(), facts.fed ? facts.connection : "unknown", paused.on,
        idleReason(), accountDeciding, activity.tradesDelivered, books == null ? -1 : books.published().eventCount(),
        books == null ? 0 : books.unconfirmed().size(), activity.repeatsCounted);
  }

  private String idleReason() {
    return IdleReason.of(new IdleReason.Facts(now(), activity.startedAt, List.copyOf(strategy.symbols()),
        prices.lastPrint(), strategy.warmUp(), activity.accepted, activity.refusedSinceAccepted, activity.lastRefusal,
        activity.held, activity.lastHeld, session.open(), tradingEnabled, paused.on, setup.failures().stopped(),
        facts.killSwitchEngaged(), facts.connectionLive(), facts.fed ? facts.connection : "unknown"));
  }

  /**
   * What a strategy failure's restart keeps: the host's activity (its counts and why-idle are the
   * agent's since the host started, not the failed instance's), the prices it has seen, and how
   * many times it started. Touched only from the host actor.
   */
  private static final class Lifetime {
    final HostActivity activity;
    final MarketPrices prices = new MarketPrices(SEOUL);
    int incarnations;

    Lifetime(Instant startedAt) {
      this.activity = new HostActivity(startedAt);
    }
  }

  /** Whether the host is paused; touched only from the host actor. */
  private static final class Paused {
    boolean on;
  }
}
