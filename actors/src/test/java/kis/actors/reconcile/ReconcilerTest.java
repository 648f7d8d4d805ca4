package kis.actors.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import kis.adapter.account.AccountOrder;
import kis.adapter.account.AccountSnapshot;
import kis.adapter.account.Holding;
import kis.journal.ClientOrderId;
import kis.journal.CostModel;
import kis.journal.OrderNo;
import kis.journal.OrderSpec;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.Venue;
import kis.journal.event.AgentEvent;
import kis.journal.event.CancelRequested;
import kis.journal.event.FillSource;
import kis.journal.event.InDoubtResolved;
import kis.journal.event.OrderAccepted;
import kis.journal.event.OrderCancelled;
import kis.journal.event.OrderExpired;
import kis.journal.event.OrderFilled;
import kis.journal.event.OrderInDoubt;
import kis.journal.event.OrderRequested;
import kis.journal.event.OrderRevised;
import kis.journal.event.ReviseRequested;
import kis.journal.state.AgentState;
import kis.journal.state.FillCosts;
import kis.journal.state.OrderStatus;
import org.junit.jupiter.api.Test;

class ReconcilerTest {
  static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
  static final LocalDate TODAY = LocalDate.parse("2026-11-24");
  static final Symbol SAMSUNG = Symbol.of("005930");
  static final Symbol HYNIX = Symbol.of("000660");
  static final CostModel COSTS = CostModel.KIS_2026;
  final Reconciler reconciler = Reconciler.withDefaults(COSTS);

  static Instant at(String hhmmss) {
    return LocalTime.parse(hhmmss).atDate(TODAY).atZone(SEOUL).toInstant();
  }

  static ClientOrderId id(String agent, long seq) {
    return new ClientOrderId(agent + "-" + seq);
  }

  static OrderNo no(long n) {
    return OrderNo.of(String.valueOf(n));
  }

  static AccountOrder row(long n, Side side, Symbol sym, long qty, long price, String time, long filled,
      long amount, long cancelled, long remaining) {
    return AccountOrder.newOrder(no(n), "00950", side, sym, qty, price, LocalTime.parse(time), filled, amount,
        cancelled, remaining);
  }

  static AccountSnapshot account(String takenAt, List<Holding> holdings, AccountOrder... rows) {
    return new AccountSnapshot(TODAY, at(takenAt), holdings, List.of(rows));
  }

  /** An agent's journal, built event by event. */
  static final class Agent {
    final String name;
    final List<AgentEvent> events = new ArrayList<>();

    Agent(String name) {
      this.name = name;
    }

    Agent requested(long seq, Side side, Symbol sym, long qty, long price, Instant when) {
      events.add(new OrderRequested(id(name, seq), OrderSpec.limit(sym, side, qty, price), "t", when));
      return this;
    }

    Agent accepted(long seq, long orderNo, Instant when) {
      events.add(new OrderAccepted(id(name, seq), no(orderNo), "00950", "100000", false, when));
      return this;
    }

    Agent inDoubt(long seq, Instant when) {
      events.add(new OrderInDoubt(id(name, seq), "timeout", when));
      return this;
    }

    Agent filled(long seq, long orderNo, Side side, Symbol sym, long qty, long price, String key, Instant when) {
      events.add(new OrderFilled(id(name, seq), no(orderNo), sym, side, qty, price, 0, 0, key, "100000",
          FillSource.NOTICE, when));
      return this;
    }

    Agent add(AgentEvent e) {
      events.add(e);
      return this;
    }

    AgentState state() {
      return AgentState.fold(name, events);
    }
  }

  static Map<String, AgentState> states(Agent... agents) {
    Map<String, AgentState> m = new TreeMap<>();
    for (Agent a : agents) {
      m.put(a.name, a.state());
    }
    return m;
  }

  /** Apply a report's events to the states, as the agents would journal them. */
  static Map<String, AgentState> applied(Map<String, AgentState> states, ReconcileReport report) {
    Map<String, AgentState> m = new TreeMap<>(states);
    for (String agent : report.corrections().keySet()) {
      AgentState s = m.get(agent);
      for (AgentEvent e : report.eventsFor(agent)) {
        s = s.apply(e);
      }
      assertEquals(List.of(), s.invariantViolations());
      assertEquals(List.of(), s.anomalies(), "reconciliation events must all be legal transitions");
      m.put(agent, s);
    }
    return m;
  }

