package kis.actors.gateway;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import kis.actors.agent.Agent;
import kis.actors.agent.OrderPort;
import kis.actors.reconcile.ReconcilerActor;
import kis.connector.rest.KisRestClient;
import kis.connector.rest.OrderCashRequest;
import kis.connector.rest.OrderOutcome;
import kis.connector.rest.OrderSide;
import kis.connector.rest.ReviseCancelRequest;
import kis.connector.ws.KisFeedEvent.ExecutionNotice;
import kis.journal.AgentId;
import kis.journal.ClientOrderId;
import kis.journal.OrderNo;
import kis.journal.Side;
import kis.journal.event.FillSource;
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
 * sent again after a delay, a bounded number of times. Execution notices from the websocket
 * arrive as {@link NoticeReceived} and go through the {@link NoticeRouter} to the owning agent
 * ({@code BrokerFill}, {@code BrokerRevised}, {@code BrokerCancelled}); a notice no agent claims
 * goes to the reconciler.
 */
public final class OrderGateway {
  private static final DateTimeFormatter HHMMSS = DateTimeFormatter.ofPattern("HHmmss");

  /** Everything the gateway accepts. */
  public sealed interface Command
      permits Send, RegisterAgent, RegisterOrders, NoticeReceived, GetStats, GetOrderPort, RollDay, Dispatch, Outcome, ExpireHeld, Requeue {}

  /** An agent's order, revise or cancel (the agent's {@code ActorRef<OrderPort>} wraps into this). */
  public record Send(OrderPort message) implements Command {}

  /** Route notices for {@code agentId}'s orders to {@code agent}; a later registration replaces it. */
  public record RegisterAgent(AgentId agentId, ActorRef<Agent.Command> agent) implements Command {}

  /**
   * {@code agentId} owns these KIS order numbers (from the reconciler: orders resolved from doubt,
   * orders placed before a restart). Releases notices held for them.
   */
  public record RegisterOrders(AgentId agentId, Map<OrderNo, ClientOrderId> orders) implements Command {
    public RegisterOrders {
      orders = Map.copyOf(orders);
    }
  }

  /** An execution notice ({@code H0STCNI0}/{@code H0STCNI9}) from the supervisor's websocket. */
  public record NoticeReceived(ExecutionNotice notice) implements Command {}

  /** Counters, for the dashboard and tests. */
  public record GetStats(ActorRef<Stats> replyTo) implements Command {}

  /** The {@code ActorRef<OrderPort>} to hand to agents ({@link Agent#create}). */
  public record GetOrderPort(ActorRef<ActorRef<OrderPort>> replyTo) implements Command {}

