package kis.journal.state;

import static kis.journal.state.Ev.SAMSUNG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import kis.journal.OrderSpec;
import kis.journal.Side;
import kis.journal.event.AgentEvent;
import kis.journal.event.OrderAccepted;
import kis.journal.event.OrderFilled;
import kis.journal.event.OrderRequested;
import kis.journal.event.OrderRevised;
import kis.journal.event.ReviseRequested;
import kis.journal.event.AgentParked;
import kis.journal.event.AgentResumed;
import kis.journal.event.FillSource;
import org.junit.jupiter.api.Test;

class AgentStateTest {

  private static AgentState fold(AgentEvent... events) {
    AgentState s = AgentState.empty("a1");
    for (AgentEvent e : events) {
      s = s.apply(e);
      assertEquals(List.of(), s.invariantViolations(), () -> "after " + e);
    }
    return s;
  }

  private static Order order(AgentState s, int n) {
    return s.order(Ev.id(n)).orElseThrow();
  }

  @Test
  void aRequestedOrderIsOpenAndAdvancesTheOrderSequence() {
    AgentState s = fold(Ev.buy(7, 10, 70_000));
    assertEquals(OrderStatus.REQUESTED, order(s, 7).status());
    assertEquals(8, s.nextOrderSeq());
    assertEquals(1, s.openOrders().size());
  }

  @Test
  void theFoldKeepsOpenOrdersAndPositionsInSortedArrayMapsSoTheNextStepCopiesNoTree() {
    // A TreeMap copied per order event (behind an unmodifiable wrapper, re-inserting every order)
    // was the agents' largest per-event cost in JournalThroughput and the backtest (bench/README.md).
    AgentState s = fold(Ev.buy(1, 10, 70_000), Ev.buy(2, 10, 70_000), Ev.accepted(1),
        Ev.fill(1, Side.BUY, 10, 70_000, "x1"));
    assertTrue(s.openOrders() instanceof SortedArrayMap, s.openOrders().getClass().getName());
    assertTrue(s.positions() instanceof SortedArrayMap, s.positions().getClass().getName());
    assertEquals(List.of("a1-2"), List.copyOf(s.openOrders().keySet()));
  }

  @Test
  void partialFillThenCancelCancelsOnlyTheRemainder() {
    AgentState s = fold(Ev.buy(1, 10, 70_000), Ev.accepted(1), Ev.fill(1, Side.BUY, 4, 70_000, "x1"),
        Ev.cancelRequested(1), Ev.cancelled(1));
    Order o = order(s, 1);
    assertEquals(OrderStatus.CANCELLED, o.status());
    assertEquals(4, o.filledQuantity());
    assertEquals(6, o.cancelledQuantity());
    assertEquals(4, s.position(SAMSUNG).quantity());
    assertTrue(s.openOrders().isEmpty());
  }

  @Test
  void theSameFillReportedTwiceCountsOnce() {
    AgentState s = fold(Ev.buy(1, 10, 70_000), Ev.accepted(1), Ev.fill(1, Side.BUY, 4, 70_000, "x1"),
        Ev.fill(1, Side.BUY, 4, 70_000, "x1"));
    assertEquals(4, order(s, 1).filledQuantity());
    assertEquals(4, s.position(SAMSUNG).quantity());
    assertEquals(0, s.anomalyCount());
  }

  @Test
  void aFillBeyondTheOrderQuantityIsCappedAndFlagged() {
    AgentState s = fold(Ev.buy(1, 10, 70_000), Ev.accepted(1), Ev.fill(1, Side.BUY, 8, 70_000, "x1"),
        Ev.fill(1, Side.BUY, 8, 70_000, "x2"));
    assertEquals(10, order(s, 1).filledQuantity());
    assertEquals(OrderStatus.FILLED, order(s, 1).status());
    assertEquals(10, s.position(SAMSUNG).quantity());
    assertEquals(1, s.anomalyCount());
  }

