package kis.actors.gateway;

import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import kis.actors.agent.Agent;
import kis.actors.agent.OrderPort;
import kis.actors.risk.KillSwitchState;
import kis.adapter.BrokerReport;
import kis.adapter.Decoded;
import kis.adapter.KisOrders;
import kis.connector.rest.KisRestClient;
import kis.connector.rest.OrderOutcome;
import kis.journal.AgentId;
import kis.journal.ClientOrderId;
import kis.journal.OrderNo;
import kis.journal.Venue;
import kis.journal.calendar.MarketPhase;
import kis.journal.calendar.SessionSchedule;
import kis.journal.event.FillSource;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * The only way orders reach KIS. Takes the agents' {@link OrderPort} messages, paces them with an
 * {@link OrderRateBudget}, sends each once and answers the agent with the outcome: accepted
 * (and the order number registered for notice routing), rejected, in doubt (written but
 * unanswered: it may exist, so it is never re-sent and the reconciler resolves it) or not sent
 * (never written, and the connector guarantees it never will be: answered as a refusal with
 * {@code msgCd = NOT_SENT}, so the agent's order is definitely dead, not in doubt).
 * An order refused at the gateway for the rate limit ({@code EGW00201}) never existed, so it is
 * sent again after a delay, a bounded number of times. Execution notices from the websocket,
 * decoded at the edge (kis-adapter's {@link BrokerReport}), arrive as {@link ReportReceived} and go
 * through the {@link NoticeRouter} to the owning agent ({@code BrokerFill}, {@code BrokerRevised},
 * {@code BrokerCancelled}); a report no agent claims goes out as {@link Unrouted} to whoever
 * {@link WatchUnrouted watches} for them (the reconciler). The gateway knows no KIS code and no
 * reconciler: kis-adapter builds its requests, and the reconciler talks to it through
 * {@link FromReconciler}.
 *
 * <p>It is also the only place an agent's message is refused before it is sent: the gateway is
 * in one {@link GatewayState} (waiting for the kill switch, open, kill switch latched, closed),
 * learns the kill switch's state from {@link KillSwitchNow} and closes for good on {@link Close}
 * (the engine's shutdown). Agents send to it directly: spawn {@link #createWithPort} and hand
 * them its ref narrowed to {@code OrderPort}, or ask {@link GetOrderPort}.
 */
public final class OrderGateway {
  private static final DateTimeFormatter HHMMSS = DateTimeFormatter.ofPattern("HHmmss");
  /** Messages held for the kill switch's first word, at most (its recovery takes one journal read). */
  static final int MAX_HELD = 10_000;

  /** Everything the gateway accepts. */
  public sealed interface Command permits Send, RegisterAgent, FromReconciler, ReportReceived, GetStats, GetOrderPort,
      RollDay, KillSwitchNow, Close, Dispatch, Outcome, ExpireHeld, Requeue {}

  /** What the reconciler may tell the gateway: hand it {@code gateway.narrow()}. */
  public sealed interface FromReconciler extends Command permits RegisterOrders, WatchUnrouted {}

  /** An agent's order, revise or cancel (the agent's {@code ActorRef<OrderPort>} wraps into this). */
  public record Send(OrderPort message) implements Command {}

  /** Route notices for {@code agentId}'s orders to {@code agent}; a later registration replaces it. */
  public record RegisterAgent(AgentId agentId, ActorRef<Agent.Command> agent) implements Command {}

  /**
   * {@code agentId} owns these KIS order numbers (from the reconciler: orders resolved from doubt,
   * orders placed before a restart). Releases notices held for them.
   */
  public record RegisterOrders(AgentId agentId, Map<OrderNo, ClientOrderId> orders) implements FromReconciler {
    public RegisterOrders {
      orders = Map.copyOf(orders);
    }
  }

  /**
   * Send every report no agent claims to {@code watcher} from now on (a later watcher replaces
   * it). Reports unrouted before anyone watches are kept (the most recent {@code maxHeld}) and
   * handed to the first watcher.
   */
  public record WatchUnrouted(ActorRef<Unrouted> watcher) implements FromReconciler {}

  /** A report no agent claims, and why; only the account can say what happened. */
  public record Unrouted(BrokerReport report, String why) {}

  /** An execution notice ({@code H0STCNI0}/{@code H0STCNI9}) from the supervisor's websocket, decoded. */
  public record ReportReceived(BrokerReport report) implements Command {}

  /** Counters, for the dashboard and tests. */
  public record GetStats(ActorRef<Stats> replyTo) implements Command {}

  /** The {@code ActorRef<OrderPort>} to hand to agents ({@link Agent#create}). */
  public record GetOrderPort(ActorRef<ActorRef<OrderPort>> replyTo) implements Command {}

  /** Day roll: KIS numbers restart, so ownership and seen notice keys are forgotten. */
  public record RollDay() implements Command {}

  /**
   * The kill switch's state, on its recovery and after each change: engaged, new orders and
   * revises go back refused ({@code RISK_KILL_SWITCH}); until the first one, they wait.
   */
  public record KillSwitchNow(KillSwitchState state) implements Command {}

  /**
   * Close the order flow for good (the engine is stopping): from now on every order, revise and
   * cancel, and whatever waits for the kill switch, goes back refused ({@code ENGINE_STOPPING}).
   * Calls already made, and messages already waiting for rate budget, still complete.
   * {@code replyTo} hears once it is closed, after everything that arrived before.
   */
  public record Close(ActorRef<Done> replyTo) implements Command {}

  private record Dispatch() implements Command {}

  private record Outcome(Pending pending, OrderOutcome outcome, Throwable failure) implements Command {}

  private record ExpireHeld() implements Command {}

  private record Requeue(Pending pending) implements Command {}

  /**
   * What the gateway has done since it started.
   *
   * @param held notices waiting now for the reply that names their order
   * @param queued messages waiting now for rate budget
   * @param notSent calls the connector never wrote (no token, or past its queue deadline); also
   *     counted in {@code rejected}
   */
  public record Stats(long sent, long accepted, long rejected, long throttled, long inDoubt, long notices,
      long routed, long duplicates, long unrouted, int held, int queued, long notSent) {}

  private record Pending(OrderPort message, int throttledTimes) {}

  private final ActorContext<Command> ctx;
  private final TimerScheduler<Command> timers;
  private final KisRestClient rest;
  private ActorRef<Unrouted> unroutedWatcher;
  private final Deque<Unrouted> unwatched = new ArrayDeque<>();
  private final GatewaySettings settings;
  private final Clock clock;
  /** Which phase each venue is in when a message is sent: KRX's after-market orders carry their own codes. */
  private final SessionSchedule sessions;
  private final OrderRateBudget budget;
  private final NoticeRouter<BrokerReport> router;
  private final ActorRef<OrderPort> port;
  private final Map<AgentId, ActorRef<Agent.Command>> agents = new HashMap<>();
  /** KIS numbers (new, revised and cancel orders) to the agent order they belong to. */
  private final Map<OrderNo, ClientOrderId> orderIds = new HashMap<>();
  private final Deque<Pending> queue = new ArrayDeque<>();
  /** Orders and revises waiting for the kill switch's first word. */
  private final Deque<OrderPort> held = new ArrayDeque<>();
  private GatewayState state = GatewayState.initial();
  private long sent;
  private long accepted;
  private long rejected;
  private long throttled;
  private long inDoubt;
  private long notSent;
  private long notices;
  private long routed;
  private long duplicates;
  private long unrouted;

  private OrderGateway(ActorContext<Command> ctx, TimerScheduler<Command> timers, KisRestClient rest,
      GatewaySettings settings, Clock clock, SessionSchedule sessions) {
    this.ctx = ctx;
    this.timers = timers;
    this.rest = rest;
    this.settings = settings;
    this.clock = clock;
    this.sessions = sessions;
    this.budget = new OrderRateBudget(settings.permits(), settings.per(), settings.burst(), clock);
    this.router = new NoticeRouter<>(settings.maxHeld(), settings.holdTimeout(), settings.dedupCapacity());
    this.port = ctx.messageAdapter(OrderPort.class, Send::new);
  }

  /**
   * @param rest the account's REST client (one per app key: it carries the key's rate limiter)
   * @param clock time for the rate budget and the notice hold
   */
  public static Behavior<Command> create(KisRestClient rest, GatewaySettings settings, Clock clock) {
    return create(rest, settings, clock, SessionSchedule.alwaysOpen(clock.getZone()));
  }

  /**
   * @param sessions the market's schedule: each message goes out coded for the phase its venue is
   *     in when it is sent ({@code sessions.forVenue(venue).phaseAt(now)}), so a KRX limit sent in
   *     KRX's after-market is an after-market limit (kis-adapter's {@code KisOrderTypes}); an
   *     always-open schedule codes every order for the regular market
   */
  public static Behavior<Command> create(KisRestClient rest, GatewaySettings settings, Clock clock,
      SessionSchedule sessions) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(
        timers -> new OrderGateway(ctx, timers, rest, settings, clock, sessions).behavior()));
  }

  /**
   * The gateway accepting {@link OrderPort} messages besides its commands, so one spawned ref is
   * both: {@code ref.narrow()} to {@code ActorRef<Command>} for the engine and to
   * {@code ActorRef<OrderPort>} for the agents (no actor in between).
   */
  public static Behavior<Object> createWithPort(KisRestClient rest, GatewaySettings settings, Clock clock) {
    return createWithPort(rest, settings, clock, SessionSchedule.alwaysOpen(clock.getZone()));
  }

  /** {@link #createWithPort(KisRestClient, GatewaySettings, Clock)} coding orders by {@code sessions}' phases (as {@link #create(KisRestClient, GatewaySettings, Clock, SessionSchedule)}). */
  public static Behavior<Object> createWithPort(KisRestClient rest, GatewaySettings settings, Clock clock,
      SessionSchedule sessions) {
    return Behaviors.transformMessages(Object.class, create(rest, settings, clock, sessions),
        pf -> pf.match(OrderPort.class, Send::new).match(Command.class, c -> c));
  }

  private Behavior<Command> behavior() {
    return Behaviors.receive(Command.class)
        .onMessage(Send.class, m -> {
          admit(m.message());
          drain();
          return Behaviors.same();
        })
        .onMessage(KillSwitchNow.class, m -> {
          state = state.killSwitch(m.state());
          release();
          drain();
          return Behaviors.same();
        })
        .onMessage(Close.class, m -> {
          state = new GatewayState.Closed();
          release();
          m.replyTo().tell(Done.getInstance());
          return Behaviors.same();
        })
        .onMessage(Requeue.class, m -> {
          queue.addFirst(m.pending());
          drain();
          return Behaviors.same();
        })
        .onMessage(Dispatch.class, m -> {
          drain();
          return Behaviors.same();
        })
        .onMessage(Outcome.class, this::onOutcome)
        .onMessage(RegisterAgent.class, m -> {
          agents.put(m.agentId(), m.agent());
          return Behaviors.same();
        })
        .onMessage(RegisterOrders.class, m -> {
          m.orders().forEach((no, id) -> {
            orderIds.putIfAbsent(no, id);
            deliver(router.register(no, m.agentId()));
          });
          return Behaviors.same();
        })
        .onMessage(ReportReceived.class, m -> {
          onReport(m.report());
          return Behaviors.same();
        })
        .onMessage(WatchUnrouted.class, m -> {
          unroutedWatcher = m.watcher();
          while (!unwatched.isEmpty()) {
            unroutedWatcher.tell(unwatched.removeFirst());
          }
          return Behaviors.same();
        })
        .onMessage(ExpireHeld.class, m -> {
          deliver(router.expire(clock.instant()));
          armHoldTimer();
          return Behaviors.same();
        })
        .onMessage(GetStats.class, m -> {
          m.replyTo().tell(new Stats(sent, accepted, rejected, throttled, inDoubt, notices, routed, duplicates,
              unrouted, router.heldCount(), queue.size(), notSent));
          return Behaviors.same();
        })
        .onMessage(GetOrderPort.class, m -> {
          m.replyTo().tell(port);
          return Behaviors.same();
        })
        .onMessage(RollDay.class, m -> {
          deliver(router.dayRoll());
          orderIds.clear();
          return Behaviors.same();
        })
        .build();
  }

  /** Queues, holds or refuses one agent message, as the state says. */
  private void admit(OrderPort m) {
    GatewayState.Admission a = state.admit(m);
    if (a instanceof GatewayState.Refuse r) {
      OrderPort.refuse(m, r.code(), r.why());
    } else if (a instanceof GatewayState.Hold) {
      if (held.size() >= MAX_HELD) {
        OrderPort.refuse(m, GatewayState.KILL_SWITCH, "kill switch state not known yet and "
            + MAX_HELD + " messages already wait for it; not sent to KIS");
      } else {
        held.addLast(m);
      }
    } else {
      queue.addLast(new Pending(m, 0));
    }
  }

  /** Asks again for every held message, in order, after the state changed. */
  private void release() {
    int n = held.size();
    for (int i = 0; i < n; i++) {
      admit(held.removeFirst());
    }
  }

  /** Sends what the budget allows now; the rest waits for a timer. */
  private void drain() {
    while (!queue.isEmpty()) {
      if (!budget.tryAcquire()) {
        Duration wait = budget.waitTime();
        timers.startSingleTimer("dispatch", new Dispatch(), wait.isZero() ? Duration.ofMillis(1) : wait);
        return;
      }
      send(queue.removeFirst());
    }
  }

  private void send(Pending p) {
    OrderPort m = p.message();
    router.sendStarted(m.orderId());
    sent++;
    ctx.pipeToSelf(call(m), (outcome, failure) -> new Outcome(p, outcome, failure));
  }

  private CompletionStage<OrderOutcome> call(OrderPort m) {
    try {
      if (m instanceof OrderPort.SendOrder o) {
        return callIfEncoded(KisOrders.order(o.spec(), phaseNow(o.spec().venue())), req -> rest.orderCash(req));
      }
      if (m instanceof OrderPort.SendRevise r) {
        return callIfEncoded(KisOrders.revise(r.orderNo(), r.branchNo(), r.type(), r.venue(), phaseNow(r.venue()),
            r.newPrice()), req -> rest.reviseOrCancel(req));
      }
      OrderPort.SendCancel c = (OrderPort.SendCancel) m;
      return callIfEncoded(KisOrders.cancel(c.orderNo(), c.branchNo(), c.type(), c.venue(), phaseNow(c.venue())),
          req -> rest.reviseOrCancel(req));
    } catch (RuntimeException e) {
      // A request that cannot even be built never left the process: a definite refusal.
      return notSent(OrderOutcome.NotSent.CODE, "invalid request: " + e.getMessage());
    }
  }

  /**
   * The phase {@code venue} is in as the message leaves. The agent's pre-trade check asked the same
   * schedule when it placed the order; a message crossing a phase boundary on its way is coded for
   * the phase KIS receives it in (KIS refuses it if that phase takes no such order).
   */
  private MarketPhase phaseNow(Venue venue) {
    return sessions.forVenue(venue).phaseAt(clock.instant());
  }

  /** Calls KIS with the request kis-adapter built; what it could not build is never sent. */
  private static <R> CompletionStage<OrderOutcome> callIfEncoded(Decoded<R> request,
      Function<R, CompletionStage<OrderOutcome>> call) {
    if (request instanceof Decoded.Refused<R> r) {
      return notSent(r.code(), "invalid request: " + r.why());
    }
    return call.apply(((Decoded.Known<R>) request).value());
  }

  private static CompletionStage<OrderOutcome> notSent(String code, String why) {
    return CompletableFuture.completedFuture(new OrderOutcome.NotSent(code, why));
  }

  private Behavior<Command> onOutcome(Outcome o) {
    OrderPort m = o.pending().message();
    OrderOutcome outcome = o.failure() != null
        ? new OrderOutcome.InDoubt("order call failed: " + o.failure().getClass().getSimpleName())
        : o.outcome();
    if (outcome instanceof OrderOutcome.Accepted a) {
      accepted++;
      OrderNo no = OrderNo.of(a.odno());
      orderIds.putIfAbsent(no, m.orderId());
      m.replyTo().tell(acceptedReply(m, no, a));
      deliver(router.register(no, m.agentId()));
    } else if (outcome instanceof OrderOutcome.Rejected r) {
      rejected++;
      OrderPort.refuse(m, r.msgCd(), r.msg1());
    } else if (outcome instanceof OrderOutcome.NotSent n) {
      // Never written and never will be: the order does not exist, so the agent may decide afresh.
      rejected++;
      notSent++;
      ctx.getLog().info("order {} not sent: {}", m.orderId(), n.reason());
      OrderPort.refuse(m, n.code(), "not sent: " + n.reason());
    } else if (outcome instanceof OrderOutcome.Throttled t) {
      throttled++;
      if (o.pending().throttledTimes() < settings.maxThrottledResends()) {
        // EGW00201 is answered before the order system sees the order: sending it again is safe.
        Pending again = new Pending(m, o.pending().throttledTimes() + 1);
        ctx.scheduleOnce(settings.throttledResendDelay(), ctx.getSelf(), new Requeue(again));
        return Behaviors.same();
      }
      rejected++;
      OrderPort.refuse(m, t.msgCd(), "rate limited " + (o.pending().throttledTimes() + 1) + " times: " + t.msg1());
    } else if (outcome instanceof OrderOutcome.InDoubt d) {
      inDoubt++;
      ctx.getLog().warn("order {} in doubt: {}", m.orderId(), d.reason());
      m.replyTo().tell(new Agent.BrokerInDoubt(m.orderId(), d.reason()));
    }
    deliver(router.sendSettled(m.orderId()));
    return Behaviors.same();
  }

  private Agent.Command acceptedReply(OrderPort m, OrderNo no, OrderOutcome.Accepted a) {
    if (m instanceof OrderPort.SendRevise r) {
      return new Agent.BrokerRevised(m.orderId(), no, r.newPrice(), false);
    }
    if (m instanceof OrderPort.SendCancel) {
      return new Agent.BrokerCancelled(m.orderId(), false);
    }
    String time = a.ordTmd() == null ? "" : a.ordTmd().format(HHMMSS);
    return new Agent.BrokerAccepted(m.orderId(), no, a.krxFwdgOrdOrgno(), time, false);
  }

  private void onReport(BrokerReport r) {
    notices++;
    if (r instanceof BrokerReport.Unreadable u) {
      // Only the account can say what a notice the adapter could not read meant.
      unrouted(r, u.why());
      return;
    }
    Optional<OrderNo> no = r.orderNo();
    if (no.isEmpty()) {
      unrouted(r, "no order number");
      return;
    }
    deliver(router.onNotice(no.get(), r.original(), r.key(), r, clock.instant()));
    armHoldTimer();
  }

  private void unrouted(BrokerReport r, String why) {
    unrouted++;
    Unrouted u = new Unrouted(r, why);
    if (unroutedWatcher != null) {
      unroutedWatcher.tell(u);
      return;
    }
    ctx.getLog().warn("unrouted report for order {} ({}) before anyone watches; kept for the first watcher",
        r.orderNo().map(OrderNo::value).orElse("?"), why);
    if (unwatched.size() >= settings.maxHeld()) {
      unwatched.removeFirst();
    }
    unwatched.addLast(u);
  }

  private void armHoldTimer() {
    router.nextExpiry().ifPresentOrElse(
        at -> {
          Duration wait = Duration.between(clock.instant(), at);
          timers.startSingleTimer("expire-held", new ExpireHeld(), wait.isNegative() ? Duration.ZERO : wait);
        },
        () -> timers.cancel("expire-held"));
  }

  private void deliver(List<Routing<BrokerReport>> routings) {
    for (Routing<BrokerReport> r : routings) {
      if (r instanceof Routing.ToAgent<BrokerReport> a) {
        toAgent(a.agent(), a.notice());
      } else if (r instanceof Routing.ToReconciler<BrokerReport> t) {
        unrouted(t.notice(), t.why());
      } else if (r instanceof Routing.Duplicate<BrokerReport>) {
        duplicates++;
      }
    }
  }

  private void toAgent(AgentId id, BrokerReport r) {
    ActorRef<Agent.Command> agent = agents.get(id);
    if (agent == null) {
      unrouted(r, "agent " + id + " is not registered");
      return;
    }
    routed++;
    if (r instanceof BrokerReport.Fill f) {
      agent.tell(new Agent.BrokerFill(f.number(), f.quantity(), f.price(), f.execKey(), f.execTime(),
          FillSource.NOTICE, -1, f.executedOn().orElse(null)));
    } else if (r instanceof BrokerReport.Revised v) {
      ownerOf(v.number(), v.original()).ifPresent(order -> agent.tell(
          new Agent.BrokerRevised(order, v.number(), v.newPrice(), false)));
    } else if (r instanceof BrokerReport.Cancelled c) {
      ownerOf(c.number(), c.original()).ifPresent(order -> agent.tell(new Agent.BrokerCancelled(order, false)));
    }
    // Received, Accepted, Refused, RemainderCancelled: the REST reply (or the reconciler's inquiry)
    // already reports them with what the agent needs; the notice adds nothing to apply.
  }

  /** The agent order a revise or cancel acted on: by its original's number, else by its own. */
  private Optional<ClientOrderId> ownerOf(OrderNo no, Optional<OrderNo> original) {
    Optional<ClientOrderId> order = original.map(orderIds::get).or(() -> Optional.ofNullable(orderIds.get(no)));
    order.ifPresent(id -> orderIds.putIfAbsent(no, id));
    return order;
  }
}
