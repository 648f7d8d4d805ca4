package kis.actors.reconcile;

import static kis.actors.reconcile.ReconcilerTest.COSTS;
import static kis.actors.reconcile.ReconcilerTest.HYNIX;
import static kis.actors.reconcile.ReconcilerTest.SAMSUNG;
import static kis.actors.reconcile.ReconcilerTest.account;
import static kis.actors.reconcile.ReconcilerTest.at;
import static kis.actors.reconcile.ReconcilerTest.row;
import static kis.actors.reconcile.ReconcilerTest.states;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kis.actors.reconcile.ReconcilerTest.Agent;
import kis.adapter.account.AccountOrder;
import kis.adapter.account.AccountSnapshot;
import kis.adapter.account.Holding;
import kis.journal.Side;
import kis.journal.event.AgentParked;
import kis.journal.event.PositionCorrected;
import kis.journal.state.AgentState;
import org.junit.jupiter.api.Test;

/** The witness's decisions: what is an alarm, what parks whom, when a difference becomes drift. */
class AccountWitnessTest {
  final Reconciler reconciler = Reconciler.withDefaults(COSTS);
  final AccountWitness witness = new AccountWitness(2, Duration.ofSeconds(30));

  /** a1 bought 4 Samsung under order 100, filled. */
  static Agent a1() {
    return new Agent("a1").requested(1, Side.BUY, SAMSUNG, 4, 70_000, at("10:00:00")).accepted(1, 100, at("10:00:00"))
        .filled(1, 100, Side.BUY, SAMSUNG, 4, 70_000, "n1", at("10:00:01"));
  }

  static AccountOrder ownRow() {
    return row(100, Side.BUY, SAMSUNG, 4, 70_000, "10:00:00", 4, 280_000, 0, 0);
  }

  AccountWitness.Verdict judge(Map<String, AgentState> before, Map<String, AgentState> after, AccountSnapshot acct,
      AccountWitness.Memory memory) {
    return witness.judge(reconciler.reconcile(after, acct), before, after, memory, acct.takenAt());
  }

  @Test
  void anOrderNoAgentOwnsOnATradedSymbolIsAnAlarmAndParksTheAgentsOnIt() {
    Map<String, AgentState> s = states(a1(), new Agent("a2")
        .requested(1, Side.BUY, HYNIX, 1, 200_000, at("10:00:00")).accepted(1, 200, at("10:00:00")));
    AccountSnapshot acct = account("11:00:00", List.of(new Holding(SAMSUNG, 9, 70_000)), ownRow(),
        row(200, Side.BUY, HYNIX, 1, 200_000, "10:00:00", 0, 0, 0, 1),
        row(101, Side.BUY, SAMSUNG, 5, 70_100, "10:30:00", 5, 350_500, 0, 0));

    AccountWitness.Verdict v = judge(s, s, acct, AccountWitness.Memory.EMPTY);

    assertEquals(1, v.report().unowned().size(), v.report()::toString);
    UnownedOrders u = v.report().unowned().get(0);
    assertEquals(SAMSUNG, u.symbol());
    assertEquals(List.of("a1"), u.agents());
    assertEquals(5, u.netFilled());
    assertEquals(Set.of("a1"), v.park().keySet(), "only the agent on that symbol is parked");
    assertTrue(v.park().get("a1").contains("101"), v.park()::toString);
    assertTrue(v.report().alarms().stream().anyMatch(a -> a.contains("no agent owns")), v.report()::toString);
    assertTrue(v.report().drifts().isEmpty(), "the difference is the unowned order's, and within its grace");
  }

