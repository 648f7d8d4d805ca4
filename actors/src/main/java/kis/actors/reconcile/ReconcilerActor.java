package kis.actors.reconcile;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.HashMap;
import kis.actors.agent.Agent;
import kis.actors.gateway.OrderGateway;
import kis.connector.rest.DailyCcldQuery;
import kis.connector.rest.KisRestClient;
import kis.connector.ws.KisFeedEvent.ExecutionNotice;
import kis.journal.AgentId;
import kis.journal.ClientOrderId;
import kis.journal.OrderNo;
import kis.journal.event.AgentEvent;
import kis.journal.event.InDoubtResolved;
import kis.journal.event.ModifyRejected;
import kis.journal.event.OrderAccepted;
import kis.journal.event.OrderCancelled;
import kis.journal.event.OrderExpired;
import kis.journal.event.OrderFilled;
import kis.journal.event.OrderInDoubt;
import kis.journal.event.OrderRevised;
import kis.journal.event.PositionCorrected;
import kis.journal.state.AgentState;
import kis.journal.state.Order;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.pattern.StatusReply;

/**
 * Brings the agents' books in line with the account. A run reads {@code inquire-balance} and
 * today's {@code inquire-daily-ccld}, then every agent's state, runs the pure {@link Reconciler}
 * and tells each agent its corrections as ordinary agent commands (in the report's order, so an
 * in-doubt order is resolved before its inferred fills arrive). Runs on {@link RunNow} (before
 * trading, after every websocket reconnect), periodically, and shortly after a notice no agent
 * claimed. One run at a time: a {@code RunNow} during a run gets the next run, which starts when
 * the current one ends, because the caller wants the account as it is after its request.
 */
public final class ReconcilerActor {
  /** Everything the reconciler accepts. */
  public sealed interface Command permits RunNow, UnroutedNotice, GetLastReport, UseGateway, ReportMissedNotices,
      ReportRuns, Tick, AccountRead, StatesRead {}

  /** Run a reconciliation; the report (or the failure) goes to {@code replyTo}. */
  public record RunNow(ActorRef<StatusReply<ReconcileReport>> replyTo) implements Command {}

  /** An execution notice the gateway could not route to an agent; a run follows shortly. */
  public record UnroutedNotice(ExecutionNotice notice, String why) implements Command {}

  /** The last completed run's report, if any. */
  public record GetLastReport(ActorRef<Optional<ReconcileReport>> replyTo) implements Command {}

  /**
   * After each run, tell {@code gateway} which agent owns every live order number, so notices for
   * orders it never sent in this process (resolved in-doubt orders, orders from before a restart)
   * go straight to their agent. Sent once by the wiring (the gateway is created after the reconciler).
   */
  public record UseGateway(ActorRef<OrderGateway.Command> gateway) implements Command {}

  /**
   * After each completed run, tell {@code subscriber} how many fills it found only in the inquiry
   * ({@link MissedNotices}); the KIS supervisor judges from it whether notices are being lost. A
   * later subscription replaces this one.
   */
  public record ReportMissedNotices(ActorRef<MissedNotices> subscriber) implements Command {}

  /**
   * After every run, asked for or started by the reconciler itself (after an unrouted notice, on
   * its own interval, a queued rerun), tell {@code subscriber} how it ended ({@link RunEnded}): the
   * one place that sees every run exactly once. A later subscription replaces this one.
   */
  public record ReportRuns(ActorRef<RunEnded> subscriber) implements Command {}

  /**
   * How one run ended: its report, or why it failed (a read not sent or failed, an agent that did
   * not answer).
   *
   * @param selfStarted no {@link RunNow} asked for this run
   */
  public record RunEnded(Optional<ReconcileReport> report, Optional<String> failure, boolean selfStarted) {
    public boolean succeeded() {
      return report.isPresent();
    }
  }

  private record Tick() implements Command {}

  private record AccountRead(AccountSnapshot snapshot, Throwable failure) implements Command {}

  private record StatesRead(AccountSnapshot snapshot, Map<String, AgentState> states,
      Map<String, ActorRef<Agent.Command>> refs, Throwable failure) implements Command {}

  private static final Object TICK_KEY = "tick";

  private final ActorContext<Command> ctx;
  private final KisRestClient rest;
  private final AgentDirectory agents;
  private final ReconcilerSettings settings;
  private final Clock clock;
  private final TimerScheduler<Command> timers;

  private boolean running;
  private List<ActorRef<StatusReply<ReconcileReport>>> current = new ArrayList<>();
  private List<ActorRef<StatusReply<ReconcileReport>>> next = new ArrayList<>();
  private boolean runAgain;
  private ReconcileReport last;
  private ActorRef<OrderGateway.Command> gateway;
  private ActorRef<MissedNotices> missedNotices;
  private ActorRef<RunEnded> runs;