  @Test
  void booksThatAgreeWithTheAccountNeedNothing() {
    Agent a = new Agent("a1").requested(1, Side.BUY, SAMSUNG, 10, 70_000, at("10:00:00")).accepted(1, 100, at("10:00:00"))
        .filled(1, 100, Side.BUY, SAMSUNG, 4, 70_000, "n1", at("10:01:00"));
    ReconcileReport r = reconciler.reconcile(states(a), account("11:00:00", List.of(new Holding(SAMSUNG, 4, 70_000)),
        row(100, Side.BUY, SAMSUNG, 10, 70_000, "10:00:00", 4, 280_000, 0, 6)));
    assertTrue(r.isClean(), r::toString);
    assertEquals(List.of(), r.externalOrders());
    assertEquals(List.of(), r.notes());
  }

  @Test
  void anInDoubtOrderFoundInTodaysOrdersIsAdoptedWithItsOrderNumberAndItsFills() {
    Agent a = new Agent("a1").requested(1, Side.BUY, SAMSUNG, 10, 70_000, at("10:00:00")).inDoubt(1, at("10:00:05"));
    ReconcileReport r = reconciler.reconcile(states(a), account("10:00:30", List.of(new Holding(SAMSUNG, 10, 70_000)),
        row(100, Side.BUY, SAMSUNG, 10, 70_000, "10:00:01", 10, 700_000, 0, 0)));
    List<AgentEvent> events = r.eventsFor("a1");
    assertEquals(new InDoubtResolved(id("a1", 1), Optional.of(no(100)), "00950", at("10:00:30")), events.get(0));
    OrderFilled fill = assertInstanceOf(OrderFilled.class, events.get(1));
    assertEquals(10, fill.quantity());
    assertEquals(70_000, fill.price());
    assertEquals("inq:0000000100:10", fill.execKey());
    assertEquals(FillSource.INQUIRY, fill.source());
    assertEquals(COSTS.fee(700_000), fill.fee());
    assertEquals(2, events.size());
    assertEquals(List.of(), r.externalOrders());
    assertEquals(List.of(), r.drifts()); // drift is judged after the corrections
    AgentState after = applied(states(a), r).get("a1");
    assertEquals(OrderStatus.FILLED, after.order(id("a1", 1)).orElseThrow().status());
    assertEquals(10, after.position(SAMSUNG).quantity());
  }

  @Test
  void identicalInDoubtOrdersAreMatchedEarliestRequestToEarliestKisOrder() {
    // a2 asked first, though a1 comes first by name.
    Agent a1 = new Agent("a1").requested(1, Side.BUY, SAMSUNG, 1, 70_000, at("10:00:05")).inDoubt(1, at("10:00:10"));
    Agent a2 = new Agent("a2").requested(1, Side.BUY, SAMSUNG, 1, 70_000, at("10:00:00")).inDoubt(1, at("10:00:10"));
    ReconcileReport r = reconciler.reconcile(states(a1, a2), account("10:00:30", List.of(),
        row(201, Side.BUY, SAMSUNG, 1, 70_000, "10:00:06", 0, 0, 0, 1),
        row(200, Side.BUY, SAMSUNG, 1, 70_000, "10:00:01", 0, 0, 0, 1)));
    assertEquals(Optional.of(no(200)), ((InDoubtResolved) r.eventsFor("a2").get(0)).orderNo());
    assertEquals(Optional.of(no(201)), ((InDoubtResolved) r.eventsFor("a1").get(0)).orderNo());
  }

  @Test
  void aKisOrderPlacedBeforeTheRequestOrWithOtherTermsIsNotAMatch() {
    Agent a = new Agent("a1").requested(1, Side.BUY, SAMSUNG, 10, 70_000, at("10:00:00")).inDoubt(1, at("10:00:05"));
    ReconcileReport r = reconciler.reconcile(states(a), account("10:00:30", List.of(),
        row(300, Side.BUY, SAMSUNG, 10, 70_000, "09:59:50", 0, 0, 0, 10), // too early
        row(301, Side.SELL, SAMSUNG, 10, 70_000, "10:00:01", 0, 0, 0, 10),
        row(302, Side.BUY, HYNIX, 10, 70_000, "10:00:01", 0, 0, 0, 10),
        row(303, Side.BUY, SAMSUNG, 9, 70_000, "10:00:01", 0, 0, 0, 9),
        row(304, Side.BUY, SAMSUNG, 10, 70_100, "10:00:01", 0, 0, 0, 10)));
    assertFalse(r.hasCorrections());
    assertEquals(5, r.externalOrders().size());
    assertEquals(1, r.notes().size(), r.notes()::toString); // still within grace
    // A match within the clock tolerance is accepted.
    ReconcileReport skew = reconciler.reconcile(states(a), account("10:00:30", List.of(),
        row(305, Side.BUY, SAMSUNG, 10, 70_000, "09:59:56", 0, 0, 0, 10)));
    assertEquals(Optional.of(no(305)), ((InDoubtResolved) skew.eventsFor("a1").get(0)).orderNo());
  }