  @Test
  void ordersOnSymbolsNoAgentTradesStayInformational() {
    Map<String, AgentState> s = states(a1());
    AccountSnapshot acct = account("11:00:00", List.of(new Holding(SAMSUNG, 4, 70_000), new Holding(HYNIX, 3, 200_000)),
        ownRow(), row(300, Side.BUY, HYNIX, 3, 200_000, "10:10:00", 3, 600_000, 0, 0));

    AccountWitness.Verdict first = judge(s, s, acct, AccountWitness.Memory.EMPTY);
    AccountWitness.Verdict later = judge(s, s, account("11:05:00", acct.holdings(), acct.orders().toArray(
        AccountOrder[]::new)), first.memory());

    assertEquals(1, later.report().externalOrders().size());
    assertTrue(later.report().alarms().isEmpty(), later.report()::toString);
    assertTrue(later.park().isEmpty());
    assertTrue(later.report().notes().stream().anyMatch(n -> n.contains("000660") && n.contains("user's own")),
        later.report()::toString);
  }

  @Test
  void aDifferenceIsDriftOnlyAfterItsRunsAndItsTime() {
    Map<String, AgentState> s = states(a1());
    List<Holding> held = List.of(new Holding(SAMSUNG, 6, 70_000)); // 2 more than the books: a fill never heard of

    AccountWitness.Verdict r1 = judge(s, s, account("11:00:00", held, ownRow()), AccountWitness.Memory.EMPTY);
    assertTrue(r1.report().drifts().isEmpty(), "first sight: within grace");
    assertEquals(1, r1.report().pendingDrifts().size());
    assertTrue(r1.park().isEmpty());

    AccountWitness.Verdict r2 = judge(s, s, account("11:00:10", held, ownRow()), r1.memory());
    assertTrue(r2.report().drifts().isEmpty(), "two runs but only 10 s: still within grace");

    AccountWitness.Verdict r3 = judge(s, s, account("11:00:30", held, ownRow()), r2.memory());
    assertEquals(1, r3.report().drifts().size(), r3.report()::toString);
    assertEquals(2, r3.report().drifts().get(0).difference());
    assertEquals(Set.of("a1"), r3.park().keySet());
    assertTrue(r3.park().get("a1").contains("position drift"), r3.park()::toString);
  }

  @Test
  void aRunWithoutTheDifferenceEndsItsStreak() {
    Map<String, AgentState> s = states(a1());
    List<Holding> off = List.of(new Holding(SAMSUNG, 6, 70_000));
    List<Holding> even = List.of(new Holding(SAMSUNG, 4, 70_000));

    AccountWitness.Verdict r1 = judge(s, s, account("11:00:00", off, ownRow()), AccountWitness.Memory.EMPTY);
    AccountWitness.Verdict r2 = judge(s, s, account("11:00:20", even, ownRow()), r1.memory());
    AccountWitness.Verdict r3 = judge(s, s, account("11:00:40", off, ownRow()), r2.memory());

    assertTrue(r2.memory().seen().isEmpty());
    assertTrue(r3.report().drifts().isEmpty(), "a new streak starts: " + r3.report());
    assertTrue(r3.park().isEmpty());
  }

  @Test
  void aRunDuringWhichTheBooksMovedNeitherCountsNorEndsTheStreak() {
    Agent before = new Agent("a1").requested(1, Side.BUY, SAMSUNG, 4, 70_000, at("10:00:00"))
        .accepted(1, 100, at("10:00:00")).filled(1, 100, Side.BUY, SAMSUNG, 2, 70_000, "n1", at("10:00:01"));
    Map<String, AgentState> moving = states(before);
    Map<String, AgentState> s = states(a1());
    List<Holding> off = List.of(new Holding(SAMSUNG, 6, 70_000));

    AccountWitness.Verdict r1 = judge(s, s, account("11:00:00", off, ownRow()), AccountWitness.Memory.EMPTY);
    AccountWitness.Verdict r2 = judge(moving, s, account("11:00:40", off, ownRow()), r1.memory());
    assertTrue(r2.report().drifts().isEmpty(), "fills landed during the run: no evidence either way");
    assertEquals(1, r2.memory().seen().get(SAMSUNG).runs());

    AccountWitness.Verdict r3 = judge(s, s, account("11:00:50", off, ownRow()), r2.memory());
    assertEquals(1, r3.report().drifts().size(), "the streak went on from its first run: " + r3.report());
  }

