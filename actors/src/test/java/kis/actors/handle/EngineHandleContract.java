package kis.actors.handle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import kis.journal.AgentId;
import kis.journal.Symbol;
import kis.journal.state.OrderStatus;
import kis.sim.FaultControl;
import kis.sim.KisSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What {@link EngineHandle} promises, whatever the profile: every control means the same thing on
 * a single node and in the cluster (DASHBOARD.md, "What each control does"). Run once per profile
 * by a tiny subclass that starts a real engine against kis-sim on loopback with {@link #AGENTS}.
 * The tests share one engine and each uses agents of its own; the kill switch's test resets it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class EngineHandleContract {
  /** Long enough for a loaded machine's first token and first reconciliation. */
  protected static final Duration WAIT = Duration.ofSeconds(90);
  protected static final String BY = "contract";

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
      ]
      """;

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

  @Test
  void pauseIsAHostPauseThatPlacesNothingNewAndJournalsNothing() {
    AgentId id = new AgentId("bid");
    await("bid rests an order", () -> view(id), v -> !v.books().openOrders().isEmpty());
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
    rollDay(LocalDate.now(ZoneId.of("Asia/Seoul")));
    AgentView rolled = await("its working order expired", () -> view(id), v -> v.books().openOrders().isEmpty());
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
    await("all six listed", () -> get(handle().agents()), l -> l.size() == 6);
    assertTrue(get(handle().books(new AgentId("nobody"))).isEmpty());
    assertFalse(get(handle().park(new AgentId("nobody"), BY)).done());
    assertFalse(get(handle().cancelWorking(new AgentId("nobody"), BY)).done());
  }

  /** One agent's books, asked now. */
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
