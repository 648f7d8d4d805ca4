package kis.actors.reconcile;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import kis.actors.agent.Agent;
import kis.actors.gateway.OrderGateway;
import kis.adapter.BrokerReport;
import kis.adapter.Decoded;
import kis.adapter.KisAccount;
import kis.adapter.account.AccountOrder;
import kis.adapter.account.AccountSnapshot;
import kis.connector.rest.KisRestClient;
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
 * the current one ends, because the caller wants the account as it is after its request, unless
 * the run has not asked KIS for the account yet (it is still reading the books): then it joins
 * that run, whose account is read after the request; a
 * {@link JoinRun} (an operator's button) gets the run in progress. The {@link AccountWitness}
 * judges every report: the agents on a symbol with an unowned order or drift past its grace are
 * parked ({@code Agent.Park}, journaled), and an operator's {@link BookBackOrders} books unowned
 * orders back into a parked agent. The same actor serves the single-node engine and the cluster.
 */
public final class ReconcilerActor {
  /** Everything the reconciler accepts. */
  public sealed interface Command permits RunNow, JoinRun, BookBackOrders, AcceptCash, UnroutedNotice, GetLastReport,
      ReportMissedNotices, ReportRuns, Tick, StatesBefore, AccountRead, StatesRead, BookedBack {}

  /** Run a reconciliation; the report (or the failure) goes to {@code replyTo}. */
  public record RunNow(ActorRef<StatusReply<ReconcileReport>> replyTo) implements Command {}

  /**
   * The report of the run in progress, or of a new one if none is: for an operator who wants a
   * current answer now (the dashboard's reconcile button), not the account as it is after the
   * request, so under load the answer takes at most one run instead of the rest of this run plus
   * the next (which is what made {@code POST /api/reconcile} time out under 50 agents).
   */
  public record JoinRun(ActorRef<StatusReply<ReconcileReport>> replyTo) implements Command {}

  /**
   * An operator's command: book the orders the account lists today on {@code agent}'s symbols that
   * no agent owns back into {@code agent} ({@link BookBack}), judged by a run that starts after the
   * request. Answered with one line saying what was booked, or why nothing was.
   *
   * @param operator who asked (journaled with the evidence)
   * @param proof a lost tail proven by the journal's own mark (the high-water mark), if the caller
   *     has one; journaled with the evidence. Without it the proof {@code journal repair} recorded
   *     ({@link TailProofs}) is used, and without that the account's evidence alone.
   */
  public record BookBackOrders(AgentId agent, String operator, Optional<String> proof,
      ActorRef<StatusReply<String>> replyTo) implements Command {}

  /**
   * An operator accepts the account's cash as it is now ({@link CashWitness}): a deposit or
   * withdrawal made outside the engine, after which the cash the journals explain is measured from
   * a new baseline, taken at the next run that can be judged (a run starts now). Answered at once
   * with one line saying what was accepted. Agents the cash drift parked stay parked until resumed.
   */
  public record AcceptCash(String operator, ActorRef<StatusReply<String>> replyTo) implements Command {}

  /** A broker report the gateway could not route to an agent; a run follows shortly. */
  public record UnroutedNotice(BrokerReport report, String why) implements Command {}

  /** The last completed run's report, if any. */
  public record GetLastReport(ActorRef<Optional<ReconcileReport>> replyTo) implements Command {}

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
   * @param covered the agents (journal id to the agent asked) a successful run proved whole: they
   *     were in the directory when the run asked KIS for the account, so every order they sent
   *     before registering is in the account it read, and its last read of the books had theirs.
   *     An agent that registers while a run is under way is covered by that run if it registered
   *     before the account was asked for; after that, by the next run. Empty for a failed run.
   */
  public record RunEnded(Optional<ReconcileReport> report, Optional<String> failure, boolean selfStarted,
      Map<AgentId, ActorRef<Agent.Command>> covered) {
    public RunEnded {
      covered = report.isPresent() ? Map.copyOf(covered) : Map.of();
    }

    /** A run that covered no agent. */
    public RunEnded(Optional<ReconcileReport> report, Optional<String> failure, boolean selfStarted) {
      this(report, failure, selfStarted, Map.of());
    }

    public boolean succeeded() {
      return report.isPresent();
    }
  }

  private record Tick() implements Command {}

  private record StatesBefore(Map<String, AgentState> states, Throwable failure) implements Command {}

  /** {@code registered}: the directory when the account was asked for. */
  private record AccountRead(AccountSnapshot snapshot, Map<String, AgentState> before,
      Map<AgentId, ActorRef<Agent.Command>> registered, Throwable failure) implements Command {}

  private record StatesRead(AccountSnapshot snapshot, Map<String, AgentState> before, Map<String, AgentState> states,
      Map<String, ActorRef<Agent.Command>> refs, Map<AgentId, ActorRef<Agent.Command>> registered, Throwable failure)
      implements Command {}

  private record BookedBack(BookBackOrders request, String what, StatusReply<Integer> reply, Throwable failure)
      implements Command {}

  private static final Object TICK_KEY = "tick";

  private final ActorContext<Command> ctx;
  private final KisRestClient rest;
  private final AgentDirectory agents;
  private final ReconcilerSettings settings;
  private final Clock clock;
  private final TimerScheduler<Command> timers;
  private final TailProofs proofs;

  private boolean running;
  /** The run in progress has asked KIS for the account: a request now needs the next run. */
  private boolean accountAsked;
  private List<ActorRef<StatusReply<ReconcileReport>>> current = new ArrayList<>();
  private List<ActorRef<StatusReply<ReconcileReport>>> next = new ArrayList<>();
  private List<BookBackOrders> currentBookBacks = new ArrayList<>();
  private List<BookBackOrders> nextBookBacks = new ArrayList<>();
  private AccountWitness.Memory memory = AccountWitness.Memory.EMPTY;
  private CashWitness.Memory cashMemory = CashWitness.Memory.EMPTY;
  /** An accept arrived during a run: that run's cash verdict is computed from the old baseline. */
  private boolean cashAcceptedDuringRun;
  private boolean runAgain;
  private ReconcileReport last;
  /**
   * Told after each run which agent owns every live order number, so notices for orders it never
   * sent in this process (resolved in-doubt orders, orders from before a restart) go straight to
   * their agent; and asked for the reports no agent claims.
   */
  private final ActorRef<OrderGateway.FromReconciler> gateway;
  private ActorRef<MissedNotices> missedNotices;
  private ActorRef<RunEnded> runs;

  private ReconcilerActor(ActorContext<Command> ctx, TimerScheduler<Command> timers, KisRestClient rest,
      ActorRef<OrderGateway.FromReconciler> gateway, AgentDirectory agents, ReconcilerSettings settings, Clock clock,
      TailProofs proofs) {
    this.ctx = ctx;
    this.gateway = gateway;
    this.proofs = proofs;
    this.timers = timers;
    this.rest = rest;
    this.agents = agents;
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * @param rest the account's REST client (balance and daily orders)
   * @param gateway the order gateway ({@code gateway.narrow()}): told who owns which order numbers,
   *     asked at start for the reports no agent claims
   * @param agents which agents to reconcile, asked at every run
   * @param clock the reconciliation's time (events are recorded at the snapshot's time)
   */
  public static Behavior<Command> create(KisRestClient rest, ActorRef<OrderGateway.FromReconciler> gateway,
      AgentDirectory agents, ReconcilerSettings settings, Clock clock) {
    return create(rest, gateway, agents, settings, clock, TailProofs.NONE);
  }

  /**
   * As {@link #create(KisRestClient, ActorRef, AgentDirectory, ReconcilerSettings, Clock)};
   * {@code proofs} supplies the journal's proof of an agent's lost tail to a book-back that brings none.
   */
  public static Behavior<Command> create(KisRestClient rest, ActorRef<OrderGateway.FromReconciler> gateway,
      AgentDirectory agents, ReconcilerSettings settings, Clock clock, TailProofs proofs) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      if (!settings.interval().isZero()) {
        timers.startTimerWithFixedDelay("periodic", new Tick(), settings.interval());
      }
      gateway.tell(new OrderGateway.WatchUnrouted(ctx.messageAdapter(OrderGateway.Unrouted.class,
          u -> new UnroutedNotice(u.report(), u.why()))));
      return new ReconcilerActor(ctx, timers, rest, gateway, agents, settings, clock, proofs).behavior();
    }));
  }

  private Behavior<Command> behavior() {
    return Behaviors.receive(Command.class)
        .onMessage(RunNow.class, m -> {
          if (running && !accountAsked) {
            // This run asks KIS for the account after the request, which is all a caller asks for:
            // at start the gap fill after connect joins the agents' run instead of waiting for a new one.
            current.add(m.replyTo());
          } else if (running) {
            next.add(m.replyTo());
            runAgain = true;
          } else {
            current.add(m.replyTo());
            start();
          }
          return Behaviors.same();
        })
        .onMessage(JoinRun.class, m -> {
          current.add(m.replyTo());
          if (!running) {
            start();
          }
          return Behaviors.same();
        })
        .onMessage(BookBackOrders.class, m -> {
          if (running) {
            nextBookBacks.add(m);
            runAgain = true;
          } else {
            currentBookBacks.add(m);
            start();
          }
          return Behaviors.same();
        })
        .onMessage(BookedBack.class, this::onBookedBack)
        .onMessage(AcceptCash.class, this::onAcceptCash)
        .onMessage(Tick.class, m -> {
          if (running) {
            runAgain = true;
          } else {
            start();
          }
          return Behaviors.same();
        })
        .onMessage(UnroutedNotice.class, m -> {
          ctx.getLog().info("unrouted {} for order {} ({}); reconciling", m.report().getClass().getSimpleName(),
              m.report().orderNo().map(OrderNo::value).orElse("?"), m.why());
          if (!timers.isTimerActive(TICK_KEY)) {
            timers.startSingleTimer(TICK_KEY, new Tick(), settings.unroutedDelay());
          }
          return Behaviors.same();
        })
        .onMessage(GetLastReport.class, m -> {
          m.replyTo().tell(Optional.ofNullable(last));
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
        .onMessage(StatesBefore.class, this::onStatesBefore)
        .onMessage(AccountRead.class, this::onAccount)
        .onMessage(StatesRead.class, this::onStates)
        .build();
  }

  /**
   * A run reads the agents' states, the account, then the states again: a symbol whose books moved
   * between the two reads had fills in flight, which explains a difference on it this run.
   */
  private void start() {
    running = true;
    Map<String, ActorRef<Agent.Command>> byName = new TreeMap<>();
    ctx.pipeToSelf(readStates(byName), StatesBefore::new);
  }

  private Behavior<Command> onStatesBefore(StatesBefore m) {
    if (m.failure() != null) {
      return finish(null, m.failure());
    }
    LocalDate day = clock.instant().atZone(settings.zone()).toLocalDate();
    // Who was registered before the account is asked for: only their orders are all in its answer.
    Map<AgentId, ActorRef<Agent.Command>> registered = Map.copyOf(agents.agents());
    accountAsked = true;
    CompletionStage<AccountSnapshot> snap = rest.inquireBalance()
        .thenCombine(rest.inquireDailyCcld(KisAccount.todaysOrders(day)),
            (balance, ccld) -> readable(KisAccount.of(day, clock.instant(), balance, ccld)));
    ctx.pipeToSelf(snap, (s, failure) -> new AccountRead(s, m.states(), registered, failure));
    return Behaviors.same();
  }

  /** An account the adapter could not read fails the run: a partial account is never reconciled against. */
  private static AccountSnapshot readable(Decoded<AccountSnapshot> account) {
    if (account instanceof Decoded.Refused<AccountSnapshot> r) {
      throw new IllegalStateException("account not readable (" + r.code() + "): " + r.why());
    }
    return ((Decoded.Known<AccountSnapshot>) account).value();
  }

  private Behavior<Command> onAccount(AccountRead m) {
    if (m.failure() != null) {
      return finish(null, m.failure());
    }
    Map<String, ActorRef<Agent.Command>> byName = new TreeMap<>();
    ctx.pipeToSelf(readStates(byName),
        (states, failure) -> new StatesRead(m.snapshot(), m.before(), states, byName, m.registered(), failure));
    return Behaviors.same();
  }

  /** Every agent's state, asked now; {@code byName} is filled with the agents asked. */
  private CompletableFuture<Map<String, AgentState>> readStates(Map<String, ActorRef<Agent.Command>> byName) {
    Map<AgentId, ActorRef<Agent.Command>> refs = agents.agents();
    List<CompletableFuture<Map.Entry<String, AgentState>>> asks = new ArrayList<>();
    for (Map.Entry<AgentId, ActorRef<Agent.Command>> e : refs.entrySet()) {
      String id = e.getKey().value();
      byName.put(id, e.getValue());
      CompletionStage<AgentState> s = AskPattern.ask(e.getValue(), Agent.GetState::new, settings.stateTimeout(),
          ctx.getSystem().scheduler());
      asks.add(s.thenApply(st -> Map.entry(id, st)).toCompletableFuture());
    }
    return CompletableFuture.allOf(asks.toArray(CompletableFuture[]::new))
        .thenApply(v -> {
          Map<String, AgentState> out = new TreeMap<>();
          asks.forEach(a -> out.put(a.join().getKey(), a.join().getValue()));
          return out;
        });
  }

  private Behavior<Command> onStates(StatesRead m) {
    if (m.failure() != null) {
      // Without every agent's books, their orders would look external: no run rather than a wrong one.
      return finish(null, m.failure());
    }
    EarlierOrders earlier = agents.earlierOrders(m.snapshot().tradingDate());
    AccountWitness.Verdict verdict = settings.witness().judge(
        settings.reconciler().reconcile(m.states(), m.snapshot(), earlier.byNumber().keySet()),
        m.before(), m.states(), memory, m.snapshot().takenAt(), earlier);
    memory = verdict.memory();
    CashWitness.Verdict cash = settings.cashWitness().judge(verdict.report(), m.snapshot(), m.before(), m.states(),
        cashMemory);
    cashMemory = cashAcceptedDuringRun ? cash.memory().accepted() : cash.memory();
    cashAcceptedDuringRun = false;
    ReconcileReport report = verdict.report().withCash(cash).withAccountCash(m.snapshot().cash());
    Map<String, String> park = new TreeMap<>(verdict.park());
    cash.park().forEach(park::putIfAbsent);
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
    m.states().forEach((agent, state) -> gateway.tell(new OrderGateway.RegisterOrders(new AgentId(agent),
        ownedNumbers(state, report.eventsFor(agent)))));
    if (missedNotices != null) {
      missedNotices.tell(MissedNotices.of(report));
    }
    if (report.isClean() && report.externalOrders().isEmpty()) {
      ctx.getLog().debug(report.summary());
    } else {
      ctx.getLog().info(report.summary());
      report.alarms().forEach(a -> ctx.getLog().warn("reconcile: {}", a));
    }
    park.forEach((agent, why) -> {
      ActorRef<Agent.Command> ref = m.refs().get(agent);
      if (ref != null) {
        ctx.getLog().warn("parking agent {}: {}", agent, why);
        ref.tell(new Agent.Park(why, ctx.getSystem().ignoreRef()));
      }
    });
    currentBookBacks.forEach(b -> bookBack(b, report, m));
    currentBookBacks = new ArrayList<>();
    Map<AgentId, ActorRef<Agent.Command>> covered = new HashMap<>();
    m.registered().forEach((id, ref) -> {
      if (ref.equals(m.refs().get(id.value()))) {
        covered.put(id, ref); // registered before the account was asked, the same agent read last
      }
    });
    return finish(report, null, covered);
  }

  private Behavior<Command> onAcceptCash(AcceptCash m) {
    String was = Optional.ofNullable(last).flatMap(r -> r.cashDrift().or(r::pendingCash)).map(CashDrift::describe)
        .orElse("no cash difference in the last run");
    cashMemory = cashMemory.accepted();
    cashAcceptedDuringRun = running;
    ctx.getLog().warn("cash accepted by {}: a new baseline at the next judged run (was: {})", m.operator(), was);
    m.replyTo().tell(StatusReply.success("cash accepted by " + m.operator() + ": the next reconcile run that can be"
        + " judged takes a new baseline (last run: " + was + "); agents parked for cash stay parked until resumed"));
    if (running) {
      runAgain = true;
    } else {
      start();
    }
    return Behaviors.same();
  }

  /** Books the unowned orders on the agent's symbols back into it, as this run found them. */
  private void bookBack(BookBackOrders b, ReconcileReport report, StatesRead m) {
    String agent = b.agent().value();
    ActorRef<Agent.Command> ref = m.refs().get(agent);
    if (ref == null) {
      b.replyTo().tell(StatusReply.error("no running agent " + agent));
      return;
    }
    List<UnownedOrders> mine = report.unowned().stream().filter(u -> u.agents().contains(agent)).toList();
    if (mine.isEmpty()) {
      b.replyTo().tell(StatusReply.error("the reconcile run at " + m.snapshot().takenAt()
          + " found no order without an owner on " + agent + "'s symbols: nothing to book back"));
      return;
    }
    List<AccountOrder> rows = mine.stream().flatMap(u -> u.orders().stream()).toList();
    String symbols = String.join(", ", mine.stream().map(u -> u.symbol().code()).toList());
    String evidence = "asked by " + b.operator() + "; reconcile run at " + m.snapshot().takenAt() + " (trading day "
        + m.snapshot().tradingDate() + ") found " + rows.size() + " account row(s) no agent owns on " + symbols
        + "; lost-tail proof: " + b.proof().or(() -> proofs.proof(b.agent(), m.snapshot().tradingDate()))
            .orElse("none, account evidence only");
    String what = rows.size() + " account row(s) on " + symbols;
    ctx.pipeToSelf(AskPattern.<Agent.Command, StatusReply<Integer>>ask(ref,
            r -> new Agent.BookBack(rows, m.snapshot().tradingDate(), evidence, r), settings.stateTimeout(),
            ctx.getSystem().scheduler()),
        (reply, failure) -> new BookedBack(b, what, reply, failure));
  }

  private Behavior<Command> onBookedBack(BookedBack m) {
    String agent = m.request().agent().value();
    if (m.failure() != null) {
      m.request().replyTo().tell(StatusReply.error(agent + " did not answer the book-back: " + m.failure()));
    } else if (m.reply().isError()) {
      m.request().replyTo().tell(StatusReply.error(agent + " refused the book-back: " + m.reply().getError().getMessage()));
    } else {
      int n = m.reply().getValue();
      ctx.getLog().warn("booked {} order(s) back into {} from {} on {}'s command", n, agent, m.what(),
          m.request().operator());
      m.request().replyTo().tell(StatusReply.success(n == 0 ? agent + " already knows " + m.what()
          : "booked " + n + " order(s) back into " + agent + " from " + m.what()
              + "; the agent stays parked until resumed"));
    }
    return Behaviors.same();
  }

  private Behavior<Command> finish(ReconcileReport report, Throwable failure) {
    return finish(report, failure, Map.of());
  }

  private Behavior<Command> finish(ReconcileReport report, Throwable failure,
      Map<AgentId, ActorRef<Agent.Command>> covered) {
    if (failure != null) {
      ctx.getLog().warn("reconciliation failed: {}", failure.toString());
      String why = failure.getClass().getSimpleName() + ": " + failure.getMessage();
      currentBookBacks.forEach(b -> b.replyTo().tell(StatusReply.error("no book-back, the run failed: " + why)));
      currentBookBacks = new ArrayList<>();
    } else {
      last = report;
    }
    String why = failure == null ? null : failure.getClass().getSimpleName() + ": " + failure.getMessage();
    StatusReply<ReconcileReport> reply = failure == null ? StatusReply.success(report)
        : StatusReply.error("reconciliation failed: " + why);
    current.forEach(r -> r.tell(reply));
    if (runs != null) {
      runs.tell(new RunEnded(Optional.ofNullable(report), Optional.ofNullable(why), current.isEmpty(), covered));
    }
    current = next;
    next = new ArrayList<>();
    currentBookBacks = nextBookBacks;
    nextBookBacks = new ArrayList<>();
    running = false;
    accountAsked = false;
    if (runAgain || !current.isEmpty() || !currentBookBacks.isEmpty()) {
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