  @Test
  void aRowMatchingAnOrderStillAwaitingItsReplyIsInFlightNotAnAlarm() {
    // a1's second order is sent; KIS lists it (101) before the reply reaches the journal.
    Agent sending = a1().requested(2, Side.SELL, SAMSUNG, 4, 71_000, at("10:59:59"));
    Map<String, AgentState> s = states(sending);
    AccountSnapshot acct = account("11:00:00", List.of(new Holding(SAMSUNG, 4, 70_000)), ownRow(),
        row(101, Side.SELL, SAMSUNG, 4, 71_000, "10:59:59", 0, 0, 0, 4),
        row(102, Side.SELL, SAMSUNG, 4, 71_000, "10:59:59", 0, 0, 0, 4));

    AccountWitness.Verdict v = judge(s, s, acct, AccountWitness.Memory.EMPTY);

    assertEquals(1, v.report().unowned().size(), v.report()::toString);
    assertEquals(List.of(ReconcilerTest.no(102)), v.report().unowned().get(0).orders().stream()
        .map(AccountOrder::orderNo).toList(), "one order in flight explains one row, not two");
  }

  @Test
  void aRowOnTheSymbolOfAnInDoubtOrderWaitsForItsResolutionInsteadOfParking() {
    // a1 crashed while sending its second order: in doubt until the reconciler resolves it.
    Agent crashed = a1().requested(2, Side.BUY, SAMSUNG, 4, 70_000, at("10:30:00")).inDoubt(2, at("10:30:05"));
    Map<String, AgentState> s = states(crashed);
    AccountSnapshot acct = account("10:30:30", List.of(new Holding(SAMSUNG, 9, 70_000)), ownRow(),
        row(101, Side.BUY, SAMSUNG, 5, 70_100, "10:30:00", 5, 350_500, 0, 0),
        row(99, Side.SELL, SAMSUNG, 2, 69_900, "09:00:00", 2, 139_800, 0, 0));

    AccountWitness.Verdict v = judge(s, s, acct, AccountWitness.Memory.EMPTY);

    assertTrue(v.report().unowned().isEmpty(), v.report()::toString);
    assertTrue(v.park().isEmpty(), v.park()::toString);
    assertTrue(v.report().notes().stream().anyMatch(n -> n.contains("101") && n.contains("in doubt")),
        v.report()::toString);

    // Once resolved (here: nothing in doubt any more), the same row is an alarm and parks.
    Map<String, AgentState> resolved = states(a1());
    assertEquals(Set.of("a1"), judge(resolved, resolved, acct, AccountWitness.Memory.EMPTY).park().keySet());
  }

  @Test
  void aRunThatBooksAFillFromTheInquiryDoesNotCountTowardsDriftOnThatSymbol() {
    // The inquiry shows order 100's fill of 4, its notice has not arrived; the balance, read
    // alongside, does not show it yet either.
    Agent waiting = new Agent("a1").requested(1, Side.BUY, SAMSUNG, 4, 70_000, at("10:00:00"))
        .accepted(1, 100, at("10:00:00"));
    Map<String, AgentState> s = states(waiting);
    AccountSnapshot acct = account("11:00:00", List.of(), ownRow());
    AccountWitness quick = new AccountWitness(1, Duration.ZERO);

    AccountWitness.Verdict v = quick.judge(reconciler.reconcile(s, acct), s, s, AccountWitness.Memory.EMPTY,
        acct.takenAt());

    assertEquals(1, v.report().pendingDrifts().size(), v.report()::toString);
    assertTrue(v.report().drifts().isEmpty() && v.park().isEmpty(), v.report()::toString);
  }

