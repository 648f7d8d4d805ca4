package kis.actors.reconcile;

import kis.adapter.account.AccountCash;
import kis.adapter.account.Holding;
import kis.adapter.account.AccountOrder;
import kis.adapter.account.AccountSnapshot;
import static kis.actors.reconcile.ReconcilerTest.COSTS;
import static kis.actors.reconcile.ReconcilerTest.HYNIX;
import static kis.actors.reconcile.ReconcilerTest.SAMSUNG;
import static kis.actors.reconcile.ReconcilerTest.SEOUL;
import static kis.actors.reconcile.ReconcilerTest.TODAY;
import static kis.actors.reconcile.ReconcilerTest.at;
import static kis.actors.reconcile.ReconcilerTest.id;
import static kis.actors.reconcile.ReconcilerTest.no;
import static kis.actors.reconcile.ReconcilerTest.row;
import static kis.actors.reconcile.ReconcilerTest.states;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import kis.actors.reconcile.ReconcilerTest.Agent;
import kis.journal.Side;
import kis.journal.event.FillSource;
import kis.journal.event.OrderFilled;
import kis.journal.event.PositionCorrected;
import kis.journal.state.AgentState;
import org.junit.jupiter.api.Test;

/** The cash witness: what the journals explain, fills in flight, lost fills, deposits and the accept. */
class CashWitnessTest {
  static final long START = 10_000_000;
  final Reconciler reconciler = Reconciler.withDefaults(COSTS);
  final AccountWitness witness = new AccountWitness(2, Duration.ofSeconds(30));
  final CashWitness cash = new CashWitness(2, Duration.ofSeconds(30), COSTS, SEOUL);

  /** A fill journaled with the fee and tax KIS charges (one fill per order here, so the order's own). */
  static OrderFilled fill(String agent, long seq, long orderNo, Side side, long qty, long price, Instant when) {
    long value = qty * price;
    return new OrderFilled(id(agent, seq), no(orderNo), SAMSUNG, side, qty, price, COSTS.fee(value),
        COSTS.tax(side, value), agent + "-n" + seq, "100000", FillSource.NOTICE, when);
  }

  /** Cash moved by one whole order, as kis-sim and KIS charge it. */
  static long cashOf(Side side, long qty, long price) {
    long value = qty * price;
    long owed = COSTS.fee(value) + COSTS.tax(side, value);
    return side == Side.BUY ? -value - owed : value - owed;
  }

  /** a1 bought 4 Samsung at 70,000 under order 100, filled and journaled with its costs. */
  static Agent bought() {
    return new Agent("a1").requested(1, Side.BUY, SAMSUNG, 4, 70_000, at("10:00:00")).accepted(1, 100, at("10:00:00"))
        .add(fill("a1", 1, 100, Side.BUY, 4, 70_000, at("10:00:01")));
  }

  /** ... and sold them at 71,000 under order 101. */
  static Agent boughtAndSold() {
    return bought().requested(2, Side.SELL, SAMSUNG, 4, 71_000, at("10:10:00")).accepted(2, 101, at("10:10:00"))
        .add(fill("a1", 2, 101, Side.SELL, 4, 71_000, at("10:10:01")));
  }

  static AccountOrder buyRow() {
    return row(100, Side.BUY, SAMSUNG, 4, 70_000, "10:00:00", 4, 280_000, 0, 0);
  }

  static AccountOrder sellRow() {
    return row(101, Side.SELL, SAMSUNG, 4, 71_000, "10:10:00", 4, 284_000, 0, 0);
  }

  /** The account at {@code takenAt} holding {@code d2} won D+2, its buy and sell amounts those of the rows. */
  static AccountSnapshot account(String takenAt, long d2, List<Holding> holdings, AccountOrder... rows) {
    return account(TODAY, takenAt, d2, holdings, rows);
  }

  static AccountSnapshot account(LocalDate day, String takenAt, long d2, List<Holding> holdings,
      AccountOrder... rows) {
    long bought = 0;
    long sold = 0;
    for (AccountOrder r : rows) {
      if (r.side() == Side.BUY) {
        bought += r.filledAmount();
      } else {
        sold += r.filledAmount();
      }
    }
    Instant when = java.time.LocalTime.parse(takenAt).atDate(day).atZone(SEOUL).toInstant();
    return new AccountSnapshot(day, when, holdings, List.of(rows), AccountCash.of(d2, bought, sold));
  }