  static OrderRequested requestedOn(Venue venue, String agent, long seq, Side side, long qty, long price,
      Instant when) {
    return new OrderRequested(id(agent, seq), OrderSpec.limit(SAMSUNG, side, qty, price).on(venue), "t", when);
  }

  @Test
  void anInDoubtOrderIsMatchedOnlyByARowOnItsVenueAndARoutedOneByARowOnAnyBook() {
    Agent nxt = new Agent("a1").add(requestedOn(Venue.NXT, "a1", 1, Side.BUY, 10, 70_000, at("17:00:00")))
        .inDoubt(1, at("17:00:05"));
    ReconcileReport onKrx = reconciler.reconcile(states(nxt), account("17:00:30", List.of(),
        row(400, Side.BUY, SAMSUNG, 10, 70_000, "17:00:01", 0, 0, 0, 10)));
    assertFalse(onKrx.hasCorrections(), "a KRX order is not the NXT order in doubt");
    assertEquals(1, onKrx.externalOrders().size());

    ReconcileReport onNxt = reconciler.reconcile(states(nxt), account("17:00:30", List.of(),
        row(400, Side.BUY, SAMSUNG, 10, 70_000, "17:00:01", 0, 0, 0, 10),
        row(401, Side.BUY, SAMSUNG, 10, 70_000, "17:00:01", 0, 0, 0, 10).on(Venue.NXT)));
    assertEquals(Optional.of(no(401)), ((InDoubtResolved) onNxt.eventsFor("a1").get(0)).orderNo());

    Agent sor = new Agent("a2").add(requestedOn(Venue.SOR, "a2", 1, Side.BUY, 10, 70_000, at("10:00:00")))
        .inDoubt(1, at("10:00:05"));
    ReconcileReport routed = reconciler.reconcile(states(sor), account("10:00:30", List.of(),
        row(402, Side.BUY, SAMSUNG, 10, 70_000, "10:00:01", 0, 0, 0, 10)));
    assertEquals(Optional.of(no(402)), ((InDoubtResolved) routed.eventsFor("a2").get(0)).orderNo());
  }

  @Test
  void anNxtOrderIsReconciledByItsNumberAndItsMissedFillsBookedOnNxt() {
    Agent a = new Agent("a1").add(requestedOn(Venue.NXT, "a1", 1, Side.BUY, 10, 70_000, at("17:00:00")))
        .accepted(1, 500, at("17:00:00"));
    ReconcileReport r = reconciler.reconcile(states(a), account("17:10:00", List.of(new Holding(SAMSUNG, 4, 70_000)),
        row(500, Side.BUY, SAMSUNG, 10, 70_000, "17:00:00", 4, 280_000, 0, 6).on(Venue.NXT)));

    OrderFilled fill = assertInstanceOf(OrderFilled.class, r.eventsFor("a1").get(0));
    assertEquals(4, fill.quantity());
    assertEquals(Venue.NXT, fill.venue());
    assertEquals(List.of(), r.externalOrders());
  }

  @Test
  void anEarlierGenerationsOrderIsNeverTakenForAnOrderInDoubt() {
    // A fresh start at 10:00:00, the earlier journal's last sell (8) seconds before; the new journal's
    // first sell, in doubt after a crash, is 20: within the clock tolerance both look alike.
    Agent a = new Agent("a1.g1").requested(1, Side.SELL, SAMSUNG, 1, 70_000, at("10:00:01")).inDoubt(1, at("10:00:05"));
    AccountSnapshot acct = account("10:00:30", List.of(),
        row(8, Side.SELL, SAMSUNG, 1, 70_000, "09:59:58", 1, 70_000, 0, 0),
        row(20, Side.SELL, SAMSUNG, 1, 70_000, "10:00:01", 1, 70_000, 0, 0));
    assertEquals(Optional.of(no(8)), ((InDoubtResolved) reconciler.reconcile(states(a), acct).eventsFor("a1.g1").get(0))
        .orderNo(), "without the record, the earliest row within the tolerance is taken");

    ReconcileReport r = reconciler.reconcile(states(a), acct, java.util.Set.of(no(8)));
    assertEquals(Optional.of(no(20)), ((InDoubtResolved) r.eventsFor("a1.g1").get(0)).orderNo());
    assertEquals(List.of(no(8)), r.externalOrders().stream().map(AccountOrder::orderNo).toList(),
        "the earlier generation's row stays for the witness, which knows it by number");
  }

