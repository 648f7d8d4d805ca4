package kis.actors.agent;

import com.typesafe.config.Config;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import kis.journal.AgentId;
import kis.journal.ClientOrderId;
import kis.journal.JournalSerializable;
import kis.journal.OrderNo;
import kis.journal.OrderSpec;
import kis.journal.RejectReason;
import kis.journal.Symbol;
import kis.journal.Venue;
import kis.journal.event.AgentEvent;
import kis.journal.event.AgentParked;
import kis.journal.event.AgentResumed;
import kis.journal.event.CancelRequested;
import kis.journal.event.FillSource;
import kis.journal.event.InDoubtResolved;
import kis.journal.event.ModifyRejected;
import kis.journal.event.OrderAccepted;
import kis.journal.event.OrderCancelled;
import kis.journal.event.OrderDenied;
import kis.journal.event.OrderEvent;
import kis.journal.event.OrderExpired;
import kis.journal.event.OrderFilled;
import kis.journal.event.OrderInDoubt;
import kis.journal.event.OrderRejected;
import kis.journal.event.OrderRequested;
import kis.journal.event.OrderRevised;
import kis.journal.event.PositionCorrected;
import kis.journal.event.ReviseRequested;
import kis.journal.state.AgentState;
import kis.journal.state.FillCosts;
import kis.journal.state.Order;
import kis.journal.state.OrderStatus;
import kis.journal.state.OrderTransitions;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.JournalPersistFailed;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.RecoveryFailed;
import org.apache.pekko.persistence.typed.SnapshotFailed;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EffectBuilder;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/**
 * One trading agent: a persistent actor whose state is nothing but the fold of its journal
 * ({@link AgentState#apply}). It journals every intent before acting on it, hands orders to an
 * {@link OrderPort} only after the intent is on disk, and applies broker reports idempotently.
 *
 * <p>Commands that can be refused reply with a {@link StatusReply}; a refusal's error message
 * starts with its {@link RejectReason} ({@link OrderRefused#reasonOf} reads it back). Broker reports are fire-and-forget.
 *
 * <p>Crash safety: an order still {@code REQUESTED} after recovery may or may not have reached
 * KIS; it is journaled as {@code OrderInDoubt} and never re-sent, and the agent refuses new
 * orders ({@code AGENT_NOT_RECONCILED}) until the reconciler resolves it ({@link ResolveInDoubt}).
 * A journal write failure restarts the agent with backoff; the command whose event failed gets no
 * reply and nothing is handed on (an order whose {@code OrderRequested} failed is not sent), and the
 * restart recovers the books from the journal: that is the proof of what was written. After
 * {@value #PARK_AFTER_WRITE_FAILURES} failures in a row (a full disk, a broken journal) the agent
 * parks itself without a journal write (none would succeed): it refuses new orders
 * ({@code AGENT_PARKED}, naming the journal) and shows as parked with that reason ({@link GetState})
 * until an operator resumes it; broker reports are still journaled if the journal takes them. A
 * write that succeeds clears the count. A write the journal merely did not confirm in time
 * ({@link RecoveryFailureKind#SLOW}: its circuit breaker timed the write out, or was open) is no
 * finding about the journal and is neither counted nor breaks a run: the same restart retries, and
 * the agent shows in {@link Recoveries} ("journal slow, write retrying") until it has recovered. Such a
 * write may still land: the recovery after it finds it or not (the journal answers a recovery only
 * after the writes asked of it before), and an order found requested is in doubt as after a crash.
 *
 * <p>A failed recovery (a journal damaged after the start check: an unreadable table file, the
 * replay filter failing) is retried with the same backoff, but after
 * {@link AgentSettings#maxRecoveryFailures} failures in a row the agent stops for good and is
 * recorded in {@link RecoveryGiveUps}: it shows as damaged and never trades on books it cannot
 * read, the others trade on, and a shutdown does not wait on a recovery loop. A recovery the
 * journal merely did not answer in time ({@link RecoveryFailureKind#SLOW}: its circuit breaker
 * timed out or open, a replay timeout) is no finding about the books: it is retried with the same
 * backoff for as long as it takes, never counted toward that limit, and shown in
 * {@link Recoveries} meanwhile; the agent answers nothing, so nothing trades, until it has recovered.
 * A recovery proves its replay whole ({@link ReplaySequence}): an event out of sequence fails the try
 * unfolded; it is counted only on a try no earlier try's replay could reach ({@link ReplaysInFlight}),
 * and a try does not complete on an end an earlier try's replay may have sent.
 */
public final class Agent extends EventSourcedBehaviorWithEnforcedReplies<Agent.Command, AgentEvent, AgentState> {

  private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

  /** Everything an agent accepts. */
  public sealed interface Command extends JournalSerializable
      permits PlaceOrder, ReviseOrder, CancelOrder, BrokerAccepted, BrokerRejected, BrokerInDoubt, BrokerFill,
          BrokerCancelled, BrokerRevised, BrokerModifyRejected, ResolveInDoubt, CorrectPosition,
          ExpireWorkingOrders, Park, Resume, GetState, RecoveredInDoubtCheck, DenyOrder, CancelAllWorking, BookBack,
          DenyRevise, ArmProtective, PlaceBracket, DisarmProtective, ApplyProtectiveSteps {}

  /**
   * Place a new order. Replies with the order's {@link ClientOrderId} once {@code OrderRequested}
   * is journaled (and the order handed to the port), or with a refusal. The market rules and risk
   * limits are checked before, by the {@link kis.journal.risk.RiskGuard} in the strategy host.
   */
  public record PlaceOrder(OrderSpec spec, String reason,
      ActorRef<StatusReply<ClientOrderId>> replyTo) implements Command {}

  /** Move a working order's remainder to {@code newPrice} (checked by the risk guard before). */
  public record ReviseOrder(ClientOrderId orderId, long newPrice, ActorRef<StatusReply<Done>> replyTo)
      implements Command {}

  /** Cancel a working order's unfilled remainder. */
  public record CancelOrder(ClientOrderId orderId, String reason, ActorRef<StatusReply<Done>> replyTo)
      implements Command {}

  /** KIS accepted a {@link OrderPort.SendOrder}: {@code ODNO}, {@code KRX_FWDG_ORD_ORGNO}, {@code ORD_TMD}. */
  public record BrokerAccepted(ClientOrderId orderId, OrderNo orderNo, String branchNo, String orderTime,
      boolean fromReconciliation) implements Command {}

  /** KIS refused an order ({@code rt_cd != 0}): its {@code msg_cd} and {@code msg1}. */
  public record BrokerRejected(ClientOrderId orderId, String msgCd, String message) implements Command {}

  /** The outcome of a send is unknown (timeout, 5xx, connection lost). Never re-sent. */
  public record BrokerInDoubt(ClientOrderId orderId, String cause) implements Command {}