  CashWitness.Verdict judge(Map<String, AgentState> before, Map<String, AgentState> after, AccountSnapshot acct,
      CashWitness.Memory memory) {
    ReconcileReport judged = witness.judge(reconciler.reconcile(after, acct), before, after,
        AccountWitness.Memory.EMPTY, acct.takenAt()).report();
    return cash.judge(judged, acct, before, after, memory);
  }

  CashWitness.Verdict judge(Map<String, AgentState> s, AccountSnapshot acct, CashWitness.Memory memory) {
    return judge(s, s, acct, memory);
  }

  /** The first run of the day with a1's buy already in the books and the account: the baseline. */
  CashWitness.Memory baseline() {
    CashWitness.Verdict v = judge(states(bought()), account("10:05:00", START, List.of(new Holding(SAMSUNG, 4, 70_000)),
        buyRow()), CashWitness.Memory.EMPTY);
    assertTrue(v.memory().baseline().isPresent(), v::toString);
    return v.memory();
  }

  @Test
  void fillsJournaledWithTheirCostsExplainTheAccountsCash() {
    CashWitness.Memory m = baseline();
    long after = START + cashOf(Side.SELL, 4, 71_000);

    CashWitness.Verdict v = judge(states(boughtAndSold()), account("10:20:00", after, List.of(), buyRow(), sellRow()), m);

    assertTrue(v.confirmed().isEmpty() && v.pending().isEmpty(), v::toString);
    assertTrue(v.park().isEmpty());
  }

  @Test
  void aWonOfCostsTheJournalsDoNotHoldIsADifference() {
    CashWitness.Memory m = baseline();
    long after = START + cashOf(Side.SELL, 4, 71_000) - 1;

    CashWitness.Verdict v = judge(states(boughtAndSold()), account("10:20:00", after, List.of(), buyRow(), sellRow()), m);

    assertEquals(-1, v.pending().orElseThrow().difference(), v::toString);
  }

  @Test
  void aFillTheInquiryShowsAndTheJournalMissedIsBookedAndExplained() {
    CashWitness.Memory m = baseline();
    Agent noticeLost = bought().requested(2, Side.SELL, SAMSUNG, 4, 71_000, at("10:10:00"))
        .accepted(2, 101, at("10:10:00"));
    long after = START + cashOf(Side.SELL, 4, 71_000);

    CashWitness.Verdict v = judge(states(noticeLost), account("10:20:00", after, List.of(), buyRow(), sellRow()), m);

    assertTrue(v.pending().isEmpty() && v.confirmed().isEmpty(), "the reconciler books the fill this run: " + v);
  }

  @Test
  void aFillJournaledDuringTheRunIsInFlightAndNotJudged() {
    CashWitness.Memory m = baseline();
    Map<String, AgentState> before = states(bought().requested(2, Side.SELL, SAMSUNG, 4, 71_000, at("10:10:00"))
        .accepted(2, 101, at("10:10:00")));
    // The account was read before the sell executed; its notice was journaled before the second read.
    CashWitness.Verdict v = judge(before, states(boughtAndSold()), account("10:20:00", START,
        List.of(new Holding(SAMSUNG, 4, 70_000)), buyRow(), row(101, Side.SELL, SAMSUNG, 4, 71_000, "10:10:00", 0, 0,
            0, 4)), m);

    assertTrue(v.pending().isEmpty() && v.confirmed().isEmpty(), v::toString);
    assertTrue(v.notes().stream().anyMatch(n -> n.contains("a1's books moved")), v.notes()::toString);
    assertEquals(m.streak(), v.memory().streak(), "no evidence either way");
  }

  @Test
  void aBalanceAndDailyOrdersThatStraddleAFillAreNotJudged() {
    CashWitness.Memory m = baseline();
    long after = START + cashOf(Side.SELL, 4, 71_000);
    AccountSnapshot read = account("10:20:00", after, List.of(), buyRow(), sellRow());
    // The balance already holds the sell; the daily orders were read a moment before it.
    AccountSnapshot straddling = new AccountSnapshot(TODAY, read.takenAt(), List.of(), List.of(buyRow(),
        row(101, Side.SELL, SAMSUNG, 4, 71_000, "10:10:00", 0, 0, 0, 4)), read.cash());

    CashWitness.Verdict v = judge(states(bought().requested(2, Side.SELL, SAMSUNG, 4, 71_000, at("10:10:00"))
        .accepted(2, 101, at("10:10:00"))), straddling, m);

    assertTrue(v.pending().isEmpty(), v::toString);
    assertTrue(v.notes().stream().anyMatch(n -> n.contains("straddle a fill")), v.notes()::toString);
  }