  @Test
  void anInDoubtOrderNotFoundAfterTheGracePeriodFailed() {
    Agent a = new Agent("a1").requested(1, Side.BUY, SAMSUNG, 10, 70_000, at("10:00:00")).inDoubt(1, at("10:00:05"));
    ReconcileReport early = reconciler.reconcile(states(a), account("10:00:59", List.of()));
    assertFalse(early.hasCorrections());
    ReconcileReport late = reconciler.reconcile(states(a), account("10:01:00", List.of()));
    assertEquals(List.of(new InDoubtResolved(id("a1", 1), Optional.empty(), null, at("10:01:00"))), late.eventsFor("a1"));
    assertEquals(OrderStatus.FAILED, applied(states(a), late).get("a1").order(id("a1", 1)).orElseThrow().status());
  }

  @Test
  void anOrderWhoseReplyNeverCameIsTreatedAsInDoubtAfterTheGracePeriodOnly() {
    Agent a = new Agent("a1").requested(1, Side.BUY, SAMSUNG, 10, 70_000, at("10:00:00"));
    AccountOrder kis = row(100, Side.BUY, SAMSUNG, 10, 70_000, "10:00:01", 0, 0, 0, 10);
    // Within grace a REQUESTED order is in flight: leave it to its reply.
    ReconcileReport inFlight = reconciler.reconcile(states(a), account("10:00:10", List.of(), kis));
    assertFalse(inFlight.hasCorrections());
    ReconcileReport adopted = reconciler.reconcile(states(a), account("10:05:00", List.of(), kis));
    assertEquals(List.of(new OrderAccepted(id("a1", 1), no(100), "00950", "100001", true, at("10:05:00"))),
        adopted.eventsFor("a1"));
    ReconcileReport lost = reconciler.reconcile(states(a), account("10:05:00", List.of()));
    assertInstanceOf(OrderInDoubt.class, lost.eventsFor("a1").get(0));
    assertInstanceOf(InDoubtResolved.class, lost.eventsFor("a1").get(1));
    assertEquals(OrderStatus.FAILED, applied(states(a), lost).get("a1").order(id("a1", 1)).orElseThrow().status());
  }

  @Test
  void missedFillsAreInferredForTheDifferenceAtTheirAveragePrice() {
    Agent a = new Agent("a1").requested(1, Side.BUY, SAMSUNG, 10, 70_100, at("10:00:00")).accepted(1, 100, at("10:00:00"))
        .filled(1, 100, Side.BUY, SAMSUNG, 3, 70_000, "n1", at("10:01:00"));
    ReconcileReport r = reconciler.reconcile(states(a), account("11:00:00", List.of(new Holding(SAMSUNG, 8, 70_062)),
        row(100, Side.BUY, SAMSUNG, 10, 70_100, "10:00:00", 8, 3 * 70_000 + 5 * 70_100, 0, 2)));
    OrderFilled f = (OrderFilled) r.eventsFor("a1").get(0);
    assertEquals(5, f.quantity());
    assertEquals(70_100, f.price());
    assertEquals("inq:0000000100:8", f.execKey());
    assertEquals("rec:a1:a1-1:fill:inq:0000000100:8", r.corrections().get("a1").get(0).id());
    AgentState after = applied(states(a), r).get("a1");
    // A late websocket notice for the same shares must not count again.
    AgentState late = after.apply(new OrderFilled(id("a1", 1), no(100), SAMSUNG, Side.BUY, 5, 70_100, 0, 0, "n2",
        "100500", FillSource.NOTICE, at("11:00:01")));
    assertEquals(8, late.position(SAMSUNG).quantity());
  }