  @Test
  void aNoticeMatchingSharesAnInquiryAlreadyCountedDoesNotCountAgain() {
    AgentState s = fold(Ev.buy(1, 10, 70_000), Ev.accepted(1),
        Ev.fill(1, Side.BUY, 6, 70_000, "inq-1", FillSource.INQUIRY),
        Ev.fill(1, Side.BUY, 4, 70_000, "n-1"), Ev.fill(1, Side.BUY, 4, 70_000, "n-2"));
    assertEquals(8, order(s, 1).filledQuantity(), "6 from the inquiry, 2 new from the second notice");
    assertEquals(8, s.position(SAMSUNG).quantity());
  }

  @Test
  void aLateFillAfterTheCancelConfirmationStillCounts() {
    AgentState s = fold(Ev.buy(1, 10, 70_000), Ev.accepted(1), Ev.cancelRequested(1), Ev.cancelled(1),
        Ev.fill(1, Side.BUY, 3, 70_000, "x1"));
    Order o = order(s, 1);
    assertEquals(OrderStatus.CANCELLED, o.status());
    assertEquals(3, o.filledQuantity());
    assertEquals(7, o.cancelledQuantity());
    assertEquals(3, s.position(SAMSUNG).quantity());
  }

  @Test
  void aFillRacingTheCancelRequestFillsTheOrderAndTheRefusalIsHarmless() {
    AgentState s = fold(Ev.buy(1, 10, 70_000), Ev.accepted(1), Ev.cancelRequested(1),
        Ev.fill(1, Side.BUY, 10, 70_000, "x1"), Ev.modifyRejected(1));
    assertEquals(OrderStatus.FILLED, order(s, 1).status());
    assertEquals(0, s.anomalyCount());
  }

  @Test
  void reviseMovesThePriceAndLateFillsUnderTheOldNumberStillFindTheOrder() {
    AgentState s = fold(Ev.buy(1, 10, 70_000), Ev.accepted(1), Ev.fill(1, Side.BUY, 2, 70_000, "x1"),
        Ev.reviseRequested(1, 70_100));
    assertEquals(OrderStatus.PENDING_REVISE, order(s, 1).status());
    assertEquals(70_000, order(s, 1).price(), "works at the old price until KIS confirms");
    s = s.apply(Ev.revised(1, 2001, 70_100));
    Order o = order(s, 1);
    assertEquals(OrderStatus.PARTIALLY_FILLED, o.status());
    assertEquals(70_100, o.price());
    assertEquals(Ev.no(2001), o.orderNo());
    assertEquals(o, s.orderByNo(Ev.no(1001)).orElseThrow(), "the pre-revise number still maps to the order");
    assertEquals(o, s.orderByNo(Ev.no(2001)).orElseThrow());
  }

  @Test
  void aRefusedReviseLeavesTheOrderWorkingAtItsPrice() {
    AgentState s = fold(Ev.buy(1, 10, 70_000), Ev.accepted(1), Ev.reviseRequested(1, 70_100),
        Ev.modifyRejected(1));
    assertEquals(OrderStatus.WORKING, order(s, 1).status());
    assertEquals(70_000, order(s, 1).price());
    assertEquals(0, order(s, 1).pendingPrice());
  }

  @Test
  void dayRollExpiresTheRemainderAndThePositionCarriesOver() {
    AgentState s = fold(Ev.buy(1, 10, 70_000), Ev.accepted(1), Ev.fill(1, Side.BUY, 6, 70_000, "x1"),
        Ev.expired(1));
    Order o = order(s, 1);
    assertEquals(OrderStatus.EXPIRED, o.status());
    assertEquals(4, o.cancelledQuantity());
    assertTrue(s.openOrders().isEmpty());
    assertEquals(6, s.position(SAMSUNG).quantity());
    assertEquals(420_000, s.position(SAMSUNG).costBasis());
  }