  @Test
  void anOrderPlacedBeforeTheAgentsBooksBeganCannotBeItsLostTail() {
    // a1 started afresh at 10:00 on a new journal; 050 is its earlier generation's order at 09:30.
    Map<String, AgentState> s = states(a1());
    AccountSnapshot acct = account("11:00:00", List.of(new Holding(SAMSUNG, 6, 70_000)), ownRow(),
        row(50, Side.BUY, SAMSUNG, 2, 69_900, "09:30:00", 2, 139_800, 0, 0));

    AccountWitness.Verdict v = judge(s, s, acct, AccountWitness.Memory.EMPTY);

    assertTrue(v.report().unowned().isEmpty(), v.report()::toString);
    assertTrue(v.park().isEmpty());
    assertEquals(1, v.report().externalOrders().size(), "still reported, as the user's own");
  }

  @Test
  void anOrderNumberedBelowTheAgentsFirstOrderTodayIsNotItsLostTailEvenWithinTheClockTolerance() {
    // Fresh start seconds after the earlier generation's last order (050, 09:59:58): the times are
    // too close to tell, KIS's numbering is not.
    Map<String, AgentState> s = states(a1());
    AccountSnapshot acct = account("11:00:00", List.of(new Holding(SAMSUNG, 6, 70_000)), ownRow(),
        row(50, Side.BUY, SAMSUNG, 2, 69_900, "09:59:58", 2, 139_800, 0, 0));

    AccountWitness.Verdict v = judge(s, s, acct, AccountWitness.Memory.EMPTY);

    assertTrue(v.report().unowned().isEmpty(), v.report()::toString);
    assertTrue(v.park().isEmpty());
  }

  /** a1.g1: a1 started afresh at 10:00, its 6 Samsung handed over to the new journal, no order placed on it yet. */
  static Agent freshStartedWithHandover(String correctionId) {
    return new Agent("a1.g1").add(new PositionCorrected(SAMSUNG, 6, 70_000, correctionId,
        "position handed over at a fresh start from journal a1 by ops", at("10:00:00")));
  }

  @Test
  void theEarlierGenerationsOrdersAreNotUnownedForAFreshStartHoldingOnlyTheHandedOverPosition() {
    // 050 and 051 are a1's (the earlier generation's) round trips today; a1.g1 trades Samsung only
    // through the handed-over position, so it has no first order or order number to compare with.
    Map<String, AgentState> s = states(freshStartedWithHandover(
        AccountWitness.HANDOVER_CORRECTION + "a1:" + SAMSUNG.code()));
    AccountSnapshot acct = account("11:00:00", List.of(new Holding(SAMSUNG, 6, 70_000)),
        row(50, Side.BUY, SAMSUNG, 6, 69_900, "09:30:00", 6, 419_400, 0, 0),
        row(51, Side.SELL, SAMSUNG, 1, 70_000, "09:59:59", 1, 70_000, 0, 0));

    AccountWitness.Verdict v = judge(s, s, acct, AccountWitness.Memory.EMPTY);

    assertTrue(v.report().unowned().isEmpty(), v.report()::toString);
    assertTrue(v.park().isEmpty(), v.park()::toString);
    assertEquals(2, v.report().externalOrders().size(), "still reported, as orders of no running journal");
  }

  @Test
  void aPositionSetByAnOrdinaryCorrectionDoesNotExemptTheRowsOfAnAgentWithoutOrders() {
    // Same books, but the position came from a reconciliation correction, not a fresh start's
    // handover: the journal may have lost its orders, so today's rows stay an alarm.
    Map<String, AgentState> s = states(freshStartedWithHandover("reconcile:drift:" + SAMSUNG.code()));
    AccountSnapshot acct = account("11:00:00", List.of(new Holding(SAMSUNG, 6, 70_000)),
        row(50, Side.BUY, SAMSUNG, 6, 69_900, "09:30:00", 6, 419_400, 0, 0));

    AccountWitness.Verdict v = judge(s, s, acct, AccountWitness.Memory.EMPTY);

    assertEquals(1, v.report().unowned().size(), v.report()::toString);
    assertEquals(Set.of("a1.g1"), v.park().keySet());
  }