  /**
   * An execution reported by KIS, routed by order number (current or pre-revise).
   *
   * @param execKey identifies the report so a repeat changes nothing
   * @param source a websocket notice or an inquiry's cumulative total
   * @param filledBefore for a fill inferred from an inquiry: the order's filled quantity the
   *     inference was based on; if the order has filled more or less since (a notice overtook the
   *     reconciler), the fill is stale and dropped, and the next reconciliation decides afresh.
   *     {@code -1}: unconditional (notices)
   * @param venue the book it executed on, as the report names it (for a SOR order, the one the
   *     router chose); null when the report does not say, and the order's own venue is journaled
   */
  public record BrokerFill(OrderNo orderNo, long quantity, long price, String execKey, String execTime,
      FillSource source, long filledBefore, Venue venue) implements Command {

    /** A fill whose report names no venue. */
    public BrokerFill(OrderNo orderNo, long quantity, long price, String execKey, String execTime, FillSource source,
        long filledBefore) {
      this(orderNo, quantity, price, execKey, execTime, source, filledBefore, null);
    }

    /** An unconditional fill (a notice) that names no venue. */
    public BrokerFill(OrderNo orderNo, long quantity, long price, String execKey, String execTime, FillSource source) {
      this(orderNo, quantity, price, execKey, execTime, source, -1);
    }
  }

  /** KIS confirmed a cancel: the unfilled remainder is cancelled. */
  public record BrokerCancelled(ClientOrderId orderId, boolean fromReconciliation) implements Command {}

  /** KIS confirmed a revise under a new order number. */
  public record BrokerRevised(ClientOrderId orderId, OrderNo newOrderNo, long newPrice, boolean fromReconciliation)
      implements Command {}

  /** KIS refused a revise or cancel (typically: nothing left to modify). */
  public record BrokerModifyRejected(ClientOrderId orderId, String msgCd, String message) implements Command {}

  /** The reconciler's verdict on an in-doubt order: found under {@code orderNo}, or not found. */
  public record ResolveInDoubt(ClientOrderId orderId, Optional<OrderNo> orderNo, String branchNo,
      ActorRef<StatusReply<Done>> replyTo) implements Command {}

  /** Adopt the account's position; {@code correctionId} makes a repeated finding a no-op. */
  public record CorrectPosition(Symbol symbol, long newQuantity, long newAveragePrice, String correctionId,
      String detail, ActorRef<StatusReply<Done>> replyTo) implements Command {}

  /**
   * Day roll: expire the live orders the venues have cancelled; replies with the count. With
   * {@code closedBy} empty, every live order requested on or before {@code tradingDate} (a manual
   * roll, an always-open simulator's, the reconciler's overnight expiry); else only the orders of a
   * venue it names requested before that venue's instant ({@code OrderLifetime.closedBy}: an NXT
   * order outlives KRX's 15:30 close), those of a venue it does not name stay.
   */
  public record ExpireWorkingOrders(LocalDate tradingDate, Map<Venue, Instant> closedBy, boolean unansweredToo,
      ActorRef<StatusReply<Integer>> replyTo) implements Command {
    public ExpireWorkingOrders {
      closedBy = closedBy == null ? Map.of() : Map.copyOf(closedBy);
    }

    /**
     * A session's end: the orders KIS has answered. One still on its way (or in doubt) may yet be
     * accepted, and an order KIS holds that the books call expired would be an order no agent owns;
     * its answer or the reconciler settles it instead.
     */
    public ExpireWorkingOrders(LocalDate tradingDate, Map<Venue, Instant> closedBy,
        ActorRef<StatusReply<Integer>> replyTo) {
      this(tradingDate, closedBy, false, replyTo);
    }

    /**
     * Overnight (the reconciler's, once the day's orders were checked): every live order requested
     * on or before {@code tradingDate}, answered or not, since KIS kept none of them.
     */
    public ExpireWorkingOrders(LocalDate tradingDate, ActorRef<StatusReply<Integer>> replyTo) {
      this(tradingDate, Map.of(), true, replyTo);
    }

    /** Whether the roll ends {@code order}: its venue cancelled it, and KIS answered it unless overnight. */
    public boolean expires(Order order, ZoneId zone) {
      boolean unanswered = order.status() == OrderStatus.REQUESTED || order.status() == OrderStatus.IN_DOUBT;
      return (unansweredToo || !unanswered) && expires(order.spec().venue(), order.requestedAt(), zone);
    }

    /** Whether the venue of an order requested at {@code requestedAt} on {@code venue} has cancelled it. */
    public boolean expires(Venue venue, Instant requestedAt, ZoneId zone) {
      if (closedBy.isEmpty()) {
        return !requestedAt.atZone(zone).toLocalDate().isAfter(tradingDate);
      }
      Instant cut = closedBy.get(Venue.orDefault(venue));
      return cut != null && requestedAt.isBefore(cut);
    }
  }

  /** Stop placing orders (working orders stay as they are). */
  public record Park(String reason, ActorRef<StatusReply<Done>> replyTo) implements Command {}

  public record Resume(String by, ActorRef<StatusReply<Done>> replyTo) implements Command {}

  /**
   * An operator's command, relayed by the reconciler: journal the account's {@code rows} (today's
   * orders no agent owns on this agent's symbols) as this agent's orders, with {@code evidence}
   * ({@link BookBackEvents}); nothing goes to KIS. Refused unless the agent is
   * parked, so no order of its own crosses the booking. Replies with how many orders were booked
   * (0 when the agent already knows every one: repeating is harmless).
   */
  public record BookBack(List<kis.adapter.account.AccountOrder> rows, LocalDate tradingDate, String evidence,
      ActorRef<StatusReply<Integer>> replyTo) implements Command {}

  /** The current books. Never send the state anywhere else: it is the agent's, read-only. */
  public record GetState(ActorRef<AgentState> replyTo) implements Command {}

  /**
   * Journal a pre-trade refusal decided outside the agent (the risk guard): {@code OrderDenied}
   * uses up the next order id and the reply is the refusal, as for a refused {@link PlaceOrder}.
   * With {@code repeats > 0} it closes a run of repeated denials the host refused without a journal
   * write each ({@code OrderDenied.repeats}): it names order sequence {@code atSeq}, the denial
   * journaled as it happened that opened the run's window, under whose id the host refused the
   * repeats (they take no id of their own), and takes no new id; should the books not hold that
   * denial (of the same symbol and side), the record takes the next id.
   */
  public record DenyOrder(OrderSpec spec, RejectReason reason, String detail,
      ActorRef<StatusReply<ClientOrderId>> replyTo, int repeats, long atSeq) implements Command {

    /** A denial journaled as it happens, under the next order id. */
    public DenyOrder(OrderSpec spec, RejectReason reason, String detail, ActorRef<StatusReply<ClientOrderId>> replyTo) {
      this(spec, reason, detail, replyTo, 0, 0);
    }
  }

  /**
   * Journal a revise the risk checks refused: {@code ReviseRequested} then {@code ModifyRejected}
   * with the reason's name as its code and the detail as its message, in one write, and nothing is
   * sent. The order keeps working at its price; the strategy hears the refusal as an order update,
   * like KIS's own; the reply is the refusal. An order that cannot be revised is refused as by
   * {@link ReviseOrder}, without a journal write. With {@code repeats > 0} the pair closes a run of
   * refused revises of this order the host refused without a journal write each
   * ({@code ModifyRejected.repeats}); if the order can no longer be revised (it filled or was
   * cancelled meanwhile), the run's {@code ModifyRejected} is journaled alone, a count the fold keeps
   * without touching the order ({@code OrderTransitions.countOnly}), and the reply is the refusal.
   */
  public record DenyRevise(ClientOrderId orderId, long newPrice, RejectReason reason, String detail,
      ActorRef<StatusReply<Done>> replyTo, int repeats) implements Command {

    /** A refused revise journaled as it happens. */
    public DenyRevise(ClientOrderId orderId, long newPrice, RejectReason reason, String detail,
        ActorRef<StatusReply<Done>> replyTo) {
      this(orderId, newPrice, reason, detail, replyTo, 0);
    }
  }