  private ReconcilerActor(ActorContext<Command> ctx, TimerScheduler<Command> timers, KisRestClient rest,
      AgentDirectory agents, ReconcilerSettings settings, Clock clock) {
    this.ctx = ctx;
    this.timers = timers;
    this.rest = rest;
    this.agents = agents;
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * @param rest the account's REST client (balance and daily orders)
   * @param agents which agents to reconcile, asked at every run
   * @param clock the reconciliation's time (events are recorded at the snapshot's time)
   */
  public static Behavior<Command> create(KisRestClient rest, AgentDirectory agents, ReconcilerSettings settings,
      Clock clock) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      if (!settings.interval().isZero()) {
        timers.startTimerWithFixedDelay("periodic", new Tick(), settings.interval());
      }
      return new ReconcilerActor(ctx, timers, rest, agents, settings, clock).behavior();
    }));
  }

  private Behavior<Command> behavior() {
    return Behaviors.receive(Command.class)
        .onMessage(RunNow.class, m -> {
          if (running) {
            next.add(m.replyTo());
            runAgain = true;
          } else {
            current.add(m.replyTo());
            start();
          }
          return Behaviors.same();
        })
        .onMessage(Tick.class, m -> {
          if (running) {
            runAgain = true;
          } else {
            start();
          }
          return Behaviors.same();
        })
        .onMessage(UnroutedNotice.class, m -> {
          ctx.getLog().info("unrouted notice for order {} ({}); reconciling", m.notice().odno(), m.why());
          if (!timers.isTimerActive(TICK_KEY)) {
            timers.startSingleTimer(TICK_KEY, new Tick(), settings.unroutedDelay());
          }
          return Behaviors.same();
        })
        .onMessage(GetLastReport.class, m -> {
          m.replyTo().tell(Optional.ofNullable(last));
          return Behaviors.same();
        })
        .onMessage(UseGateway.class, m -> {
          gateway = m.gateway();
          return Behaviors.same();
        })
        .onMessage(ReportMissedNotices.class, m -> {
          missedNotices = m.subscriber();
          return Behaviors.same();
        })
        .onMessage(ReportRuns.class, m -> {
          runs = m.subscriber();
          return Behaviors.same();
        })
        .onMessage(AccountRead.class, this::onAccount)
        .onMessage(StatesRead.class, this::onStates)
        .build();
  }

  private void start() {
    running = true;
    LocalDate day = clock.instant().atZone(settings.zone()).toLocalDate();
    CompletionStage<AccountSnapshot> snap = rest.inquireBalance()
        .thenCombine(rest.inquireDailyCcld(DailyCcldQuery.day(day)),
            (balance, ccld) -> AccountSnapshots.of(day, clock.instant(), balance, ccld));
    ctx.pipeToSelf(snap, AccountRead::new);
  }

  private Behavior<Command> onAccount(AccountRead m) {
    if (m.failure() != null) {
      return finish(null, m.failure());
    }
    Map<AgentId, ActorRef<Agent.Command>> refs = agents.agents();
    Map<String, ActorRef<Agent.Command>> byName = new TreeMap<>();
    List<CompletableFuture<Map.Entry<String, AgentState>>> asks = new ArrayList<>();
    for (Map.Entry<AgentId, ActorRef<Agent.Command>> e : refs.entrySet()) {
      String id = e.getKey().value();
      byName.put(id, e.getValue());
      CompletionStage<AgentState> s = AskPattern.ask(e.getValue(), Agent.GetState::new, settings.stateTimeout(),
          ctx.getSystem().scheduler());
      asks.add(s.thenApply(st -> Map.entry(id, st)).toCompletableFuture());
    }
    CompletableFuture<Map<String, AgentState>> all = CompletableFuture.allOf(asks.toArray(CompletableFuture[]::new))
        .thenApply(v -> {
          Map<String, AgentState> out = new TreeMap<>();
          asks.forEach(a -> out.put(a.join().getKey(), a.join().getValue()));
          return out;
        });
    ctx.pipeToSelf(all, (states, failure) -> new StatesRead(m.snapshot(), states, byName, failure));
    return Behaviors.same();
  }

  private Behavior<Command> onStates(StatesRead m) {
    if (m.failure() != null) {
      // Without every agent's books, their orders would look external: no run rather than a wrong one.
      return finish(null, m.failure());
    }
    ReconcileReport report = settings.reconciler().reconcile(m.states(), m.snapshot());
    for (Map.Entry<String, ActorRef<Agent.Command>> e : m.refs().entrySet()) {
      // Each inferred fill names the filled quantity it was computed from, so the agent can drop
      // it if a notice counted the same shares meanwhile.
      AgentState read = m.states().get(e.getKey());
      Map<ClientOrderId, Long> filledBefore = new HashMap<>();
      for (AgentEvent event : report.eventsFor(e.getKey())) {
        Optional<Agent.Command> command = toCommand(event);
        if (event instanceof OrderFilled f && read != null) {
          long before = filledBefore.computeIfAbsent(f.orderId(),
              id -> read.order(id).map(Order::filledQuantity).orElse(0L));
          filledBefore.put(f.orderId(), before + f.quantity());
          command = Optional.of(new Agent.BrokerFill(f.orderNo(), f.quantity(), f.price(), f.execKey(), f.execTime(),
              f.source(), before));
        }
        command.ifPresentOrElse(e.getValue()::tell,
            () -> ctx.getLog().warn("no agent command for {}", event.getClass().getSimpleName()));
      }
    }
    if (gateway != null) {
      m.states().forEach((agent, state) -> gateway.tell(new OrderGateway.RegisterOrders(new AgentId(agent),
          ownedNumbers(state, report.eventsFor(agent)))));
    }
    if (missedNotices != null) {
      missedNotices.tell(MissedNotices.of(report));
    }
    if (report.isClean() && report.externalOrders().isEmpty()) {
      ctx.getLog().debug(report.summary());
    } else {
      ctx.getLog().info(report.summary());
      report.drifts().forEach(d -> ctx.getLog().warn("position drift {}: account {} vs agents {}", d.symbol(),
          d.accountQuantity(), d.agentsQuantity()));
    }
    return finish(report, null);
  }

  private Behavior<Command> finish(ReconcileReport report, Throwable failure) {
    if (failure != null) {
      ctx.getLog().warn("reconciliation failed: {}", failure.toString());
    } else {
      last = report;
    }
    String why = failure == null ? null : failure.getClass().getSimpleName() + ": " + failure.getMessage();
    StatusReply<ReconcileReport> reply = failure == null ? StatusReply.success(report)
        : StatusReply.error("reconciliation failed: " + why);
    current.forEach(r -> r.tell(reply));
    if (runs != null) {
      runs.tell(new RunEnded(Optional.ofNullable(report), Optional.ofNullable(why), current.isEmpty()));
    }
    current = next;
    next = new ArrayList<>();
    running = false;
    if (runAgain || !current.isEmpty()) {
      runAgain = false;
      start();
    }
    return Behaviors.same();
  }

  /** Every number of the agent's live orders, including numbers this run's corrections give them. */
  private static Map<OrderNo, ClientOrderId> ownedNumbers(AgentState state, List<AgentEvent> corrections) {
    Map<OrderNo, ClientOrderId> out = new HashMap<>();
    for (Order o : state.openOrders().values()) {
      if (o.orderNo() != null) {
        out.put(o.orderNo(), o.id());
      }
      o.previousOrderNos().forEach(no -> out.put(no, o.id()));
    }
    for (AgentEvent e : corrections) {
      if (e instanceof InDoubtResolved r && r.orderNo().isPresent()) {
        out.put(r.orderNo().get(), r.orderId());
      } else if (e instanceof OrderAccepted a) {
        out.put(a.orderNo(), a.orderId());
      } else if (e instanceof OrderRevised r) {
        out.put(r.newOrderNo(), r.orderId());
      }
    }
    return out;
  }

  /** The agent command that journals {@code event}; the agent stamps its own time and costs. */
  Optional<Agent.Command> toCommand(AgentEvent event) {
    ActorRef<StatusReply<org.apache.pekko.Done>> ignore = ctx.getSystem().ignoreRef();
    if (event instanceof InDoubtResolved e) {
      return Optional.of(new Agent.ResolveInDoubt(e.orderId(), e.orderNo(), e.branchNo(), ignore));
    }
    if (event instanceof OrderAccepted e) {
      return Optional.of(new Agent.BrokerAccepted(e.orderId(), e.orderNo(), e.branchNo(), e.orderTime(), true));
    }
    if (event instanceof OrderFilled e) {
      return Optional.of(new Agent.BrokerFill(e.orderNo(), e.quantity(), e.price(), e.execKey(), e.execTime(),
          e.source()));
    }
    if (event instanceof OrderRevised e) {
      return Optional.of(new Agent.BrokerRevised(e.orderId(), e.newOrderNo(), e.newPrice(), true));
    }
    if (event instanceof OrderCancelled e) {
      return Optional.of(new Agent.BrokerCancelled(e.orderId(), true));
    }
    if (event instanceof ModifyRejected e) {
      return Optional.of(new Agent.BrokerModifyRejected(e.orderId(), e.msgCd(), e.message()));
    }
    if (event instanceof OrderInDoubt e) {
      return Optional.of(new Agent.BrokerInDoubt(e.orderId(), e.cause()));
    }
    if (event instanceof OrderExpired e) {
      // Expires every live order requested on or before that day: KIS kept none of them overnight.
      return Optional.of(new Agent.ExpireWorkingOrders(e.tradingDate(), ctx.getSystem().ignoreRef()));
    }
    if (event instanceof PositionCorrected e) {
      return Optional.of(new Agent.CorrectPosition(e.symbol(), e.newQuantity(), e.newAveragePrice(),
          e.correctionId(), e.detail(), ignore));
    }
    return Optional.empty();
  }
}