  @Test
  void aCancelKisConfirmedIsJournaledAfterAnyFillsBeforeIt() {
    Agent a = new Agent("a1").requested(1, Side.BUY, SAMSUNG, 10, 70_000, at("10:00:00")).accepted(1, 100, at("10:00:00"))
        .filled(1, 100, Side.BUY, SAMSUNG, 1, 70_000, "n1", at("10:01:00"))
        .add(new CancelRequested(id("a1", 1), "t", at("10:02:00")));
    ReconcileReport r = reconciler.reconcile(states(a), account("11:00:00", List.of(new Holding(SAMSUNG, 3, 70_000)),
        row(100, Side.BUY, SAMSUNG, 10, 70_000, "10:00:00", 3, 210_000, 7, 0)));
    List<AgentEvent> events = r.eventsFor("a1");
    assertEquals(2, ((OrderFilled) events.get(0)).quantity());
    assertEquals(new OrderCancelled(id("a1", 1), true, at("11:00:00")), events.get(1));
    AgentState after = applied(states(a), r).get("a1");
    assertEquals(OrderStatus.CANCELLED, after.order(id("a1", 1)).orElseThrow().status());
    assertEquals(3, after.order(id("a1", 1)).orElseThrow().filledQuantity());
  }

  @Test
  void aReviseTheJournalMissedIsAdoptedAndItsFillsCount() {
    Agent a = new Agent("a1").requested(1, Side.BUY, SAMSUNG, 10, 70_000, at("10:00:00")).accepted(1, 100, at("10:00:00"))
        .add(new ReviseRequested(id("a1", 1), 70_500, at("10:05:00")));
    AccountOrder original = row(100, Side.BUY, SAMSUNG, 10, 70_000, "10:00:00", 0, 0, 0, 0);
    AccountOrder revise = new AccountOrder(no(105), Optional.of(no(100)), AccountOrder.Kind.REVISE, "00950", Side.BUY,
        SAMSUNG, 10, 70_500, LocalTime.parse("10:05:01"), 4, 4 * 70_500, 0, 6);
    ReconcileReport r = reconciler.reconcile(states(a), account("11:00:00", List.of(new Holding(SAMSUNG, 4, 70_500)),
        original, revise));
    List<AgentEvent> events = r.eventsFor("a1");
    assertEquals(new OrderRevised(id("a1", 1), no(105), 70_500, true, at("11:00:00")), events.get(0));
    assertEquals("inq:0000000105:4", ((OrderFilled) events.get(1)).execKey());
    assertEquals(2, events.size()); // the original's zero remainder is not a cancel: the revise carries it
    assertEquals(List.of(), r.externalOrders());
    assertTrue(reconciler.reconcile(applied(states(a), r), account("11:00:00",
        List.of(new Holding(SAMSUNG, 4, 70_500)), original, revise)).isClean());
  }

  @Test
  void aLiveOrderFromAnEarlierDayExpiredOvernight() {
    Instant yesterday = LocalTime.parse("14:00:00").atDate(TODAY.minusDays(1)).atZone(SEOUL).toInstant();
    Agent a = new Agent("a1").requested(1, Side.BUY, SAMSUNG, 10, 70_000, yesterday).accepted(1, 100, yesterday)
        .requested(2, Side.BUY, SAMSUNG, 5, 70_000, yesterday).inDoubt(2, yesterday);
    ReconcileReport r = reconciler.reconcile(states(a), account("08:00:00", List.of()));
    assertEquals(List.of(new OrderExpired(id("a1", 1), TODAY.minusDays(1), at("08:00:00")),
        new OrderExpired(id("a1", 2), TODAY.minusDays(1), at("08:00:00"))), r.eventsFor("a1"));
  }

  @Test
  void ordersNoAgentOwnsAreReportedAsExternalAndExplainDrift() {
    Agent a = new Agent("a1").requested(1, Side.BUY, SAMSUNG, 10, 70_000, at("10:00:00")).accepted(1, 100, at("10:00:00"))
        .filled(1, 100, Side.BUY, SAMSUNG, 10, 70_000, "n1", at("10:01:00"));
    AccountOrder manual = row(900, Side.BUY, SAMSUNG, 5, 69_900, "10:30:00", 5, 349_500, 0, 0);
    ReconcileReport r = reconciler.reconcile(states(a), account("11:00:00", List.of(new Holding(SAMSUNG, 15, 70_000)),
        row(100, Side.BUY, SAMSUNG, 10, 70_000, "10:00:00", 10, 700_000, 0, 0), manual));
    assertFalse(r.hasCorrections());
    assertEquals(List.of(manual), r.externalOrders());
    assertEquals("reconciliation: 0 correction(s) for 0 agent(s), 1 external order(s) (0 on traded symbols), "
        + "1 drifting symbol(s), 0 difference(s) within grace, 0 note(s)", r.summary());
    assertEquals(List.of(new PositionDrift(SAMSUNG, 15, 10, Map.of("a1", 10L), 5)), r.drifts());
    assertEquals(5, r.drifts().get(0).difference());
  }