  /**
   * The kill switch: cancel every working order KIS knows (it has an order number) in one journal
   * write; replies with how many cancels went out. Orders still awaiting KIS's reply cannot be
   * cancelled yet: whoever holds the latch cancels them when they are accepted. Idempotent: orders
   * already being cancelled are left alone.
   */
  public record CancelAllWorking(String reason, ActorRef<StatusReply<Integer>> replyTo) implements Command {}

  /**
   * Arm protective orders the engine emulates ({@code ProtectiveArmed}, one write; two or more legs
   * form an OCO group). Legs that cannot be armed (off the tick grid) are journaled armed and at
   * once cancelled with the refusal. {@code tradingDay} and {@code sessionEnd} resolve each leg's
   * time in force. Nothing is sent, unless {@code atVenue}: then a lone stop-limit leg is armed as
   * KIS's native stop-limit ({@code kis.journal.protect.NativeStops}): its {@code ORD_DVSN 22} order
   * is requested in the same write and sent after it (emulated instead, the reason saying why, when
   * the agent may not place orders now or the shares are not free).
   */
  public record ArmProtective(List<kis.journal.ProtectiveSpec> legs, String reason, LocalDate tradingDay,
      Instant sessionEnd, ActorRef<StatusReply<Done>> replyTo, boolean atVenue) implements Command {

    /** Legs the engine emulates. */
    public ArmProtective(List<kis.journal.ProtectiveSpec> legs, String reason, LocalDate tradingDay, Instant sessionEnd,
        ActorRef<StatusReply<Done>> replyTo) {
      this(legs, reason, tradingDay, sessionEnd, replyTo, false);
    }
  }

  /**
   * Place {@code entry} and arm {@code legs} to protect its fills, in one write
   * ({@code OrderRequested} then {@code ProtectiveArmed}s), then send the entry; replies with the
   * entry's id as {@link PlaceOrder} does. {@code refused} (the risk guard's refusal, or null) is
   * journaled as the entry's {@code OrderDenied}, nothing armed.
   */
  public record PlaceBracket(OrderSpec entry, List<kis.journal.ProtectiveSpec> legs, String reason,
      RejectReason refused, String refusedDetail, LocalDate tradingDay, Instant sessionEnd,
      ActorRef<StatusReply<ClientOrderId>> replyTo) implements Command {}

  /**
   * Cancel an armed protective order ({@code ProtectiveCancelled}); refused if it is not armed. A
   * native stop-limit's order is cancelled at KIS in the same write (refused while KIS has not
   * answered the order yet: disarm again once it has).
   */
  public record DisarmProtective(kis.journal.ProtectiveId id, String reason, ActorRef<StatusReply<Done>> replyTo)
      implements Command {}

  /**
   * Journal what the emulator decided on a print (trails, fires, cancels) in one write and send each
   * fired order's child after it ({@code ProtectiveTriggered} + {@code OrderRequested}, the normal
   * write-ahead path): a crash before the write loses nothing armed, one after it leaves the child
   * in doubt for the reconciler, never sent twice. Steps for orders no longer armed are left out.
   * While orders are in doubt after a restart nothing fires (the orders stay armed for the next
   * print); a parked agent's children are journaled as denied.
   */
  public record ApplyProtectiveSteps(List<ProtectiveStep> steps, Instant printTime,
      ActorRef<StatusReply<Done>> replyTo) implements Command {}

  /**
   * Told to the agent's listener after each journaled event, with the state that includes it
   * (for a batch, the state after the whole batch). Never sent during recovery.
   */
  public record Published(AgentEvent event, AgentState state) {}

  /** Internal: sent to itself after recovery to mark orders caught mid-send as in doubt. */
  public record RecoveredInDoubtCheck(List<ClientOrderId> orderIds) implements Command {}

  private final ActorContext<Command> context;
  private final AgentSettings settings;
  private final OrderRoute port;
  private final Clock clock;
  /** Who hears about journaled events (the strategy host); null if nobody. */
  private final ActorRef<Published> listener;
  private final JournalWrites writes;
  /** Journal failures in a row that park the agent (not journaled: the journal is what fails). */
  static final int PARK_AFTER_WRITE_FAILURES = 3;
  /**
   * Journal failures (each one restarts the event-sourced part) since the last write that
   * succeeded, slow ones left out; kept in this object, which outlives those restarts.
   */
  private int writeFailures;
  /** Why the last write failed (Pekko signals it just before the restart it causes); null once counted. */
  private Throwable lastWriteFailure;
  /** What the last write counted toward parking met, for the park reason. */
  private String lastCountedFailure = "";
  /** Recoveries failed since the last one that completed; outlives the backoff restarts. */
  private int recoveryFailures;
  /**
   * The coming PreRestart follows a failed recovery, not a failed write; also: this try's failure is
   * already counted. Pekko signals a failed replay twice (the journal's error, then the
   * JournalFailureException wrapping it), and a circuit breaker fails every timed-out call with one
   * and the same exception, so a try is told from the next by the restart between them, not by its
   * exception.
   */
  private boolean restartAfterRecoveryFailure;
  /**
   * Events are being replayed (from the start until {@code RecoveryCompleted}, again after each
   * restart): each must be the next in sequence ({@link ReplaySequence}). Off while running, where
   * Pekko itself numbers what is persisted.
   */
  private boolean replaying = true;
  /** The replays earlier tries asked for that may still be sending: whether a finding is interference. */
  private final ReplaysInFlight replays = new ReplaysInFlight();
  /** Set once recovery failed too often: the next message stops the actor ({@link StopOnceGivenUp}). */
  private boolean recoveryGivenUp;
  /** Orders found REQUESTED by recovery and not yet marked in doubt; no new order goes out meanwhile. */
  private Set<ClientOrderId> recoveredRequested = Set.of();

  private Agent(ActorContext<Command> context, AgentSettings settings, OrderRoute port, Clock clock,
      ActorRef<Published> listener) {
    super(persistenceId(settings.agentId()),
        SupervisorStrategy.restartWithBackoff(settings.minBackoff(), settings.maxBackoff(), settings.randomFactor()));
    this.context = context;
    this.settings = settings;
    this.port = port;
    this.clock = clock;
    this.listener = listener;
    this.writes = JournalWrites.get(context.getSystem());
  }

  /** The agent's behavior; orders leave through {@code port}, timestamps come from {@code clock}. */
  public static Behavior<Command> create(AgentSettings settings, ActorRef<OrderPort> port, Clock clock) {
    return create(settings, port, clock, null);
  }