  @Test
  void aLostOrderIsCashDriftAfterItsGraceAttributedToTheOrderNoAgentOwns() {
    CashWitness.Memory m = baseline();
    // The journal lost order 101 (a tail cut off): the account sold, no journal knows.
    long after = START + cashOf(Side.SELL, 4, 71_000);
    Map<String, AgentState> s = states(bought(), quiet());

    CashWitness.Verdict r1 = judge(s, account("10:20:00", after, List.of(new Holding(HYNIX, 3, 200_000)), buyRow(),
        sellRow()), m);
    CashWitness.Verdict r2 = judge(s, account("10:20:10", after, List.of(new Holding(HYNIX, 3, 200_000)), buyRow(),
        sellRow()), r1.memory());
    CashWitness.Verdict r3 = judge(s, account("10:20:30", after, List.of(new Holding(HYNIX, 3, 200_000)), buyRow(),
        sellRow()), r2.memory());

    assertEquals(cashOf(Side.SELL, 4, 71_000), r1.pending().orElseThrow().difference(), r1::toString);
    assertTrue(r2.confirmed().isEmpty(), "two runs, 10 s: within grace");
    CashDrift d = r3.confirmed().orElseThrow(() -> new AssertionError(r3.toString()));
    assertEquals(3, d.runs());
    assertTrue(d.describe().startsWith("cash: the account's D+2 cash is " + after), d.describe());
    assertEquals(Map.of(), r3.park(), "the order witness parks the agents on 101's symbol; the others trade on");
    assertTrue(r3.notes().stream().anyMatch(n -> n.contains("orders no agent owns")), r3.notes()::toString);
  }

  /** a2 holds Hynix from an earlier day and placed nothing today. */
  static Agent quiet() {
    return new Agent("a2").add(new PositionCorrected(HYNIX, 3, 200_000, "handover:x:000660",
        "held from an earlier day", at("09:00:00")));
  }

  @Test
  void cashNoOrderExplainsParksEveryAgentWithAnOrderToday() {
    CashWitness.Memory m = baseline();
    Map<String, AgentState> s = states(bought(), quiet());
    List<Holding> held = List.of(new Holding(SAMSUNG, 4, 70_000), new Holding(HYNIX, 3, 200_000));
    long short50k = START - 50_000;

    CashWitness.Verdict r1 = judge(s, account("10:20:00", short50k, held, buyRow()), m);
    CashWitness.Verdict r2 = judge(s, account("10:20:30", short50k, held, buyRow()), r1.memory());

    assertEquals(-50_000, r2.confirmed().orElseThrow(() -> new AssertionError(r2.toString())).difference());
    assertEquals(Set.of("a1"), r2.park().keySet(), "a2 placed nothing today: its books hold no lost fill");
    assertTrue(r2.park().get("a1").startsWith("reconcile: cash:"), r2.park()::toString);
  }

  @Test
  void aDepositIsDriftUntilAnOperatorAcceptsTheCash() {
    CashWitness.Memory m = baseline();
    Map<String, AgentState> s = states(bought());
    long deposited = START + 1_000_000;
    CashWitness.Verdict r1 = judge(s, account("10:20:00", deposited, List.of(), buyRow()), m);
    CashWitness.Verdict r2 = judge(s, account("10:20:40", deposited, List.of(), buyRow()), r1.memory());
    assertEquals(1_000_000, r2.confirmed().orElseThrow(() -> new AssertionError(r2.toString())).difference());

    CashWitness.Verdict r3 = judge(s, account("10:21:00", deposited, List.of(), buyRow()), r2.memory().accepted());
    CashWitness.Verdict r4 = judge(s, account("10:21:40", deposited, List.of(), buyRow()), r3.memory());

    assertTrue(r3.notes().stream().anyMatch(n -> n.contains("baseline taken")), r3.notes()::toString);
    assertTrue(r4.confirmed().isEmpty() && r4.pending().isEmpty(), r4::toString);
  }