  @Test
  void aRowWithinTheClockToleranceOfAFirstOrderStillAwaitingItsNumberWaitsForTheNumber() {
    // a1.g1 started afresh without a position; its first order went out at 10:00:00 and awaits its
    // reply, 2 s after the earlier generation's last order (050, 09:59:58, another quantity).
    Map<String, AgentState> pending = states(new Agent("a1.g1")
        .requested(1, Side.BUY, SAMSUNG, 1, 70_000, at("10:00:00")));
    AccountSnapshot acct = account("10:00:01", List.of(),
        row(50, Side.SELL, SAMSUNG, 2, 69_900, "09:59:58", 2, 139_800, 0, 0));

    AccountWitness.Verdict v = judge(pending, pending, acct, AccountWitness.Memory.EMPTY);

    assertTrue(v.report().unowned().isEmpty(), v.report()::toString);
    assertTrue(v.park().isEmpty(), v.park()::toString);

    // Once numbered (101, above 050), the number tells: not its order.
    Map<String, AgentState> numbered = states(new Agent("a1.g1")
        .requested(1, Side.BUY, SAMSUNG, 1, 70_000, at("10:00:00")).accepted(1, 101, at("10:00:00")));
    AccountSnapshot later = account("10:00:05", List.of(),
        row(50, Side.SELL, SAMSUNG, 2, 69_900, "09:59:58", 2, 139_800, 0, 0),
        row(101, Side.BUY, SAMSUNG, 1, 70_000, "10:00:00", 0, 0, 0, 1));
    assertTrue(judge(numbered, numbered, later, AccountWitness.Memory.EMPTY).report().unowned().isEmpty());
  }

  @Test
  void aRowWellAfterTheFirstOrderOfAnAgentWithoutNumbersIsStillAnAlarm() {
    Map<String, AgentState> s = states(new Agent("a1.g1").requested(1, Side.BUY, SAMSUNG, 1, 70_000, at("10:00:00")));
    AccountSnapshot acct = account("10:01:00", List.of(),
        row(50, Side.SELL, SAMSUNG, 2, 69_900, "10:00:30", 2, 139_800, 0, 0));

    AccountWitness.Verdict v = judge(s, s, acct, AccountWitness.Memory.EMPTY);

    assertEquals(1, v.report().unowned().size(), v.report()::toString);
    assertEquals(Set.of("a1.g1"), v.park().keySet());
  }

  AccountWitness.Verdict judge(Map<String, AgentState> s, AccountSnapshot acct, EarlierOrders earlier) {
    return witness.judge(reconciler.reconcile(s, acct), s, s, AccountWitness.Memory.EMPTY, acct.takenAt(), earlier);
  }

  @Test
  void aRowWhoseNumberAnEarlierGenerationRecordedIsThatGenerationsWhateverTheClocksSay() {
    // 102 at 10:30, after a1.g1's first order (100, 10:00): no heuristic would excuse it, the record does.
    Map<String, AgentState> s = states(new Agent("a1.g1").requested(1, Side.BUY, SAMSUNG, 4, 70_000, at("10:00:00"))
        .accepted(1, 100, at("10:00:00")).filled(1, 100, Side.BUY, SAMSUNG, 4, 70_000, "n1", at("10:00:01")));
    AccountSnapshot acct = account("11:00:00", List.of(new Holding(SAMSUNG, 6, 70_000)),
        row(100, Side.BUY, SAMSUNG, 4, 70_000, "10:00:00", 4, 280_000, 0, 0),
        row(102, Side.BUY, SAMSUNG, 2, 69_900, "10:30:00", 2, 139_800, 0, 0));
    EarlierOrders recorded = new EarlierOrders(Map.of(ReconcilerTest.no(102), "a1"), Set.of("a1.g1"));

    AccountWitness.Verdict unknown = judge(s, acct, EarlierOrders.UNKNOWN);
    AccountWitness.Verdict known = judge(s, acct, recorded);

    assertEquals(1, unknown.report().unowned().size(), "without the record: an alarm");
    assertTrue(known.report().unowned().isEmpty() && known.park().isEmpty(), known.report()::toString);
    assertTrue(known.report().notes().stream().anyMatch(n -> n.contains("102") && n.contains("placed by journal a1")),
        known.report().notes()::toString);
  }

