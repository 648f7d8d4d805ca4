package kis.actors.handle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import kis.actors.gateway.GatewayState;
import kis.actors.live.BooksEqualTheAccount;
import kis.journal.AgentId;
import kis.journal.ClientOrderId;
import kis.journal.OrderSpec;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.event.AgentEvent;
import kis.journal.state.AgentState;
import kis.journal.state.Order;
import kis.journal.state.OrderStatus;
import kis.sim.FaultControl;
import kis.sim.KisSimulator;
import kis.sim.OrderLog;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What {@link EngineHandle} promises, whatever the profile: every control means the same thing on
 * a single node and in the cluster (DASHBOARD.md, "What each control does"). Run once per profile
 * by a tiny subclass that starts a real engine against kis-sim on loopback with {@link #AGENTS}.
 * The tests share one engine and each uses agents of its own; the kill switch's test resets it.
 * The shutdown case runs last: it stops the engine and starts it again on the same data.
 *
 * <p>The engine runs on {@link #clock}, not the system clock: pinned to {@link #PINNED_START}, the
 * simulator's own start ({@link #SIM_SETTINGS}), so engine, simulator and test agree on the trading
 * day whatever the wall clock says. Subclasses start the simulator with {@link #SIM_SETTINGS}, then
 * {@code clock.start(sim.now().toInstant())}, and hand {@code clock} to the engine's set-up.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(EngineHandleContract.ShutdownLast.class)
public abstract class EngineHandleContract {
  /** Long enough for a loaded machine's first token and first reconciliation. */
  protected static final Duration WAIT = Duration.ofSeconds(90);
  protected static final String BY = "contract";
  /** A Wednesday morning in Seoul, KRX open: the day the engine and the simulator both trade. */
  protected static final LocalDateTime PINNED_START = LocalDateTime.parse("2026-03-04T10:00:00");
  /** The simulator both profiles trade with, its market clock starting at {@link #PINNED_START}. */
  protected static final String SIM_SETTINGS = "kis-sim { tick-interval = 100ms, rate-limit-per-second = -1,"
      + " session-mode = ALWAYS_OPEN, token-reissue-interval = 0s, session-start = \"" + PINNED_START + "\"\n"
      // The default six stocks, and one only the shutdown case's agent trades.
      + """
        universe = [
          { code = "005930", name = "삼성전자", base-price = 71000, volatility = 0.28, floating-shares = 5969782550 }
          { code = "005935", name = "삼성전자우", base-price = 58500, volatility = 0.24, floating-shares = 822886700 }
          { code = "000660", name = "SK하이닉스", base-price = 128500, volatility = 0.40, floating-shares = 728002365 }
          { code = "035420", name = "NAVER", base-price = 185000, volatility = 0.35, floating-shares = 158437008 }
          { code = "035720", name = "카카오", base-price = 42150, volatility = 0.38, floating-shares = 442912466 }
          { code = "005380", name = "현대차", base-price = 235000, volatility = 0.30, floating-shares = 209416191 }
          { code = "051910", name = "LG화학", base-price = 350000, volatility = 0.30, floating-shares = 70592343 }
        ]
      }
      """;
  /** The engine's clock (both profiles; every node of the cluster): see the class comment. */
  protected final ContractClock clock = new ContractClock(PINNED_START.atZone(ZoneId.of("Asia/Seoul")).toInstant());

  /** The engine's agents: resting bids to pause, cancel and kill, and buyers that hold a position. */
  public static final String AGENTS = """
      kis-trader.agents = [
        { id = bid, symbol = "005930", strategy { name = kis.actors.handle.RestingBid,
            params { symbol = "005930", price = 56800 } } }
        { id = killed, symbol = "035420", strategy { name = kis.actors.handle.RestingBid,
            params { symbol = "035420", price = 148000 } } }
        { id = parked, symbol = "000660", strategy { name = kis.actors.handle.BuyOnce,
            params { symbol = "000660", quantity = 2 } } }
        { id = fresh, symbol = "035720", strategy { name = kis.actors.handle.BuyOnce,
            params { symbol = "035720", quantity = 3 } } }
        { id = rolled, symbol = "005935", strategy { name = kis.actors.handle.RestingBid,
            params { symbol = "005935", price = 50000 } } }
        { id = damaged, symbol = "005380", strategy { name = kis.actors.handle.RestingBid,
            params { symbol = "005380", price = 188000 } } }
        { id = inflight, symbol = "051910", strategy { name = kis.actors.handle.Idle,
            params { symbol = "051910" } } }
      ]
      """;
  /** How many agents {@link #AGENTS} configures. */
  protected static final int AGENT_COUNT = 7;

  /** The handle under test, over an engine running {@link #AGENTS}. */
  protected abstract EngineHandle handle();

  /** The simulator the engine trades with. */
  protected abstract KisSimulator sim();

  /** The engine's own day roll for {@code tradingDay}, as its session-end timer sends it. */
  protected abstract void rollDay(LocalDate tradingDay);

  /**
   * Records, where the agent runs, that the recovery of {@code journalId} gave up
   * ({@code RecoveryGiveUps}, as the agent does after {@code max-recovery-failures}).
   */
  protected abstract void recoveryGaveUp(AgentId journalId, String why);

  /**
   * Places an order on the agent {@code id} directly ({@code Agent.PlaceOrder}), as its strategy
   * host would, past a host pause: completes with the order's id once {@code OrderRequested} is
   * journaled and the order handed to the account's order flow.
   */
  protected abstract CompletionStage<ClientOrderId> placeDirectly(AgentId id, OrderSpec spec);

  /**
   * Runs the engine's coordinated shutdown as SIGTERM does: on a single node the whole engine's
   * ({@code EngineShutdown}); in the cluster that of the node running the account singleton
   * ({@code NodeShutdown}, the handle's node stays up). Completes once that engine or node is down,
   * with its order-flow step's line(s) and the {@link #clock} instant from which it promises that no
   * order is left sent but unrecorded: the engine's end on a single node, the end of the order-flow
   * step in the cluster (its agents then move to the other node and trade on).
   */
  protected abstract CompletionStage<Stopped> shutDown();

  /**
   * Starts again on the same data after {@link #shutDown}, returning once {@link #handle()} answers
   * for the restarted engine: on a single node a new engine on the same data dir; in the cluster the
   * account singleton and the stopped node's agents recovered on the remaining node from PostgreSQL.
   */
  protected abstract void restart() throws Exception;

  /** Every event of the journal {@code journalId}, as the running engine's journal holds it now. */
  protected abstract List<AgentEvent> journal(AgentId journalId) throws Exception;

  /**
   * JUnit's default order for every case (the order the suite has always run in), except that a
   * case with {@code @Order} runs after the others (the shutdown case stops the shared engine).
   */
  public static final class ShutdownLast implements MethodOrderer {
    @Override
    public void orderMethods(org.junit.jupiter.api.MethodOrdererContext context) {
      // List.sort is stable: the unannotated cases keep the default order they come in.
      context.getMethodDescriptors().sort(java.util.Comparator.comparingInt(d -> d.findAnnotation(
          org.junit.jupiter.api.Order.class).map(o -> 1).orElse(0)));
    }
  }

  /** What {@link #shutDown} saw: its step lines and when the order flow was settled. */
  public record Stopped(List<String> steps, Instant settledAt) {}

  @Test
  void pauseIsAHostPauseThatPlacesNothingNewAndJournalsNothing() {
    AgentId id = new AgentId("bid");
    // Acknowledged by KIS (an order number): an order still on its way has nothing to cancel yet.
    // And still open at KIS: if the day-roll case closed the simulator's day by hand, an order on
    // its way then (the engine's roll leaves it to its answer) may have been expired there, until
    // the reconciler books that.
    await("bid rests an acknowledged order open at KIS", () -> view(id), v -> !v.books().openOrders().isEmpty()
        && v.books().openOrders().values().stream().allMatch(o -> o.orderNo() != null
            && openAtKis(o.orderNo().value())));
    assertTrue(get(handle().pause(id, true, BY)).done());
    AgentView paused = get(handle().books(id)).orElseThrow();
    assertTrue(paused.paused(), "the host pauses");
    assertFalse(paused.books().parked(), "a pause is not a journaled park");
    // One CancelAllWorking: every working order gets its cancel, and the paused host places no new one.
    ControlOutcome cancel = get(handle().cancelWorking(id, BY));
    assertTrue(cancel.done(), cancel.message());
    assertEquals("1 cancel(s) sent", cancel.message());
    await("its order cancelled", () -> view(id), v -> v.books().openOrders().isEmpty());
    long seq = view(id).books().nextOrderSeq();
    assertTrue(get(handle().pause(id, false, BY)).done());
    await("unpaused, it rests a new bid", () -> view(id),
        v -> !v.paused() && v.books().nextOrderSeq() > seq && !v.books().openOrders().isEmpty());
  }

  @Test
  void parkIsJournaledAndResumeLiftsIt() {
    AgentId id = new AgentId("parked");
    await("parked holds its shares", () -> view(id), v -> position(v, "000660") == 2);
    ControlOutcome park = get(handle().park(id, BY));
    assertTrue(park.done(), park.message());
    AgentView parked = view(id);
    assertTrue(parked.books().parked(), "journaled");
    assertFalse(parked.paused(), "a park is not a host pause");
    ControlOutcome resume = get(handle().resume(id, BY));
    assertTrue(resume.done(), resume.message());
    assertFalse(view(id).books().parked());
  }

  @Test
  void freshStartIsRefusedUnlessParkedAndWhileHoldingUnlessHandedOver() {
    AgentId id = new AgentId("fresh");
    await("fresh holds its shares", () -> view(id), v -> position(v, "035720") == 3 && v.books().openOrders().isEmpty());
    ControlOutcome notParked = get(handle().freshStart(id, BY, false));
    assertFalse(notParked.done());
    assertTrue(notParked.message().contains("park it first"), notParked.message());
    assertTrue(get(handle().park(id, BY)).done());
    ControlOutcome holding = get(handle().freshStart(id, BY, false));
    assertFalse(holding.done(), "refused while it holds a position: " + holding.message());
    ControlOutcome handedOver = get(handle().freshStart(id, BY, true));
    assertTrue(handedOver.done(), handedOver.message());
    assertTrue(handedOver.message().contains("fresh.g1"), handedOver.message());
    AgentView after = await("on its new journal", () -> view(id), v -> v.journalId().value().equals("fresh.g1"));
    assertEquals(3, position(after, "035720"), "the new journal starts holding the old position");
    assertFalse(after.books().parked());
    assertTrue(get(handle().agents()).stream().noneMatch(v -> v.journalId().value().equals("fresh")),
        "the old journal is no longer one of the engine's agents");
  }

  @Test
  void theKillSwitchCancelsWorkingOrdersDeniesNewOnesUntilReset() {
    AgentId id = new AgentId("killed");
    await("killed rests an order", () -> view(id), v -> !v.books().openOrders().isEmpty());
    ControlOutcome on = get(handle().killSwitch(true, "contract test", BY));
    assertTrue(on.done(), on.message());
    assertTrue(get(handle().account()).killSwitch().engaged());
    AgentView cancelled = await("its working order cancelled", () -> view(id), v -> v.books().openOrders().isEmpty());
    long seq = cancelled.books().nextOrderSeq();
    ControlOutcome off = get(handle().killSwitch(false, "", BY));
    assertTrue(off.done(), off.message());
    assertFalse(get(handle().account()).killSwitch().engaged());
    await("reset, it rests a new bid", () -> view(id), v -> v.books().nextOrderSeq() > seq);
  }

  @Test
  void aFailedReconciliationIsShownAndASuccessClearsTheRun() {
    await("a first reconciliation", () -> get(handle().account()), a -> a.reconcile().at().isPresent());
    long before = get(handle().account()).reconcile().failures();
    sim().faults().failRest(FaultControl.RestFault.HTTP_500, false, 1000, "inquire-daily-ccld");
    try {
      // A run already past its reads when the fault was set may still answer; the next one fails.
      ControlOutcome failed = await("a reconciliation that fails", () -> get(handle().reconcileNow(BY)),
          o -> !o.done());
      assertFalse(failed.message().isEmpty());
      AccountView account = await("the failure shown", () -> get(handle().account()),
          a -> a.reconcile().failures() > before);
      assertTrue(account.reconcile().lastFailure().isPresent());
      assertTrue(account.reconcile().lastFailureAt().isPresent());
      assertTrue(account.reconcile().consecutiveFailures() >= 1);
    } finally {
      sim().faults().failRest(FaultControl.RestFault.HTTP_500, false, 0, "inquire-daily-ccld");
    }
    await("a run that succeeds again", () -> {
      get(handle().reconcileNow(BY));
      return get(handle().account());
    }, a -> a.reconcile().consecutiveFailures() == 0);
  }

  @Test
  void anOperatorsCashAcceptIsAnsweredAndReconcilesNameTheCashVerdict() {
    await("a first reconciliation", () -> get(handle().account()), a -> a.reconcile().at().isPresent());
    ControlOutcome accepted = get(handle().acceptCash(BY));
    assertTrue(accepted.done(), accepted.message());
    assertTrue(accepted.message().contains("cash accepted by " + BY), accepted.message());
    ControlOutcome run = await("a reconciliation after the accept", () -> get(handle().reconcileNow(BY)),
        ControlOutcome::done);
    assertTrue(run.message().contains("cash"), run.message());
  }

  @Test
  void theDayRollExpiresTheDaysWorkingOrders() {
    AgentId id = new AgentId("rolled");
    // An order placed after the last kill-switch reset (another test may have engaged it): no
    // cancel of that engagement can still reach it, so only the day roll ends it.
    java.time.Instant reset = get(handle().account()).killSwitch().resetAt();
    AgentView resting = await("rolled rests an order", () -> view(id), v -> v.books().openOrders().values().stream()
        .anyMatch(o -> o.status() == OrderStatus.WORKING && (reset == null || o.requestedAt().isAfter(reset))));
    kis.journal.ClientOrderId working = resting.books().openOrders().values().stream()
        .filter(o -> o.status() == OrderStatus.WORKING && (reset == null || o.requestedAt().isAfter(reset)))
        .findFirst().orElseThrow().id();
    // Paused, it places nothing new after its order expired.
    assertTrue(get(handle().pause(id, true, BY)).done());
    rollDay(clock.today());
    AgentView rolled = await("its working order expired", () -> view(id), v -> v.books().openOrders().isEmpty());
    // The exchange closes the day too (the roll is by hand here, the exchange's clock has not moved):
    // every order the roll expired in the books is gone at KIS, so the later reconciliations (and
    // their cash witness) find the books equal to the account instead of parking an agent.
    sim().expireOpenOrders();
    assertEquals(OrderStatus.EXPIRED, rolled.books().order(working).orElseThrow().status(),
        "journaled as expired: " + rolled.books().closedOrders());
  }

  @Test
  void anAgentWhoseRecoveryGaveUpIsShownDamaged() {
    AgentId id = new AgentId("damaged");
    await("damaged listed running", () -> view(id), v -> v.running() && !v.damaged());
    recoveryGaveUp(id, "recovery failed 3 times in a row");
    AgentView shown = await("shown damaged", () -> get(handle().agents()).stream().filter(v -> v.named(id))
        .findFirst().orElseThrow(), AgentView::damaged);
    assertEquals("recovery failed 3 times in a row", shown.damage().orElseThrow());
    assertFalse(shown.running());
  }

  @Test
  void everyConfiguredAgentIsListedWithItsBooksAndAnUnknownOneIsRefused() {
    await("all " + AGENT_COUNT + " listed", () -> get(handle().agents()), l -> l.size() == AGENT_COUNT);
    assertTrue(get(handle().books(new AgentId("nobody"))).isEmpty());
    assertFalse(get(handle().park(new AgentId("nobody"), BY)).done());
    assertFalse(get(handle().cancelWorking(new AgentId("nobody"), BY)).done());
  }

  /**
   * With an order sent and its reply held by the exchange, the coordinated shutdown closes the order
   * flow first (a new order is refused {@code ENGINE_STOPPING} and journaled as never sent), waits
   * until the order in flight is answered or marked in doubt, and leaves no journal with an order
   * sent but unrecorded. Started again on the same data, the order is known by its number at the
   * exchange (sent once, never again) and the books equal the account.
   */
  @Test
  @org.junit.jupiter.api.Order(Integer.MAX_VALUE)
  void aShutdownClosesTheOrderFlowFirstAndLeavesNothingInFlightAndARestartFindsTheBooksEqualToTheAccount()
      throws Exception {
    AgentId id = new AgentId("inflight");
    Symbol symbol = Symbol.of("051910");
    // Every strategy paused: the orders in flight from here are this test's own. (An agent shown
    // damaged shows the last books it showed, so only a running one is asked to be quiet.)
    List<AgentView> all = await("every agent listed", () -> get(handle().agents()), l -> l.size() == AGENT_COUNT);
    for (AgentView v : all) {
      ControlOutcome paused = get(handle().pause(v.configuredId(), true, BY));
      assertTrue(paused.done() || !v.running(), v.configuredId() + ": " + paused.message());
    }
    await("no order on its way", () -> get(handle().agents()),
        l -> l.stream().allMatch(v -> !v.running() || v.books().ordersIn(OrderStatus.REQUESTED).isEmpty()));
    // The exchange applies the next order but holds its reply past the connector's order timeout.
    int heldBefore = applied(symbol, OrderLog.Outcome.FAULT_APPLIED);
    sim().faults().restTimeout(Duration.ofMinutes(5));
    sim().faults().failRest(FaultControl.RestFault.TIMEOUT, true, 1, "order-cash");
    Stopped stopped;
    ClientOrderId held;
    Instant began;
    try {
      held = get(placeDirectly(id, OrderSpec.limit(symbol, Side.BUY, 1, 300_000)));
      await("the order at the exchange, its reply held", () -> applied(symbol, OrderLog.Outcome.FAULT_APPLIED),
          n -> n > heldBefore);
      began = clock.instant();
      CompletableFuture<Stopped> stopping = shutDown().toCompletableFuture();
      // Placed while the engine stops: sent only if it beat the closing flow (then answered at once);
      // once the flow is closed, refused and journaled as never sent.
      Order refused = await("an order refused because the engine stops", () -> {
        ClientOrderId probe = get(placeDirectly(id, OrderSpec.limit(symbol, Side.BUY, 1, 299_500)));
        return await("its answer", () -> view(id).books().order(probe).orElseThrow(),
            o -> o.status() != OrderStatus.REQUESTED);
      }, o -> o.status() == OrderStatus.REJECTED);
      assertTrue(refused.lastMessage().startsWith(GatewayState.ENGINE_STOPPING), refused.lastMessage());
      stopped = get(stopping);
    } finally {
      sim().faults().failRest(FaultControl.RestFault.HTTP_500, false, 0, "order-cash");
      sim().faults().restTimeout(Duration.ofSeconds(30)); // the simulator's default
    }
    assertFalse(stopped.steps().isEmpty(), "the order-flow step ran");
    stopped.steps().forEach(line -> assertFalse(line.contains("not done within") || line.contains("not settled"),
        "the order flow settled within its bound: " + stopped.steps()));

    restart();
    // Each journal as it stood when the shutdown had settled the order flow: nothing sent but unrecorded.
    List<AgentView> restarted = await("every agent back", () -> get(handle().agents()), l -> l.size() == AGENT_COUNT);
    for (AgentView v : restarted) {
      List<AgentEvent> events = journal(v.journalId());
      AgentState then = AgentState.fold(v.journalId().value(), events.stream()
          .filter(e -> !e.recordedAt().isAfter(stopped.settledAt())).toList());
      assertEquals(List.of(), then.ordersIn(OrderStatus.REQUESTED), v.journalId() + " left an order sent but unrecorded");
      if (v.named(id)) {
        Order inFlight = then.order(held).orElseThrow();
        String story = "began " + began + ", settled " + stopped.settledAt() + ": " + events.stream()
            .filter(e -> e instanceof kis.journal.event.OrderEvent o && o.orderId().equals(held)).toList();
        // Its reply never comes: marked in doubt when the call timed out, or found in the account
        // by a reconciliation first (single node and cluster may see either, by timing).
        assertTrue(inFlight.status() == OrderStatus.IN_DOUBT
            || inFlight.status() == OrderStatus.WORKING && inFlight.orderNo() != null,
            "the order in flight was marked in doubt or answered from the account; " + story);
        assertTrue(inFlight.updatedAt().isAfter(began), "settled during the shutdown, not before it began; " + story);
      }
    }
    // The restarted engine's reconciler finds the order at the exchange (if none had); it was sent once.
    Order resolved = await("the order in doubt resolved", () -> view(id).books().order(held).orElseThrow(),
        o -> o.status() == OrderStatus.WORKING && o.orderNo() != null);
    assertEquals(heldBefore + 1, applied(symbol, OrderLog.Outcome.FAULT_APPLIED), "sent once, never re-sent");
    List<AgentView> settled = await("no order in doubt or on its way", () -> get(handle().agents()),
        l -> l.stream().allMatch(v -> !v.running() || v.books().ordersIn(OrderStatus.IN_DOUBT).isEmpty()
            && v.books().ordersIn(OrderStatus.REQUESTED).isEmpty()));
    Map<String, AgentState> books = new HashMap<>();
    settled.forEach(v -> books.put(v.journalId().value(), v.books()));
    BooksEqualTheAccount.positions(sim(), books, "held order " + resolved.orderNo() + "; books " + books.keySet());
  }

  /** How many order requests for {@code symbol} the simulator logged with {@code outcome}. */
  private int applied(Symbol symbol, OrderLog.Outcome outcome) {
    return sim().orderLog().entries(e -> e.outcome() == outcome && e.body().contains(symbol.code())).size();
  }

  /** One agent's books, asked now. */
  /** Whether the simulator's account has order {@code odno} open (not filled, cancelled or expired). */
  private boolean openAtKis(String odno) {
    return sim().account().orders().stream().anyMatch(r -> r.odno().equals(odno) && r.remainingQty() > 0
        && !r.expired());
  }

  protected AgentView view(AgentId id) {
    return get(handle().books(id)).orElseThrow(() -> new AssertionError("no agent " + id));
  }

  private static long position(AgentView v, String symbol) {
    return v.books().position(Symbol.of(symbol)).quantity();
  }

  protected static <T> T get(CompletionStage<T> s) {
    try {
      return s.toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("no answer: " + e, e);
    }
  }

  /** Asks {@code read} until {@code until} holds (bounded by {@link #WAIT}); the last answer. */
  protected static <T> T await(String what, Supplier<T> read, Predicate<T> until) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    T last = null;
    Throwable failure = null;
    while (System.nanoTime() < deadline) {
      try {
        last = read.get();
        if (until.test(last)) {
          return last;
        }
      } catch (RuntimeException | AssertionError e) {
        failure = e;
      }
      java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200)); // polling pace
    }
    throw new AssertionError("timed out waiting for " + what + "; last: " + last
        + (failure == null ? "" : " (" + failure + ")"));
  }
}