  @Test
  void realizedPnlIsNetOfKisFeesAndSellTax() {
    AgentState s = fold(Ev.buy(1, 10, 70_000), Ev.accepted(1), Ev.fill(1, Side.BUY, 10, 70_000, "b1"),
        Ev.sell(2, 10, 71_000), Ev.accepted(2), Ev.fill(2, Side.SELL, 10, 71_000, "s1"));
    // Buy 700,000: fee 98. Sell 710,000: fee 99, tax 0.20 % = 1,420.
    assertEquals(10_000, s.realizedPnl());
    assertEquals(98 + 99, s.fees());
    assertEquals(1_420, s.taxes());
    assertEquals(10_000 - 98 - 99 - 1_420, s.netRealizedPnl());
    assertEquals(s.netRealizedPnl(), s.cashFlow(), "flat again: all cash moved is realized P&L");
    assertEquals(0, s.position(SAMSUNG).quantity());
    assertEquals(0, s.position(SAMSUNG).costBasis());
  }

  @Test
  void aPartialSaleRealizesAgainstTheAverageCost() {
    AgentState s = fold(Ev.buy(1, 3, 70_000), Ev.accepted(1), Ev.fill(1, Side.BUY, 1, 70_000, "b1"),
        Ev.fill(1, Side.BUY, 2, 70_100, "b2"), Ev.sell(2, 2, 71_000), Ev.accepted(2),
        Ev.fill(2, Side.SELL, 2, 71_000, "s1"));
    // Cost 210,200 for 3; selling 2 takes out 140,133 (rounded down) and realizes 1,867.
    assertEquals(1_867, s.realizedPnl());
    assertEquals(1, s.position(SAMSUNG).quantity());
    assertEquals(70_067, s.position(SAMSUNG).costBasis());
  }

  @Test
  void illegalTransitionsAreRecordedAsAnomaliesAndNeverThrow() {
    AgentState s = fold(Ev.buy(1, 10, 70_000), Ev.rejected(1), Ev.cancelled(1), Ev.accepted(1),
        Ev.cancelled(99));
    assertEquals(OrderStatus.REJECTED, order(s, 1).status());
    assertEquals(3, s.anomalyCount());
    assertEquals(3, s.anomalies().size());
    assertEquals(5, s.eventCount());
  }

  @Test
  void aFillForAnUnknownOrderStillMovesThePosition() {
    AgentState s = fold(Ev.fill(5, Side.BUY, 2, 70_000, "x1"));
    assertEquals(2, s.position(SAMSUNG).quantity());
    assertEquals(1, s.anomalyCount());
  }

  @Test
  void aDeniedOrderIsClosedAndNeverWorks() {
    AgentState s = fold(Ev.denied(3));
    assertEquals(OrderStatus.DENIED, order(s, 3).status());
    assertTrue(s.openOrders().isEmpty());
    assertEquals(4, s.nextOrderSeq());
  }

  @Test
  void anInDoubtOrderIsAdoptedOrFailedByTheReconciler() {
    AgentState s = fold(Ev.buy(1, 10, 70_000), Ev.inDoubt(1), Ev.buy(2, 10, 70_000), Ev.inDoubt(2),
        Ev.found(1), Ev.notFound(2));
    assertEquals(OrderStatus.WORKING, order(s, 1).status());
    assertEquals(Ev.no(1001), order(s, 1).orderNo());
    assertEquals(OrderStatus.FAILED, order(s, 2).status());
  }

  @Test
  void aPositionCorrectionAppliesOncePerFinding() {
    AgentState s = fold(Ev.buy(1, 10, 70_000), Ev.accepted(1), Ev.fill(1, Side.BUY, 10, 70_000, "b1"),
        Ev.corrected(12, 70_000, "rc-1"), Ev.corrected(12, 70_000, "rc-1"));
    assertEquals(12, s.position(SAMSUNG).quantity());
    assertEquals(140_000, s.correctionCost());
  }

  @Test
  void parkAndResumeToggleTheAgent() {
    AgentState s = fold(new AgentParked("operator", Ev.T));
    assertTrue(s.parked());
    s = s.apply(new AgentResumed("operator", Ev.T));
    assertEquals(false, s.parked());
  }