  @Test
  void withEveryGenerationRecordedARowNoGenerationPlacedIsAnAlarmEvenBeforeTheFirstOrder() {
    // 050 at 09:30, before a1.g1's books begin: the heuristic calls it an earlier generation's; the
    // record of every earlier generation does not list it, so it is nobody's: an alarm.
    Map<String, AgentState> s = states(new Agent("a1.g1").requested(1, Side.BUY, SAMSUNG, 4, 70_000, at("10:00:00"))
        .accepted(1, 100, at("10:00:00")).filled(1, 100, Side.BUY, SAMSUNG, 4, 70_000, "n1", at("10:00:01")));
    AccountSnapshot acct = account("11:00:00", List.of(new Holding(SAMSUNG, 6, 70_000)), ownRow(),
        row(50, Side.BUY, SAMSUNG, 2, 69_900, "09:30:00", 2, 139_800, 0, 0),
        row(49, Side.BUY, SAMSUNG, 1, 69_900, "09:20:00", 1, 69_900, 0, 0));
    EarlierOrders recorded = new EarlierOrders(Map.of(ReconcilerTest.no(49), "a1"), Set.of("a1.g1"));

    assertTrue(judge(s, acct, EarlierOrders.UNKNOWN).report().unowned().isEmpty(), "the heuristic excuses both");
    AccountWitness.Verdict v = judge(s, acct, recorded);

    assertEquals(1, v.report().unowned().size(), v.report()::toString);
    assertEquals(List.of(ReconcilerTest.no(50)), v.report().unowned().get(0).orders().stream()
        .map(AccountOrder::orderNo).toList(), "049 is the earlier generation's, by number");
    assertEquals(Set.of("a1.g1"), v.park().keySet());
  }

  @Test
  void withEveryGenerationRecordedAnOrderInDoubtStillDefersItsSymbolsRows() {
    // A crash mid-send: a1.g1's order has no number to record or compare; its rows wait for its resolution.
    Map<String, AgentState> s = states(new Agent("a1.g1").requested(1, Side.BUY, SAMSUNG, 2, 69_900, at("10:00:00"))
        .inDoubt(1, at("10:00:01")));
    AccountSnapshot acct = account("10:00:30", List.of(new Holding(SAMSUNG, 2, 69_900)),
        row(50, Side.BUY, SAMSUNG, 3, 69_800, "10:00:00", 3, 209_400, 0, 0));

    AccountWitness.Verdict v = judge(s, acct, new EarlierOrders(Map.of(), Set.of("a1.g1")));

    assertTrue(v.report().unowned().isEmpty() && v.park().isEmpty(), v.report()::toString);
  }

  @Test
  void anAgentAlreadyParkedIsNotParkedAgain() {
    Agent parked = a1().add(new AgentParked("operator", at("10:50:00")));
    Map<String, AgentState> s = states(parked);
    AccountSnapshot acct = account("11:00:00", List.of(new Holding(SAMSUNG, 9, 70_000)), ownRow(),
        row(101, Side.BUY, SAMSUNG, 5, 70_100, "10:30:00", 5, 350_500, 0, 0));

    AccountWitness.Verdict v = judge(s, s, acct, AccountWitness.Memory.EMPTY);

    assertEquals(1, v.report().unowned().size());
    assertTrue(v.park().isEmpty());
  }
}