  /** As {@link #create(AgentSettings, ActorRef, Clock)}, telling {@code listener} every journaled event. */
  public static Behavior<Command> create(AgentSettings settings, ActorRef<OrderPort> port, Clock clock,
      ActorRef<Published> listener) {
    return create(settings, OrderRoute.to(port), clock, listener);
  }

  /** As {@link #create(AgentSettings, ActorRef, Clock, ActorRef)}, orders leaving by {@code route}. */
  public static Behavior<Command> create(AgentSettings settings, OrderRoute route, Clock clock,
      ActorRef<Published> listener) {
    return Behaviors.setup(ctx -> {
      Recoveries.get(ctx.getSystem()).started(settings.agentId());
      Agent agent = new Agent(ctx, settings, route, clock, listener);
      return StopOnceGivenUp.wrap(agent.replays.watch(RejectedWrites.asFailures(agent)),
          () -> agent.recoveryGivenUp);
    });
  }

  /** {@code Agent|<id>}: the same id works unchanged under Cluster Sharding (entity type "Agent"). */
  public static PersistenceId persistenceId(AgentId id) {
    return PersistenceId.of("Agent", id.value());
  }

  @Override
  public Optional<Config> journalPluginConfig() {
    return PluginConfigOnce.get(context.getSystem()).config();
  }

  @Override
  public Optional<Config> snapshotPluginConfig() {
    return PluginConfigOnce.get(context.getSystem()).config();
  }

  @Override
  public AgentState emptyState() {
    return AgentState.empty(settings.agentId().value());
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(settings.snapshotEvery(), settings.snapshotsKept());
  }