  @Test
  void theStateHashIsEqualForEqualHistoriesAndDiffersOtherwise() {
    List<AgentEvent> events = new ArrayList<>(List.of(Ev.buy(1, 10, 70_000), Ev.accepted(1),
        Ev.fill(1, Side.BUY, 4, 70_000, "x1")));
    AgentState a = AgentState.fold("a1", events);
    AgentState b = AgentState.fold("a1", events);
    assertEquals(a, b);
    assertEquals(a.stateHash(), b.stateHash());
    events.add(Ev.fill(1, Side.BUY, 1, 70_000, "x2"));
    assertNotEquals(a.stateHash(), AgentState.fold("a1", events).stateHash());
  }

  @Test
  void closedOrdersAreBoundedSoALongLivedAgentStaysSmall() {
    AgentState s = AgentState.empty("a1");
    for (int n = 1; n <= AgentState.CLOSED_KEPT + 50; n++) {
      s = s.apply(Ev.buy(n, 1, 70_000)).apply(Ev.rejected(n));
    }
    assertEquals(AgentState.CLOSED_KEPT, s.closedOrders().size());
    assertEquals(Ev.id(51), s.closedOrders().get(0).id());
    assertEquals(List.of(), s.invariantViolations());
  }

  /** Orders {@code from..to}, each bought, accepted as 1000 + n and filled, all at {@code at}. */
  static List<AgentEvent> filledOrders(int from, int to, Instant at) {
    List<AgentEvent> events = new ArrayList<>();
    for (int n = from; n <= to; n++) {
      events.add(new OrderRequested(Ev.id(n), OrderSpec.limit(SAMSUNG, Side.BUY, 1, 70_000), "t", at));
      events.add(new OrderAccepted(Ev.id(n), Ev.no(1000 + n), "06010", "090001", false, at));
      if (n == from) {
        // One revised order: KIS knows it under two numbers.
        events.add(new ReviseRequested(Ev.id(n), 70_100, at));
        events.add(new OrderRevised(Ev.id(n), Ev.no(5000 + n), 70_100, false, at));
      }
      events.add(new OrderFilled(Ev.id(n), Ev.no(1000 + n), SAMSUNG, Side.BUY, 1, 70_000, 9, 0, "e" + n, "090002",
          FillSource.NOTICE, at));
    }
    return events;
  }

  @Test
  void theDaysOrderNumbersPastTheClosedWindowStayOwnedUntilTheNextDaysPushThemOut() {
    LocalDate day = LocalDate.of(2026, 11, 24);
    Instant morning = Instant.parse("2026-11-24T01:00:00Z");
    AgentState s = AgentState.fold("a1", filledOrders(1, AgentState.CLOSED_KEPT + 60, morning));
    assertEquals(AgentState.CLOSED_KEPT, s.closedOrders().size());
    assertTrue(s.order(Ev.id(1)).isEmpty(), "the first order left the closed window");
    assertTrue(s.ownsOrderNo(Ev.no(1001), day));
    assertTrue(s.ownsOrderNo(Ev.no(5001), day), "its number after the revise too");
    assertTrue(s.ownsOrderNo(Ev.no(1060), day));
    assertTrue(s.ownsOrderNo(Ev.no(1000 + AgentState.CLOSED_KEPT + 60), day), "a closed order still in the window");
    assertEquals(61, s.prunedOrderNos().of(day).size());
    // KIS numbers restart every day: yesterday's numbers say nothing about another day's orders.
    assertTrue(!s.ownsOrderNo(Ev.no(1001), day.plusDays(1)));
    assertTrue(!s.ownsOrderNo(Ev.no(999), day), "a number no order had");
    assertEquals(List.of(), s.invariantViolations());

    Instant nextMorning = morning.plus(Duration.ofDays(1));
    List<AgentEvent> next = filledOrders(1000, 1000 + AgentState.CLOSED_KEPT + 9, nextMorning);
    for (AgentEvent e : next) {
      s = s.apply(e);
    }
    assertEquals(List.of(), s.prunedOrderNos().of(day), "the previous day's numbers are dropped");
    assertEquals(11, s.prunedOrderNos().of(day.plusDays(1)).size());
    assertTrue(s.ownsOrderNo(Ev.no(2000), day.plusDays(1)));
  }
}