  @Test
  void holdingsNoAgentKnowsAndPositionsTheAccountLacksAreBothDrift() {
    Agent a = new Agent("a1").requested(1, Side.BUY, SAMSUNG, 10, 70_000, at("10:00:00")).accepted(1, 100, at("10:00:00"))
        .filled(1, 100, Side.BUY, SAMSUNG, 10, 70_000, "n1", at("10:01:00"));
    ReconcileReport r = reconciler.reconcile(states(a), account("11:00:00", List.of(new Holding(HYNIX, 3, 100_000)),
        row(100, Side.BUY, SAMSUNG, 10, 70_000, "10:00:00", 10, 700_000, 0, 0)));
    assertEquals(List.of(new PositionDrift(HYNIX, 3, 0, Map.of(), 0),
        new PositionDrift(SAMSUNG, 0, 10, Map.of("a1", 10L), 0)), r.drifts());
  }

  @Test
  void repeatingTheSameReconciliationAfterApplyingItChangesNothing() {
    Instant yesterday = LocalTime.parse("14:00:00").atDate(TODAY.minusDays(1)).atZone(SEOUL).toInstant();
    Agent a1 = new Agent("a1")
        .requested(1, Side.BUY, SAMSUNG, 10, 70_000, at("10:00:00")).inDoubt(1, at("10:00:03")) // adopted + filled
        .requested(2, Side.SELL, SAMSUNG, 4, 71_000, at("10:10:00")).inDoubt(2, at("10:10:03")) // never reached KIS
        .requested(3, Side.BUY, HYNIX, 5, 100_000, at("10:20:00")).accepted(3, 110, at("10:20:00"))
        .filled(3, 110, Side.BUY, HYNIX, 1, 100_000, "n3", at("10:21:00")); // two more fills missed, then cancelled
    Agent a2 = new Agent("a2")
        .requested(1, Side.BUY, HYNIX, 2, 99_900, yesterday).accepted(1, 50, yesterday) // expired overnight
        .requested(2, Side.BUY, SAMSUNG, 3, 70_000, at("10:30:00")) // reply lost: adopted late
        .requested(3, Side.BUY, SAMSUNG, 2, 69_000, at("10:40:00")).accepted(3, 130, at("10:40:00"))
        .add(new ReviseRequested(id("a2", 3), 69_500, at("10:50:00"))); // revised at KIS, then filled
    AccountSnapshot acct = account("11:30:00",
        List.of(new Holding(SAMSUNG, 15, 69_966), new Holding(HYNIX, 3, 100_000)),
        row(100, Side.BUY, SAMSUNG, 10, 70_000, "10:00:01", 10, 700_000, 0, 0),
        row(110, Side.BUY, HYNIX, 5, 100_000, "10:20:00", 3, 300_000, 2, 0),
        row(120, Side.BUY, SAMSUNG, 3, 70_000, "10:30:01", 3, 210_000, 0, 0),
        row(130, Side.BUY, SAMSUNG, 2, 69_000, "10:40:00", 0, 0, 0, 0),
        new AccountOrder(no(131), Optional.of(no(130)), AccountOrder.Kind.REVISE, "00950", Side.BUY, SAMSUNG, 2,
            69_500, LocalTime.parse("10:50:01"), 2, 139_000, 0, 0),
        row(900, Side.SELL, HYNIX, 1, 101_000, "11:00:00", 0, 0, 0, 1)); // external, unfilled
    Map<String, AgentState> before = states(a1, a2);

    ReconcileReport first = reconciler.reconcile(before, acct);
    assertTrue(first.hasCorrections());
    assertEquals(List.of(), first.drifts(), first::toString);
    assertEquals(first, reconciler.reconcile(before, acct)); // deterministic
    long ids = first.corrections().values().stream().flatMap(List::stream).map(Correction::id).distinct().count();
    assertEquals(first.corrections().values().stream().mapToLong(List::size).sum(), ids); // ids are unique

    Map<String, AgentState> after = applied(before, first);
    ReconcileReport second = reconciler.reconcile(after, acct);
    assertTrue(second.isClean(), second::toString);
    assertEquals(first.externalOrders(), second.externalOrders());

    AgentState s1 = after.get("a1");
    assertEquals(OrderStatus.FILLED, s1.order(id("a1", 1)).orElseThrow().status());
    assertEquals(OrderStatus.FAILED, s1.order(id("a1", 2)).orElseThrow().status());
    assertEquals(OrderStatus.CANCELLED, s1.order(id("a1", 3)).orElseThrow().status());
    AgentState s2 = after.get("a2");
    assertEquals(OrderStatus.EXPIRED, s2.order(id("a2", 1)).orElseThrow().status());
    assertEquals(OrderStatus.FILLED, s2.order(id("a2", 2)).orElseThrow().status());
    assertEquals(OrderStatus.FILLED, s2.order(id("a2", 3)).orElseThrow().status());
    assertEquals(10, s1.position(SAMSUNG).quantity());
    assertEquals(3, s1.position(HYNIX).quantity());
    assertEquals(5, s2.position(SAMSUNG).quantity());
  }