  @Override
  public EventHandler<AgentState, AgentEvent> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onAnyEvent((s, e) -> {
      if (replaying) {
        ReplaySequence.checkNext(lastSequenceNumber(context), s); // one compare per replayed event
      }
      return s.apply(e);
    });
  }

  @Override
  public SignalHandler<AgentState> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(RecoveryCompleted.instance(), state -> {
          // A stale replay's end can complete this try before its own events came: the books
          // must hold every event up to the number the replay ended at (thrown: this try fails).
          ReplaySequence.checkEnd(lastSequenceNumber(context), state);
          ReplaySequence.checkEndIsOwn(replays.endIsOwn(), lastSequenceNumber(context), replays.running());
          replaying = false;
          replays.completed();
          recoveryFailures = 0;
          Recoveries.get(context.getSystem()).ended(settings.agentId());
          // Also runs after a backoff restart (journal write failure): orders sent before the
          // failure may be answered later, which the transition table allows from IN_DOUBT.
          List<ClientOrderId> caught = state.ordersIn(OrderStatus.REQUESTED).stream().map(Order::id).toList();
          recoveredRequested = Set.copyOf(caught);
          if (!caught.isEmpty()) {
            context.getSelf().tell(new RecoveredInDoubtCheck(caught));
          }
        })
        .onSignal(JournalPersistFailed.class, (state, failed) -> lastWriteFailure = failed.getFailure())
        .onSignal(org.apache.pekko.actor.typed.PreRestart.class, (state, restart) -> {
          replaying = true; // the restarted behavior recovers again
          // Only journal failures restart an agent (onPersistFailure); anything else stops it.
          if (restartAfterRecoveryFailure) {
            restartAfterRecoveryFailure = false; // counted as a recovery failure, not a write failure
            return;
          }
          replays.restarting();
          onWriteFailed();
        })
        .onSignal(RecoveryFailed.class, (state, failed) -> onRecoveryFailed(failed.getFailure(), state))
        .onSignal(SnapshotFailed.class, (state, failed) ->
            context.getLog().warn("snapshot of {} failed; recovery replays more events", settings.agentId(),
                failed.getFailure()))
        .build();
  }

  @Override
  public CommandHandlerWithReply<Command, AgentEvent, AgentState> commandHandler() {
    return newCommandHandlerWithReplyBuilder().forAnyState()
        .onCommand(PlaceOrder.class, this::place)
        .onCommand(ReviseOrder.class, this::revise)
        .onCommand(CancelOrder.class, this::cancel)
        .onCommand(BrokerAccepted.class, (s, c) -> report(s, c.orderId(),
            new OrderAccepted(c.orderId(), c.orderNo(), c.branchNo(), c.orderTime(), c.fromReconciliation(), now())))
        .onCommand(BrokerRejected.class, (s, c) -> report(s, c.orderId(),
            new OrderRejected(c.orderId(), c.msgCd(), c.message(), now())))
        .onCommand(BrokerInDoubt.class, (s, c) -> report(s, c.orderId(),
            new OrderInDoubt(c.orderId(), c.cause(), now())))
        .onCommand(BrokerCancelled.class, (s, c) -> report(s, c.orderId(),
            new OrderCancelled(c.orderId(), c.fromReconciliation(), now())))
        .onCommand(BrokerRevised.class, (s, c) -> report(s, c.orderId(),
            new OrderRevised(c.orderId(), c.newOrderNo(), c.newPrice(), c.fromReconciliation(), now())))
        .onCommand(BrokerModifyRejected.class, (s, c) -> report(s, c.orderId(),
            new ModifyRejected(c.orderId(), c.msgCd(), c.message(), now())))
        .onCommand(BrokerFill.class, this::fill)
        .onCommand(ResolveInDoubt.class, this::resolve)
        .onCommand(CorrectPosition.class, this::correct)
        .onCommand(ExpireWorkingOrders.class, this::expire)
        .onCommand(Park.class, (s, c) -> s.parked()
            ? Effect().reply(c.replyTo(), StatusReply.ack())
            : persistAndPublish(new AgentParked(c.reason(), now())).thenReply(c.replyTo(), ns -> StatusReply.ack()))
        .onCommand(Resume.class, (s, c) -> {
          writeFailures = 0; // the operator says the journal can take writes again
          return !s.parked()
              ? Effect().reply(c.replyTo(), StatusReply.ack())
              : persistAndPublish(new AgentResumed(c.by(), now())).thenReply(c.replyTo(), ns -> StatusReply.ack());
        })
        .onCommand(GetState.class, (s, c) -> Effect().reply(c.replyTo(), writesParked() && !s.parked()
            ? parkedView(s, writesParkReason()) : s))
        .onCommand(RecoveredInDoubtCheck.class, this::markInDoubt)
        .onCommand(DenyOrder.class, this::deny)
        .onCommand(DenyRevise.class, this::denyRevise)
        .onCommand(CancelAllWorking.class, this::cancelAll)
        .onCommand(BookBack.class, this::bookBack)
        .onCommand(ArmProtective.class, this::armProtective)
        .onCommand(PlaceBracket.class, this::placeBracket)
        .onCommand(DisarmProtective.class, this::disarmProtective)
        .onCommand(ApplyProtectiveSteps.class, this::applyProtectiveSteps)
        .build();
  }

  /**
   * Whether {@link #place} journals its refusal for {@code reason} ({@code OrderDenied}, using up
   * the order id): every refusal but a parked or unreconciled agent's, which write nothing.
   */
  static boolean journalsRefusedPlacement(RejectReason reason) {
    return reason != RejectReason.AGENT_PARKED && reason != RejectReason.AGENT_NOT_RECONCILED;
  }

  private ReplyEffect<AgentEvent, AgentState> place(AgentState s, PlaceOrder c) {
    if (s.parked()) {
      return refuse(c.replyTo(), RejectReason.AGENT_PARKED, "agent is parked: " + s.parkReason());
    }
    if (writesParked()) {
      return refuse(c.replyTo(), RejectReason.AGENT_PARKED, "agent is parked: " + writesParkReason());
    }
    if (notReconciled(s)) {
      return refuse(c.replyTo(), RejectReason.AGENT_NOT_RECONCILED,
          "orders in doubt must be resolved by the reconciler first");
    }
    ClientOrderId id = ClientOrderId.of(settings.agentId(), s.nextOrderSeq());
    Optional<OrderChecks.Refusal> no = OrderChecks.newOrder(s, c.spec());
    if (no.isPresent()) {
      OrderChecks.Refusal r = no.get();
      // Journaled for the audit trail; it also uses up the order id so ids never repeat.
      return persistAndPublish(new OrderDenied(id, c.spec(), r.reason(), r.detail(), now()))
          .thenReply(c.replyTo(), ns -> StatusReply.error(OrderRefused.message(r.reason(), r.detail())));
    }
    return persistAndPublish(new OrderRequested(id, c.spec(), c.reason(), now()))
        .thenRun(ns -> port.tell(new OrderPort.SendOrder(id, settings.agentId(), c.spec(), context.getSelf())))
        .thenReply(c.replyTo(), ns -> StatusReply.success(id));
  }

  private ReplyEffect<AgentEvent, AgentState> armProtective(AgentState s, ArmProtective c) {
    boolean atVenue = c.atVenue();
    String reason = c.reason();
    if (atVenue && (s.parked() || writesParked() || notReconciled(s))) {
      atVenue = false; // no order may go out now; the emulator guards the shares meanwhile
      reason = reason + " (emulated: the agent is " + (notReconciled(s) ? "not reconciled" : "parked") + ")";
    }
    List<AgentEvent> events = ProtectiveWrites.arm(s, null, c.legs(), reason, null, null, c.tradingDay(),
        c.sessionEnd(), SEOUL, now(), atVenue);
    List<OrderRequested> orders = events.stream().filter(e -> e instanceof OrderRequested)
        .map(e -> (OrderRequested) e).toList();
    return persistAndPublish(events)
        .thenRun(ns -> orders.forEach(r -> port.tell(new OrderPort.SendOrder(r.orderId(), settings.agentId(),
            r.spec(), context.getSelf()))))
        .thenReply(c.replyTo(), ns -> StatusReply.ack());
  }

  private ReplyEffect<AgentEvent, AgentState> placeBracket(AgentState s, PlaceBracket c) {
    Optional<ReplyEffect<AgentEvent, AgentState>> blocked = placementBlocked(s, c.replyTo());
    if (blocked.isPresent()) {
      return blocked.get();
    }
    List<AgentEvent> events = ProtectiveWrites.arm(s, c.entry(), c.legs(), c.reason(), c.refused(),
        c.refusedDetail(), c.tradingDay(), c.sessionEnd(), SEOUL, now());
    Optional<OrderRequested> entry = events.stream().filter(e -> e instanceof OrderRequested)
        .map(e -> (OrderRequested) e).findFirst();
    if (entry.isEmpty()) {
      OrderDenied d = (OrderDenied) events.get(0);
      return persistAndPublish(events).thenReply(c.replyTo(),
          ns -> StatusReply.error(OrderRefused.message(d.reason(), d.detail())));
    }
    ClientOrderId id = entry.get().orderId();
    return persistAndPublish(events)
        .thenRun(ns -> port.tell(new OrderPort.SendOrder(id, settings.agentId(), c.entry(), context.getSelf())))
        .thenReply(c.replyTo(), ns -> StatusReply.success(id));
  }

  private ReplyEffect<AgentEvent, AgentState> disarmProtective(AgentState s, DisarmProtective c) {
    if (s.protections().get(c.id()).isEmpty()) {
      return refuse(c.replyTo(), RejectReason.AGENT_UNKNOWN_ORDER, c.id() + " is not armed");
    }
    kis.journal.state.ArmedOrder armed = s.protections().get(c.id()).get();
    if (armed.atVenue()) {
      Optional<List<AgentEvent>> events = kis.journal.protect.NativeStops.disarm(s, armed, c.reason(), now());
      if (events.isEmpty()) {
        return refuse(c.replyTo(), RejectReason.AGENT_ORDER_NOT_WORKING, c.id() + "'s native stop-limit order "
            + armed.venueOrder() + " has no KIS order number yet; disarm it again once KIS has answered");
      }
      Order o = s.order(armed.venueOrder()).orElse(null);
      boolean cancelling = events.get().stream().anyMatch(e -> e instanceof CancelRequested);
      return persistAndPublish(events.get())
          .thenRun(ns -> {
            if (cancelling) {
              port.tell(new OrderPort.SendCancel(o.id(), settings.agentId(), o.orderNo(), o.branchNo(),
                  o.spec().symbol(), o.spec().type(), o.remainingQuantity(), context.getSelf(), o.spec().venue()));
            }
          })
          .thenReply(c.replyTo(), ns -> StatusReply.ack());
    }
    return persistAndPublish(new kis.journal.event.ProtectiveCancelled(c.id(),
            c.reason().isEmpty() ? "disarmed" : c.reason(), now()))
        .thenReply(c.replyTo(), ns -> StatusReply.ack());
  }

  private ReplyEffect<AgentEvent, AgentState> applyProtectiveSteps(AgentState s, ApplyProtectiveSteps c) {
    List<ProtectiveStep> steps = c.steps();
    if (notReconciled(s)) {
      // A child now would be refused; the order stays armed and is judged again on the next print.
      steps = steps.stream().filter(x -> x.kind() != ProtectiveStep.Kind.FIRED).toList();
    }
    boolean parked = s.parked() || writesParked();
    List<AgentEvent> events = ProtectiveWrites.steps(s, steps, parked ? RejectReason.AGENT_PARKED : null,
        parked ? "agent is parked: " + (s.parked() ? s.parkReason() : writesParkReason()) : null, c.printTime(), now());
    if (events.isEmpty()) {
      return Effect().reply(c.replyTo(), StatusReply.ack());
    }
    List<OrderRequested> children = events.stream().filter(e -> e instanceof OrderRequested)
        .map(e -> (OrderRequested) e).toList();
    events.stream().filter(e -> e instanceof kis.journal.event.ProtectiveTriggered).forEach(e -> context.getLog()
        .warn("{}: protective order fired: {}", settings.agentId(), e));
    return persistAndPublish(events)
        .thenRun(ns -> children.forEach(r -> port.tell(new OrderPort.SendOrder(r.orderId(), settings.agentId(),
            r.spec(), context.getSelf()))))
        .thenReply(c.replyTo(), ns -> StatusReply.ack());
  }

  /**
   * {@code events} with what they mean for native stop-limits resting at KIS
   * ({@link kis.journal.protect.NativeStops#withFollowUps}): a first fill triggers one, an order's
   * end without a fill cancels it, in the same write.
   */
  private List<AgentEvent> nativeFollowUps(AgentState s, List<AgentEvent> events) {
    List<AgentEvent> out = kis.journal.protect.NativeStops.withFollowUps(s, events, now());
    if (out != events) {
      out.stream().filter(e -> e instanceof kis.journal.event.ProtectiveTriggered).forEach(e -> context.getLog()
          .warn("{}: native stop-limit fired at KIS: {}", settings.agentId(), e));
    }
    return out;
  }

  /** Orders of an earlier run are in doubt (or about to be marked so): no new order until the reconciler resolved them. */
  private boolean notReconciled(AgentState s) {
    // One pass over the open orders, no lists built: it runs before every placement. The set of
    // orders caught mid-send is empty but right after a recovery: no lookup per order then.
    boolean recovered = !recoveredRequested.isEmpty();
    for (Order o : s.openOrders().values()) {
      if (o.status() == OrderStatus.IN_DOUBT
          || recovered && o.status() == OrderStatus.REQUESTED && recoveredRequested.contains(o.id())) {
        return true;
      }
    }
    return false;
  }

  /** The refusal of a placement by a parked or unreconciled agent (nothing journaled), if it is one. */
  private <T> Optional<ReplyEffect<AgentEvent, AgentState>> placementBlocked(AgentState s,
      ActorRef<StatusReply<T>> replyTo) {
    if (s.parked()) {
      return Optional.of(refuse(replyTo, RejectReason.AGENT_PARKED, "agent is parked: " + s.parkReason()));
    }
    if (writesParked()) {
      return Optional.of(refuse(replyTo, RejectReason.AGENT_PARKED, "agent is parked: " + writesParkReason()));
    }
    if (notReconciled(s)) {
      return Optional.of(refuse(replyTo, RejectReason.AGENT_NOT_RECONCILED,
          "orders in doubt must be resolved by the reconciler first"));
    }
    return Optional.empty();
  }

  private ReplyEffect<AgentEvent, AgentState> revise(AgentState s, ReviseOrder c) {
    Optional<Order> found = s.order(c.orderId());
    if (found.isEmpty()) {
      return refuse(c.replyTo(), RejectReason.AGENT_UNKNOWN_ORDER, "no order " + c.orderId());
    }
    Order o = found.get();
    if (!OrderTransitions.allows(o.status(), ReviseRequested.class) || o.orderNo() == null) {
      return refuse(c.replyTo(), RejectReason.AGENT_ORDER_NOT_WORKING, c.orderId() + " is " + o.status());
    }
    if (!o.spec().type().carriesPrice()) {
      return refuse(c.replyTo(), RejectReason.AGENT_UNSUPPORTED_ORDER_TYPE, o.spec().type() + " has no price to revise");
    }
    return persistAndPublish(new ReviseRequested(c.orderId(), c.newPrice(), now()))
        .thenRun(ns -> port.tell(new OrderPort.SendRevise(o.id(), settings.agentId(), o.orderNo(), o.branchNo(),
            o.spec().symbol(), o.spec().type(), o.remainingQuantity(), c.newPrice(), context.getSelf(),
            o.spec().venue())))
        .thenReply(c.replyTo(), ns -> StatusReply.ack());
  }

  private ReplyEffect<AgentEvent, AgentState> cancel(AgentState s, CancelOrder c) {
    Optional<Order> found = s.order(c.orderId());
    if (found.isEmpty()) {
      return refuse(c.replyTo(), RejectReason.AGENT_UNKNOWN_ORDER, "no order " + c.orderId());
    }
    Order o = found.get();
    if (!OrderTransitions.allows(o.status(), CancelRequested.class) || o.orderNo() == null) {
      return refuse(c.replyTo(), RejectReason.AGENT_ORDER_NOT_WORKING, c.orderId() + " is " + o.status());
    }
    return persistAndPublish(new CancelRequested(c.orderId(), c.reason(), now()))
        .thenRun(ns -> port.tell(new OrderPort.SendCancel(o.id(), settings.agentId(), o.orderNo(), o.branchNo(),
            o.spec().symbol(), o.spec().type(), o.remainingQuantity(), context.getSelf(), o.spec().venue())))
        .thenReply(c.replyTo(), ns -> StatusReply.ack());
  }

  /** A broker report about a known order: journaled only if it changes the books. */
  private ReplyEffect<AgentEvent, AgentState> report(AgentState s, ClientOrderId id, OrderEvent event) {
    Optional<Order> o = s.order(id);
    if (o.isEmpty()) {
      context.getLog().warn("{}: {} for unknown order {}; left to the reconciler", settings.agentId(),
          event.getClass().getSimpleName(), id);
      return Effect().noReply();
    }
    OrderTransitions.Step step = OrderTransitions.next(o.get(), event);
    if (step.anomaly() != null) {
      // Illegal pairs never reach the journal; the reconciler sees the account's truth.
      context.getLog().warn("{}: ignored {} for {}: {}", settings.agentId(), event.getClass().getSimpleName(), id,
          step.anomaly());
      return Effect().noReply();
    }
    if (step.order() == o.get()) {
      return Effect().noReply(); // a repeated report: the transition table hands back the same order
    }
    return persistAndPublish(nativeFollowUps(s, List.of(event))).thenNoReply();
  }

  private ReplyEffect<AgentEvent, AgentState> fill(AgentState s, BrokerFill c) {
    Optional<Order> found = s.orderByNo(c.orderNo());
    if (found.isEmpty()) {
      context.getLog().warn("{}: fill {} for unknown order number {}; left to the reconciler", settings.agentId(),
          c.execKey(), c.orderNo());
      return Effect().noReply();
    }
    Order o = found.get();
    if (o.seenExecKeys().contains(c.execKey())) {
      return Effect().noReply();
    }
    if (c.filledBefore() >= 0 && c.filledBefore() != o.filledQuantity()) {
      // The reconciler read the books before a notice changed them: its difference is out of date.
      context.getLog().debug("{}: inquiry fill {} assumed {} filled on {}, now {}; left to the next reconciliation",
          settings.agentId(), c.execKey(), c.filledBefore(), o.id(), o.filledQuantity());
      return Effect().noReply();
    }
    OrderFilled event = FillCosts.priced(o, new OrderFilled(o.id(), c.orderNo(), o.spec().symbol(), o.spec().side(),
        c.quantity(), c.price(), 0, 0, c.execKey(), c.execTime(), c.source(), now(),
        c.venue() != null ? c.venue() : o.spec().venue()), settings.costs());
    // Fills are journaled even when capped: the anomaly is part of the record.
    return persistAndPublish(nativeFollowUps(s, List.of(event))).thenNoReply();
  }

  private ReplyEffect<AgentEvent, AgentState> resolve(AgentState s, ResolveInDoubt c) {
    Optional<Order> found = s.order(c.orderId());
    if (found.isEmpty()) {
      return refuse(c.replyTo(), RejectReason.AGENT_UNKNOWN_ORDER, "no order " + c.orderId());
    }
    if (!OrderTransitions.allows(found.get().status(), InDoubtResolved.class)) {
      return refuse(c.replyTo(), RejectReason.AGENT_ORDER_NOT_WORKING,
          c.orderId() + " is " + found.get().status() + ", not in doubt");
    }
    return persistAndPublish(nativeFollowUps(s, List.of(new InDoubtResolved(c.orderId(), c.orderNo(), c.branchNo(),
            now()))))
        .thenReply(c.replyTo(), ns -> StatusReply.ack());
  }

  private ReplyEffect<AgentEvent, AgentState> correct(AgentState s, CorrectPosition c) {
    if (s.appliedCorrections().contains(c.correctionId())) {
      return Effect().reply(c.replyTo(), StatusReply.ack());
    }
    return persistAndPublish(new PositionCorrected(c.symbol(), c.newQuantity(), c.newAveragePrice(), c.correctionId(),
            c.detail(), now()))
        .thenReply(c.replyTo(), ns -> StatusReply.ack());
  }

  private ReplyEffect<AgentEvent, AgentState> bookBack(AgentState s, BookBack c) {
    if (!s.parked()) {
      return Effect().reply(c.replyTo(), StatusReply.error("park the agent before booking orders back into it"));
    }
    List<AgentEvent> events = BookBackEvents.events(s, c.rows(), c.tradingDate(), c.evidence(),
        settings.costs(), now(), SEOUL);
    int n = (int) events.stream().filter(e -> e instanceof OrderRequested).count();
    if (n == 0) {
      return Effect().reply(c.replyTo(), StatusReply.success(0));
    }
    // One atomic write: an order is booked back with its fills or not at all.
    return persistAndPublish(events).thenReply(c.replyTo(), ns -> StatusReply.success(n));
  }

  private ReplyEffect<AgentEvent, AgentState> expire(AgentState s, ExpireWorkingOrders c) {
    Instant at = now();
    List<AgentEvent> events = new ArrayList<>();
    for (Order o : s.openOrders().values()) {
      if (c.expires(o, SEOUL) && OrderTransitions.allows(o.status(), OrderExpired.class)) {
        events.add(new OrderExpired(o.id(), c.tradingDate(), at));
      }
    }
    int n = events.size();
    if (n == 0) {
      return Effect().reply(c.replyTo(), StatusReply.success(0));
    }
    // One atomic write: the day roll happens for all orders or for none.
    return persistAndPublish(nativeFollowUps(s, events)).thenReply(c.replyTo(), ns -> StatusReply.success(n));
  }

  private ReplyEffect<AgentEvent, AgentState> markInDoubt(AgentState s, RecoveredInDoubtCheck c) {
    Instant at = now();
    List<AgentEvent> events = new ArrayList<>();
    for (ClientOrderId id : c.orderIds()) {
      if (s.order(id).map(o -> o.status() == OrderStatus.REQUESTED).orElse(false)) {
        events.add(new OrderInDoubt(id, "engine restarted before KIS answered", at));
      }
    }
    if (events.isEmpty()) {
      recoveredRequested = Set.of();
      return Effect().noReply();
    }
    context.getLog().warn("{}: {} order(s) were being sent when the agent stopped; marked in doubt",
        settings.agentId(), events.size());
    return persistAndPublish(events).thenRun(ns -> recoveredRequested = Set.of()).thenNoReply();
  }

  private ReplyEffect<AgentEvent, AgentState> cancelAll(AgentState s, CancelAllWorking c) {
    List<Order> cancellable = s.openOrders().values().stream()
        .filter(o -> o.orderNo() != null && OrderTransitions.allows(o.status(), CancelRequested.class)).toList();
    if (cancellable.isEmpty()) {
      return Effect().reply(c.replyTo(), StatusReply.success(0));
    }
    Instant at = now();
    List<AgentEvent> events = new ArrayList<>();
    cancellable.forEach(o -> events.add(new CancelRequested(o.id(), c.reason(), at)));
    return persistAndPublish(events)
        .thenRun(ns -> cancellable.forEach(o -> port.tell(new OrderPort.SendCancel(o.id(), settings.agentId(),
            o.orderNo(), o.branchNo(), o.spec().symbol(), o.spec().type(), o.remainingQuantity(), context.getSelf(),
            o.spec().venue()))))
        .thenReply(c.replyTo(), ns -> StatusReply.success(cancellable.size()));
  }

  private ReplyEffect<AgentEvent, AgentState> deny(AgentState s, DenyOrder c) {
    ClientOrderId opener = ClientOrderId.of(settings.agentId(), c.atSeq());
    boolean ofOpener = c.repeats() > 0 && s.order(opener).filter(o -> o.status() == OrderStatus.DENIED
        && o.spec().symbol().equals(c.spec().symbol()) && o.spec().side() == c.spec().side()).isPresent();
    // A run's record names the denial that opened its window; should the books not hold it, a fresh id.
    ClientOrderId id = ofOpener ? opener : ClientOrderId.of(settings.agentId(), s.nextOrderSeq());
    return persistAndPublish(new OrderDenied(id, c.spec(), c.reason(), c.detail(), now(), c.repeats()))
        .thenReply(c.replyTo(), ns -> StatusReply.error(OrderRefused.message(c.reason(), c.detail())));
  }

  private ReplyEffect<AgentEvent, AgentState> denyRevise(AgentState s, DenyRevise c) {
    Optional<Order> found = s.order(c.orderId());
    if (found.isEmpty() || !OrderTransitions.allows(found.get().status(), ReviseRequested.class)) {
      ModifyRejected count = new ModifyRejected(c.orderId(), c.reason().name(), c.detail(), now(), c.repeats());
      if (c.repeats() > 0 && OrderTransitions.countOnly(found.orElse(null), count)) {
        // The order filled or was cancelled during the run: its count is journaled alone (the fold
        // keeps it and touches nothing), so a replay counts every refused revise too.
        return persistAndPublish(count)
            .thenReply(c.replyTo(), ns -> StatusReply.error(OrderRefused.message(c.reason(), c.detail())));
      }
      if (c.repeats() > 0) { // pending a revise of its own: never, the host journals its runs before one
        context.getLog().warn("{}: {} refused revises of {} ({}) not journaled: the order is {}", settings.agentId(),
            c.repeats(), c.orderId(), c.reason(), found.get().status());
      }
      return refuse(c.replyTo(), found.isEmpty() ? RejectReason.AGENT_UNKNOWN_ORDER : RejectReason.AGENT_ORDER_NOT_WORKING,
          c.orderId() + (found.isEmpty() ? " is unknown" : " is " + found.get().status()));
    }
    Instant at = now();
    return persistAndPublish(List.of(new ReviseRequested(c.orderId(), c.newPrice(), at),
            new ModifyRejected(c.orderId(), c.reason().name(), c.detail(), at, c.repeats())))
        .thenReply(c.replyTo(), ns -> StatusReply.error(OrderRefused.message(c.reason(), c.detail())));
  }

  /** {@code sofar}: the books as far as this try folded them. */
  private void onRecoveryFailed(Throwable cause, AgentState sofar) {
    replays.tryFailed();
    if (restartAfterRecoveryFailure) {
      return; // the same try signalled again (see restartAfterRecoveryFailure): counted once
    }
    restartAfterRecoveryFailure = true;
    RecoveryFailureKind kind = RecoveryFailureKind.of(cause);
    if (kind == RecoveryFailureKind.OUT_OF_SEQUENCE && replays.interfered()) {
      // An earlier try's replay, which the journal does not cancel, was still running when this try
      // asked for its own: nothing was folded from what it sent. Not counted, however many tries it
      // outlasts; only a try no earlier replay could reach counts what it finds.
      String what = cause.getMessage() + "; " + replays.running() + " replay(s) still running";
      int tries = Recoveries.get(context.getSystem()).interfered(settings.agentId(), what);
      context.getLog().warn("{}: recovery interfered, not damage (try {} of this kind): {} ({}an earlier try's replay"
          + " still running); retrying after backoff, no trading until it has recovered", settings.agentId(), tries,
          what, sofar == null ? "" : sofar.eventCount() + " events folded, ");
      return;
    }
    if (kind == RecoveryFailureKind.SLOW) {
      // Nothing was found wrong with the journal: neither counted toward the damage limit nor
      // breaking a run of read failures. Retried by the same backoff, without end.
      long events = sofar == null ? 0 : sofar.eventCount();
      int tries = Recoveries.get(context.getSystem()).slow(settings.agentId(), events, timeoutOf(cause));
      context.getLog().warn("{}: recovery slow, not damage: try {} timed out after {} events ({}); retrying after"
          + " backoff, no trading until it has recovered and been reconciled", settings.agentId(), tries, events,
          timeoutOf(cause));
      return;
    }
    recoveryFailures++;
    if (kind == RecoveryFailureKind.OUT_OF_SEQUENCE) {
      context.getLog().warn("{}: journal replay out of sequence on a try no earlier replay could reach, counted as"
          + " damage ({} of {} in a row): {}", settings.agentId(), recoveryFailures, settings.maxRecoveryFailures(),
          cause.getMessage());
    }
    if (recoveryFailures < settings.maxRecoveryFailures()) {
      context.getLog().warn("{}: recovery failed ({} of {} in a row); retrying after backoff: {}", settings.agentId(),
          recoveryFailures, settings.maxRecoveryFailures(), String.valueOf(cause));
      return;
    }
    String why = "recovery failed " + recoveryFailures + " times in a row (" + cause
        + "); the agent is stopped, see README \"Damaged journal\"";
    context.getLog().error("{}: journal DAMAGED: {}", settings.agentId(), why);
    RecoveryGiveUps.get(context.getSystem()).record(settings.agentId(), why);
    Recoveries.get(context.getSystem()).ended(settings.agentId());
    recoveryGivenUp = true;
  }

  /**
   * The innermost message of a slow failure's chain: the breaker's or the replay's own words, with
   * whatever looks like a credential masked (it is shown on the dashboard and in {@code status}).
   */
  private static String timeoutOf(Throwable cause) {
    Throwable t = cause;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    Class<?> type = t.getClass().isAnonymousClass() ? t.getClass().getSuperclass() : t.getClass(); // the breaker's
    return FailedWrites.masked(type.getSimpleName() + ": " + t.getMessage());
  }

  /**
   * A write failed and the agent restarts: counted toward parking unless the journal merely did not
   * confirm it in time; a rejected event (it could not be serialized) counts, as it would fail again.
   * Either way nothing of the failed command was handed on, the agent shows recovering with why, and
   * the recovery that follows reads what the journal holds, the write included if it landed.
   */
  private void onWriteFailed() {
    Throwable cause = lastWriteFailure;
    lastWriteFailure = null;
    boolean rejected = cause instanceof RejectedWrites.Rejected;
    if (cause != null && !rejected && RecoveryFailureKind.of(cause) == RecoveryFailureKind.SLOW) {
      String timeout = timeoutOf(cause);
      int slow = Recoveries.get(context.getSystem()).slowWrite(settings.agentId(), timeout);
      context.getLog().warn("{}: journal slow, write retrying, not damage ({} in a row, not counted toward parking):"
          + " the write was not confirmed in time ({}); nothing of it was sent, and the agent recovers its books from"
          + " the journal, which shows whether it landed", settings.agentId(), slow, timeout);
      return;
    }
    writeFailures++;
    // Shown on the dashboard, in status and the park reason: whatever looks like a credential is masked.
    String what = cause == null ? "unknown failure" : rejected ? FailedWrites.masked(cause.getMessage())
        : timeoutOf(cause);
    lastCountedFailure = what;
    Recoveries.get(context.getSystem()).failedWrite(settings.agentId(), writeFailures, PARK_AFTER_WRITE_FAILURES,
        what);
    FailedWrites.get(context.getSystem()).failed(settings.agentId(), writeFailures, PARK_AFTER_WRITE_FAILURES, what,
        now());
    if (writeFailures < PARK_AFTER_WRITE_FAILURES) {
      context.getLog().warn("{}: journal write failed ({} of {} in a row that park the agent): {}; nothing of it was"
          + " sent, the agent recovers its books from the journal after backoff", settings.agentId(), writeFailures,
          PARK_AFTER_WRITE_FAILURES, what);
    } else if (writeFailures == PARK_AFTER_WRITE_FAILURES) {
      context.getLog().error("{}: {}", settings.agentId(), writesParkReason());
    }
  }

  private boolean writesParked() {
    return writeFailures >= PARK_AFTER_WRITE_FAILURES;
  }

  private String writesParkReason() {
    return "journal writes failed " + writeFailures + " times in a row (the last: " + lastCountedFailure
        + "); parked until an operator resumes it";
  }

  /** {@code s} as shown while parked for journal failures: the books as they are, parked with the reason. */
  private static AgentState parkedView(AgentState s, String reason) {
    return new AgentState(s.agentId(), s.eventCount(), s.nextOrderSeq(), s.openOrders(), s.closedOrders(), s.positions(),
        s.fees(), s.taxes(), s.cashFlow(), s.correctionCost(), true, reason, s.anomalies(), s.anomalyCount(),
        s.appliedCorrections(), s.prunedOrderNos(), s.protections());
  }

  private EffectBuilder<AgentEvent, AgentState> persistAndPublish(AgentEvent event) {
    long start = System.nanoTime();
    return Effect().persist(event).thenRun(ns -> {
      writeFailures = 0;
      writes.written(settings.agentId(), 1, start);
      if (listener != null) {
        listener.tell(new Published(event, ns));
      }
    });
  }

  private EffectBuilder<AgentEvent, AgentState> persistAndPublish(List<AgentEvent> events) {
    if (events.size() == 1) {
      // The same single-event atomic write, through Pekko's cheaper path for one event (no
      // conversion to a Scala list, no per-batch bookkeeping): most reports and fills are one.
      return persistAndPublish(events.get(0));
    }
    long start = System.nanoTime();
    return Effect().persist(events).thenRun(ns -> {
      writeFailures = 0;
      writes.written(settings.agentId(), events.size(), start);
      publish(events, ns);
    });
  }

  private void publish(List<AgentEvent> events, AgentState state) {
    if (listener != null) {
      events.forEach(e -> listener.tell(new Published(e, state)));
    }
  }

  private <T> ReplyEffect<AgentEvent, AgentState> refuse(ActorRef<StatusReply<T>> replyTo, RejectReason reason,
      String detail) {
    return Effect().reply(replyTo, StatusReply.error(OrderRefused.message(reason, detail)));
  }

  private Instant now() {
    return clock.instant();
  }
}