  /** Day roll: KIS numbers restart, so ownership and seen notice keys are forgotten. */
  public record RollDay() implements Command {}

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
  private final ActorRef<ReconcilerActor.Command> reconciler;
  private final GatewaySettings settings;
  private final Clock clock;
  private final OrderRateBudget budget;
  private final NoticeRouter<ExecutionNotice> router;
  private final ActorRef<OrderPort> port;
  private final Map<AgentId, ActorRef<Agent.Command>> agents = new HashMap<>();
  /** KIS numbers (new, revised and cancel orders) to the agent order they belong to. */
  private final Map<OrderNo, ClientOrderId> orderIds = new HashMap<>();
  private final Deque<Pending> queue = new ArrayDeque<>();
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
      ActorRef<ReconcilerActor.Command> reconciler, GatewaySettings settings, Clock clock) {
    this.ctx = ctx;
    this.timers = timers;
    this.rest = rest;
    this.reconciler = reconciler;
    this.settings = settings;
    this.clock = clock;
    this.budget = new OrderRateBudget(settings.permits(), settings.per(), settings.burst(), clock);
    this.router = new NoticeRouter<>(settings.maxHeld(), settings.holdTimeout(), settings.dedupCapacity());
    this.port = ctx.messageAdapter(OrderPort.class, Send::new);
  }

  /**
   * @param rest the account's REST client (one per app key: it carries the key's rate limiter)
   * @param reconciler gets the notices no agent claims
   * @param clock time for the rate budget and the notice hold
   */
  public static Behavior<Command> create(KisRestClient rest, ActorRef<ReconcilerActor.Command> reconciler,
      GatewaySettings settings, Clock clock) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(
        timers -> new OrderGateway(ctx, timers, rest, reconciler, settings, clock).behavior()));
  }

  /**
   * A forwarder to spawn anywhere when an {@code ActorRef<OrderPort>} is needed without asking
   * {@link GetOrderPort}: it wraps each message into {@link Send}.
   */
  public static Behavior<OrderPort> forwarder(ActorRef<Command> gateway) {
    return Behaviors.receiveMessage(m -> {
      gateway.tell(new Send(m));
      return Behaviors.same();
    });
  }

  private Behavior<Command> behavior() {
    return Behaviors.receive(Command.class)
        .onMessage(Send.class, m -> {
          queue.addLast(new Pending(m.message(), 0));
          drain();
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
        .onMessage(NoticeReceived.class, m -> {
          onNotice(m.notice());
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
        OrderSide side = o.spec().side() == Side.BUY ? OrderSide.BUY : OrderSide.SELL;
        // EXCG_ID_DVSN_CD spells the venue by its name (KRX; NXT and SOR with #20).
        return rest.orderCash(new OrderCashRequest(side, o.spec().symbol().code(), o.spec().type().ordDvsn(),
            o.spec().quantity(), o.spec().price(), o.spec().venue().name()));
      }
      if (m instanceof OrderPort.SendRevise r) {
        return rest.reviseOrCancel(ReviseCancelRequest.reviseAll(r.branchNo(), r.orderNo().value(), r.type().ordDvsn(),
            r.newPrice()));
      }
      OrderPort.SendCancel c = (OrderPort.SendCancel) m;
      return rest.reviseOrCancel(ReviseCancelRequest.cancelAll(c.branchNo(), c.orderNo().value(), c.type().ordDvsn()));
    } catch (RuntimeException e) {
      // A request that cannot even be built never left the process: a definite refusal.
      return CompletableFuture.completedFuture(
          new OrderOutcome.NotSent(OrderOutcome.NotSent.CODE, "invalid request: " + e.getMessage()));
    }
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
      m.replyTo().tell(m instanceof OrderPort.SendOrder
          ? new Agent.BrokerRejected(m.orderId(), r.msgCd(), r.msg1())
          : new Agent.BrokerModifyRejected(m.orderId(), r.msgCd(), r.msg1()));
    } else if (outcome instanceof OrderOutcome.NotSent n) {
      // Never written and never will be: the order does not exist, so the agent may decide afresh.
      rejected++;
      notSent++;
      ctx.getLog().info("order {} not sent: {}", m.orderId(), n.reason());
      String msg = "not sent: " + n.reason();
      m.replyTo().tell(m instanceof OrderPort.SendOrder
          ? new Agent.BrokerRejected(m.orderId(), n.code(), msg)
          : new Agent.BrokerModifyRejected(m.orderId(), n.code(), msg));
    } else if (outcome instanceof OrderOutcome.Throttled t) {
      throttled++;
      if (o.pending().throttledTimes() < settings.maxThrottledResends()) {
        // EGW00201 is answered before the order system sees the order: sending it again is safe.
        Pending again = new Pending(m, o.pending().throttledTimes() + 1);
        ctx.scheduleOnce(settings.throttledResendDelay(), ctx.getSelf(), new Requeue(again));
        return Behaviors.same();
      }
      rejected++;
      String msg = "rate limited " + (o.pending().throttledTimes() + 1) + " times: " + t.msg1();
      m.replyTo().tell(m instanceof OrderPort.SendOrder
          ? new Agent.BrokerRejected(m.orderId(), t.msgCd(), msg)
          : new Agent.BrokerModifyRejected(m.orderId(), t.msgCd(), msg));
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

  private void onNotice(ExecutionNotice n) {
    notices++;
    OrderNo no;
    try {
      no = OrderNo.of(n.odno());
    } catch (IllegalArgumentException e) {
      unrouted++;
      reconciler.tell(new ReconcilerActor.UnroutedNotice(n, "unreadable order number"));
      return;
    }
    Optional<OrderNo> original = originalOf(n);
    deliver(router.onNotice(no, original, noticeKey(n), n, clock.instant()));
    armHoldTimer();
  }

  private void armHoldTimer() {
    router.nextExpiry().ifPresentOrElse(
        at -> {
          Duration wait = Duration.between(clock.instant(), at);
          timers.startSingleTimer("expire-held", new ExpireHeld(), wait.isNegative() ? Duration.ZERO : wait);
        },
        () -> timers.cancel("expire-held"));
  }

  private void deliver(List<Routing<ExecutionNotice>> routings) {
    for (Routing<ExecutionNotice> r : routings) {
      if (r instanceof Routing.ToAgent<ExecutionNotice> a) {
        toAgent(a.agent(), a.notice());
      } else if (r instanceof Routing.ToReconciler<ExecutionNotice> t) {
        unrouted++;
        reconciler.tell(new ReconcilerActor.UnroutedNotice(t.notice(), t.why()));
      } else if (r instanceof Routing.Duplicate<ExecutionNotice>) {
        duplicates++;
      }
    }
  }

  private void toAgent(AgentId id, ExecutionNotice n) {
    ActorRef<Agent.Command> agent = agents.get(id);
    if (agent == null) {
      unrouted++;
      reconciler.tell(new ReconcilerActor.UnroutedNotice(n, "agent " + id + " is not registered"));
      return;
    }
    routed++;
    OrderNo no = OrderNo.of(n.odno());
    if (n.isFill()) {
      agent.tell(new Agent.BrokerFill(no, n.qty(), n.price(), execKey(n), time(n.time()), FillSource.NOTICE));
      return;
    }
    if (n.refused() || !"2".equals(trim(n.acptYn()))) {
      return; // a receipt, or a refusal the REST reply already reported
    }
    Optional<ClientOrderId> order = originalOf(n).map(orderIds::get).or(() -> Optional.ofNullable(orderIds.get(no)));
    if (order.isEmpty()) {
      return;
    }
    orderIds.putIfAbsent(no, order.get());
    switch (trim(n.rvseCnclCls())) {
      case "1" -> agent.tell(new Agent.BrokerRevised(order.get(), no, n.orderPrice() > 0 ? n.orderPrice() : n.price(),
          false));
      case "2" -> agent.tell(new Agent.BrokerCancelled(order.get(), false));
      default -> { }
    }
  }

  private static Optional<OrderNo> originalOf(ExecutionNotice n) {
    String o = n.orgnOdno() == null ? "" : n.orgnOdno().trim();
    if (o.isEmpty() || o.chars().allMatch(c -> c == '0')) {
      return Optional.empty();
    }
    try {
      return Optional.of(OrderNo.of(o));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * A fill's identity from the notice alone (KIS sends no execution id): order number, time,
   * quantity and price. Two genuinely distinct fills alike in all four collapse into one; the
   * reconciler's cumulative inquiry then books the missing shares.
   */
  static String execKey(ExecutionNotice n) {
    return "n:" + OrderNo.of(n.odno()).value() + ":" + time(n.time()) + ":" + n.qty() + ":" + n.price();
  }

  private static String noticeKey(ExecutionNotice n) {
    return execKey(n) + ":" + n.kind() + ":" + n.acptYn() + ":" + n.rvseCnclCls() + ":" + n.refused();
  }

  private static String trim(String s) {
    return s == null ? "" : s.trim();
  }

  private static String time(LocalTime t) {
    return t == null ? "" : t.format(HHMMSS);
  }
}