  @Test
  void anOrderPushedOutOfTheClosedWindowByACorrectionIsSkippedNotAnError() {
    Agent a = new Agent("a1").requested(0, Side.BUY, SAMSUNG, 1, 70_000, at("09:00:00")).accepted(0, 1000, at("09:00:00"));
    for (int i = 1; i <= AgentState.CLOSED_KEPT; i++) {
      a.requested(i, Side.BUY, SAMSUNG, 1, 70_000, at("09:00:01")).accepted(i, 1000 + i, at("09:00:01"))
          .filled(i, 1000 + i, Side.BUY, SAMSUNG, 1, 70_000, "n" + i, at("09:00:02"));
    }
    ReconcileReport r = reconciler.reconcile(states(a), account("11:00:00",
        List.of(new Holding(SAMSUNG, AgentState.CLOSED_KEPT, 70_000)),
        row(1000, Side.BUY, SAMSUNG, 1, 70_000, "09:00:00", 0, 0, 1, 0)));
    assertEquals(List.of(new OrderCancelled(id("a1", 0), true, at("11:00:00"))), r.eventsFor("a1"));
  }

  @Test
  void aDayOfMoreOrdersThanTheClosedWindowKeepsReportsNoneOfThemExternal() {
    int orders = AgentState.CLOSED_KEPT + 50;
    Agent a = new Agent("a1");
    List<AccountOrder> rows = new ArrayList<>();
    for (int i = 1; i <= orders; i++) {
      a.requested(i, Side.BUY, SAMSUNG, 1, 70_000, at("09:00:01")).accepted(i, 1000 + i, at("09:00:01"))
          .filled(i, 1000 + i, Side.BUY, SAMSUNG, 1, 70_000, "n" + i, at("09:00:02"));
      rows.add(row(1000 + i, Side.BUY, SAMSUNG, 1, 70_000, "09:00:01", 1, 70_000, 0, 0));
    }
    // One order placed by hand, under a number no agent order had.
    rows.add(row(9999, Side.BUY, HYNIX, 1, 128_000, "09:30:00", 0, 0, 0, 1));
    assertTrue(a.state().order(id("a1", 1)).isEmpty(), "the day's first orders left the closed window");
    ReconcileReport r = reconciler.reconcile(states(a), account("11:00:00",
        List.of(new Holding(SAMSUNG, orders, 70_000)), rows.toArray(AccountOrder[]::new)));
    assertEquals(List.of(no(9999)), r.externalOrders().stream().map(AccountOrder::orderNo).toList());
    assertEquals(List.of(), r.drifts());
    assertFalse(r.hasCorrections(), r::toString);
  }

  @Test
  void yesterdaysPrunedOrderNumbersDoNotClaimTodaysOrders() {
    int orders = AgentState.CLOSED_KEPT + 5;
    Agent a = new Agent("a1");
    Instant yesterday = at("09:00:01").minus(Duration.ofDays(1));
    for (int i = 1; i <= orders; i++) {
      a.requested(i, Side.BUY, SAMSUNG, 1, 70_000, yesterday).accepted(i, 1000 + i, yesterday)
          .filled(i, 1000 + i, Side.BUY, SAMSUNG, 1, 70_000, "n" + i, yesterday);
    }
    // KIS numbers restart daily: today's 1001 is someone else's order.
    ReconcileReport r = reconciler.reconcile(states(a), account("11:00:00",
        List.of(new Holding(SAMSUNG, orders, 70_000), new Holding(HYNIX, 1, 128_000)),
        row(1001, Side.BUY, HYNIX, 1, 128_000, "09:30:00", 1, 128_000, 0, 0)));
    assertEquals(List.of(no(1001)), r.externalOrders().stream().map(AccountOrder::orderNo).toList());
  }