  @Test
  void aRunThatAgreesEndsTheStreak() {
    CashWitness.Memory m = baseline();
    Map<String, AgentState> s = states(bought());
    CashWitness.Verdict off = judge(s, account("10:20:00", START + 5, List.of(), buyRow()), m);
    CashWitness.Verdict even = judge(s, account("10:20:20", START, List.of(), buyRow()), off.memory());
    CashWitness.Verdict offAgain = judge(s, account("10:20:40", START + 5, List.of(), buyRow()), even.memory());

    assertTrue(even.memory().streak().isEmpty());
    assertEquals(1, offAgain.pending().orElseThrow().runs(), "a new streak, not confirmed");
  }

  @Test
  void theUsersOwnOrdersOnSymbolsNoAgentTradesAreExplainedByTheirRows() {
    CashWitness.Memory m = baseline();
    AccountOrder own = row(300, Side.BUY, HYNIX, 3, 200_000, "10:15:00", 3, 600_000, 0, 0);
    CashWitness.Verdict v = judge(states(bought()), account("10:20:00", START + cashOf(Side.BUY, 3, 200_000),
        List.of(new Holding(HYNIX, 3, 200_000)), buyRow(), own), m);

    assertTrue(v.pending().isEmpty() && v.confirmed().isEmpty(), v::toString);
  }

  @Test
  void noBaselineWhileOrdersWithoutAnOwnerOnATradedSymbolWouldBeAbsorbedIntoIt() {
    CashWitness.Verdict v = judge(states(bought()), account("10:20:00", START + cashOf(Side.SELL, 4, 71_000),
        List.of(), buyRow(), sellRow()), CashWitness.Memory.EMPTY);

    assertFalse(v.memory().baseline().isPresent(), v::toString);
  }

  @Test
  void aJournalLeftBehindByAFreshStartKeepsItsCashAndTheNewOneCountsFromItsFirstSight() {
    CashWitness.Memory m = judge(states(boughtAndSold()), account("10:20:00", START + cashOf(Side.SELL, 4, 71_000),
        List.of(), buyRow(), sellRow()), CashWitness.Memory.EMPTY).memory();
    Agent next = new Agent("a1.g1").requested(1, Side.BUY, SAMSUNG, 2, 70_500, at("10:30:00"))
        .accepted(1, 102, at("10:30:00")).add(fill("a1.g1", 1, 102, Side.BUY, 2, 70_500, at("10:30:01")));
    long after = START + cashOf(Side.SELL, 4, 71_000) + cashOf(Side.BUY, 2, 70_500);
    AccountOrder nextRow = row(102, Side.BUY, SAMSUNG, 2, 70_500, "10:30:00", 2, 141_000, 0, 0);

    Map<String, AgentState> onlyNew = new TreeMap<>(states(next));
    CashWitness.Verdict v = judge(onlyNew, account("10:40:00", after, List.of(new Holding(SAMSUNG, 2, 70_500)),
        buyRow(), sellRow(), nextRow), m);

    assertTrue(v.pending().isEmpty() && v.confirmed().isEmpty(), v::toString);
  }

  @Test
  void aNewTradingDayTakesANewBaseline() {
    CashWitness.Memory m = baseline();
    CashWitness.Verdict v = judge(states(bought()), account(TODAY.plusDays(1), "09:05:00", START + 777, List.of(
        new Holding(SAMSUNG, 4, 70_000))), m);

    assertTrue(v.pending().isEmpty(), v::toString);
    assertEquals(TODAY.plusDays(1), v.memory().day().orElseThrow());
    assertEquals(START + 777, v.memory().baseline().orElseThrow().accountLessOwn());
  }

  @Test
  void withoutTheBalancesCashNothingIsJudged() {
    AccountSnapshot noCash = new AccountSnapshot(TODAY, at("10:05:00"), List.of(new Holding(SAMSUNG, 4, 70_000)),
        List.of(buyRow()));
    CashWitness.Verdict v = judge(states(bought()), noCash, CashWitness.Memory.EMPTY);

    assertTrue(v.memory().baseline().isEmpty());
    assertTrue(v.notes().get(0).contains("no cash summary"), v.notes()::toString);
  }
}