  @Test
  void anInferredFillWhoseAverageIsNotAWholeWonKeepsKisExactAmount() {
    // A market buy of 3 swept two levels (2 at 71,000 and 1 at 71,100: 213,100 won) and both
    // notices were lost; 213,100 / 3 is not a whole won, and the books must still pay exactly it.
    Agent a = new Agent("a1").requested(1, Side.BUY, SAMSUNG, 3, 71_000, at("10:00:00")).accepted(1, 100, at("10:00:00"));
    AccountSnapshot acct = account("10:00:30", List.of(new Holding(SAMSUNG, 3, 71_033)),
        row(100, Side.BUY, SAMSUNG, 3, 71_000, "10:00:00", 3, 213_100, 0, 0));
    ReconcileReport r = reconciler.reconcile(states(a), acct);
    AgentState after = applied(states(a), r).get("a1");
    assertEquals(3, after.position(SAMSUNG).quantity());
    assertEquals(213_100, after.order(id("a1", 1)).orElseThrow().filledValue());
    long fees = r.eventsFor("a1").stream().mapToLong(e -> ((OrderFilled) e).fee()).sum();
    assertEquals(-213_100 - fees, after.cashFlow());
    assertTrue(reconciler.reconcile(Map.of("a1", after), acct).isClean(), "a second run finds nothing to do");
  }

  @Test
  void fillsInferredFromTheInquiryBringTheOrdersFeeAndTaxToExactlyWhatKisChargesItsAmount() {
    // A sell of 10 filled 3 at 70,100 (notice booked), then 3 at 70,200 and 4 at 70,300, whose
    // notices were lost: KIS reports 10 for 702,100 won and charges fee and tax on that amount.
    long total = 3 * 70_100 + 3 * 70_200 + 4 * 70_300;
    Agent a = new Agent("a1").requested(1, Side.SELL, SAMSUNG, 10, 70_100, at("10:00:00"))
        .accepted(1, 100, at("10:00:00"));
    AgentState before = a.state();
    a.add(FillCosts.priced(before.order(id("a1", 1)).orElseThrow(), new OrderFilled(id("a1", 1), no(100), SAMSUNG,
        Side.SELL, 3, 70_100, 0, 0, "n1", "100001", FillSource.NOTICE, at("10:00:01")), COSTS));
    AccountSnapshot acct = account("10:00:30", List.of(), row(100, Side.SELL, SAMSUNG, 10, 70_100, "10:00:00", 10,
        total, 0, 0));
    AgentState after = applied(states(a), reconciler.reconcile(states(a), acct)).get("a1");
    assertEquals(total, after.order(id("a1", 1)).orElseThrow().filledValue());
    assertEquals(COSTS.fee(total), after.fees());
    assertEquals(COSTS.tax(Side.SELL, total), after.taxes());
    assertEquals(total - COSTS.fee(total) - COSTS.tax(Side.SELL, total), after.cashFlow());
  }

  @Test
  void aReviseOrCancelKisNeverListedIsGivenUpAfterTheGracePeriodAndTheOrderWorksOn() {
    Agent a = new Agent("a1").requested(1, Side.BUY, SAMSUNG, 10, 70_000, at("10:00:00")).accepted(1, 100, at("10:00:00"))
        .add(new ReviseRequested(id("a1", 1), 69_900, at("10:01:00")))
        .requested(2, Side.BUY, HYNIX, 1, 128_000, at("10:00:00")).accepted(2, 101, at("10:00:00"))
        .add(new CancelRequested(id("a1", 2), "t", at("10:01:00")));
    // The revise and the cancel timed out and never reached KIS: it lists only the originals.
    AccountOrder[] rows = {row(100, Side.BUY, SAMSUNG, 10, 70_000, "10:00:00", 0, 0, 0, 10),
        row(101, Side.BUY, HYNIX, 1, 128_000, "10:00:00", 0, 0, 0, 1)};
    assertTrue(reconciler.reconcile(states(a), account("10:01:30", List.of(), rows)).isClean(),
        "within the grace period KIS may still list them");
    ReconcileReport r = reconciler.reconcile(states(a), account("10:02:01", List.of(), rows));
    assertEquals(2, r.eventsFor("a1").size(), r::toString);
    assertTrue(r.eventsFor("a1").stream().allMatch(e -> e instanceof kis.journal.event.ModifyRejected), r::toString);
    AgentState after = applied(states(a), r).get("a1");
    assertEquals(OrderStatus.WORKING, after.order(id("a1", 1)).orElseThrow().status());
    assertEquals(70_000, after.order(id("a1", 1)).orElseThrow().price());
    assertEquals(OrderStatus.WORKING, after.order(id("a1", 2)).orElseThrow().status());
    assertTrue(reconciler.reconcile(Map.of("a1", after), account("10:02:05", List.of(), rows)).isClean());
  }
}
