package kis.journal.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import kis.journal.ClientOrderId;
import kis.journal.OrderNo;
import kis.journal.OrderSpec;
import kis.journal.RejectReason;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.event.AgentEvent;
import kis.journal.event.ModifyRejected;
import kis.journal.event.OrderAccepted;
import kis.journal.event.OrderDenied;
import kis.journal.event.OrderRequested;
import kis.journal.event.ReviseRequested;
import kis.journal.state.AgentState;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Journals written before repeated denials (and refused revises) were counted carry no
 * {@code repeats}: each of their denials and refused revises replays as one journaled as it
 * happened. A record closing a run folds like any denial (one order id, one denied order) or any
 * refused revise (the order keeps its price), so books and state hashes do not depend on the count.
 */
class RepeatedDenialCompatibilityTest {
  @AutoClose static final OlderSchema schema = new OlderSchema("repeats");
  static final Instant T = Instant.parse("2026-12-07T01:00:00Z");
  static final Symbol SAMSUNG = Symbol.of("005930");
  static final OrderSpec BUY = OrderSpec.limit(SAMSUNG, Side.BUY, 1, 64_000);

  @Test
  void anOrderDeniedWrittenWithoutRepeatsReplaysAsOneDenial() throws Exception {
    OrderDenied written = new OrderDenied(new ClientOrderId("a1-3"), BUY, RejectReason.RISK_HALTED, "not live", T, 4);
    OrderDenied replayed = (OrderDenied) schema.load(schema.without(written, "repeats"), OrderDenied.class);
    assertEquals(0, replayed.repeats());
    assertEquals(1, replayed.attempts());
    assertEquals(new OrderDenied(new ClientOrderId("a1-3"), BUY, RejectReason.RISK_HALTED, "not live", T), replayed);
  }

  @Test
  void aRunsRecordKeepsItsCountThroughTheJournal() {
    OrderDenied run = new OrderDenied(new ClientOrderId("a1-5"), BUY, RejectReason.RISK_HALTED, "not live", T, 4);
    assertEquals(run, schema.roundTrip(run));
    assertEquals(4, run.attempts());
  }

  @Test
  void aRunsRecordFoldsLikeAnyDenialItsSkippedIdsStayUsed() {
    List<AgentEvent> first = List.of(new OrderDenied(new ClientOrderId("a1-1"), BUY, RejectReason.RISK_HALTED, "x", T));
    AgentState withRun = AgentState.fold("a1", List.of(first.get(0),
        new OrderDenied(new ClientOrderId("a1-5"), BUY, RejectReason.RISK_HALTED, "x", T, 4)));
    AgentState withoutCount = AgentState.fold("a1", List.of(first.get(0),
        new OrderDenied(new ClientOrderId("a1-5"), BUY, RejectReason.RISK_HALTED, "x", T)));
    assertEquals(6, withRun.nextOrderSeq(), "ids 2..4 were the run's, never handed out again");
    assertEquals(withoutCount.stateHash(), withRun.stateHash());
  }

  @Test
  void aRunsRecordUnderTheIdOfTheDenialThatOpenedItsWindowIsThatDenialsCountNotASecondOrder() {
    OrderDenied first = new OrderDenied(new ClientOrderId("a1-1"), BUY, RejectReason.RISK_HALTED, "x", T);
    AgentState withRun = AgentState.fold("a1", List.of(first,
        new OrderDenied(new ClientOrderId("a1-1"), BUY, RejectReason.RISK_HALTED, "y", T, 4)));
    assertEquals(2, withRun.nextOrderSeq(), "the repeats took no id");
    assertEquals(1, withRun.closedOrders().size());
    assertEquals(0, withRun.anomalyCount());
  }

  @Test
  void aRevisesRunWhoseOrderWasCancelledMeanwhileIsItsCountAloneAndTouchesNothing() {
    ClientOrderId id = new ClientOrderId("a1-1");
    List<AgentEvent> cancelled = List.of(new OrderRequested(id, BUY, "x", T),
        new OrderAccepted(id, OrderNo.of("1"), "06010", "090000", false, T),
        new kis.journal.event.OrderCancelled(id, false, T));
    List<AgentEvent> withCount = new java.util.ArrayList<>(cancelled);
    withCount.add(new ModifyRejected(id, "RISK_HALTED", "not live", T, 3));
    AgentState books = AgentState.fold("a1", withCount);
    assertEquals(0, books.anomalyCount(), books.anomalies().toString());
    assertEquals(AgentState.fold("a1", cancelled).closedOrders(), books.closedOrders());
    withCount.set(3, new ModifyRejected(new ClientOrderId("a1-9"), "RISK_HALTED", "not live", T, 3));
    assertEquals(0, AgentState.fold("a1", withCount).anomalyCount(), "nor for an order the books no longer hold");
  }

  @Test
  void anOrdinaryDenialRendersAsBeforeARunNamesItsCount() {
    OrderDenied d = new OrderDenied(new ClientOrderId("a1-1"), BUY, RejectReason.RISK_HALTED, "x", T);
    assertEquals("OrderDenied[orderId=a1-1, spec=" + BUY + ", reason=RISK_HALTED, detail=x, recordedAt=" + T + "]",
        d.toString());
    assertEquals("OrderDenied[orderId=a1-5, spec=" + BUY + ", reason=RISK_HALTED, detail=x, recordedAt=" + T
        + ", repeats=4]", new OrderDenied(new ClientOrderId("a1-5"), BUY, RejectReason.RISK_HALTED, "x", T, 4).toString());
  }

  @Test
  void aNegativeCountIsRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> new OrderDenied(new ClientOrderId("a1-1"), BUY, RejectReason.RISK_HALTED, "x", T, -1));
  }

  @Test
  void aModifyRejectedWrittenWithoutRepeatsReplaysAsOneRefusal() throws Exception {
    ModifyRejected written = new ModifyRejected(new ClientOrderId("a1-3"), "RISK_HALTED", "not live", T, 7);
    ModifyRejected replayed = (ModifyRejected) schema.load(schema.without(written, "repeats"), ModifyRejected.class);
    assertEquals(0, replayed.repeats());
    assertEquals(1, replayed.attempts());
    assertEquals(new ModifyRejected(new ClientOrderId("a1-3"), "RISK_HALTED", "not live", T), replayed);
  }

  @Test
  void aRevisesRunRecordKeepsItsCountAndFoldsLikeAnyRefusedRevise() {
    ModifyRejected run = new ModifyRejected(new ClientOrderId("a1-1"), "RISK_HALTED", "not live", T, 7);
    assertEquals(run, schema.roundTrip(run));
    assertEquals(7, run.attempts());
    OrderAccepted accepted = new OrderAccepted(new ClientOrderId("a1-1"), OrderNo.of("1"), "06010", "090000", false, T);
    OrderRequested placed = new OrderRequested(new ClientOrderId("a1-1"), BUY, "x", T);
    ReviseRequested asked = new ReviseRequested(new ClientOrderId("a1-1"), 63_900, T);
    AgentState withRun = AgentState.fold("a1", List.of(placed, accepted, asked, run));
    AgentState withoutCount = AgentState.fold("a1", List.of(placed, accepted, asked,
        new ModifyRejected(new ClientOrderId("a1-1"), "RISK_HALTED", "not live", T)));
    assertEquals(withoutCount.stateHash(), withRun.stateHash());
    assertEquals(64_000, withRun.order(new ClientOrderId("a1-1")).orElseThrow().spec().price());
  }

  @Test
  void anOrdinaryModifyRejectedRendersAsBeforeARunNamesItsCount() {
    assertEquals("ModifyRejected[orderId=a1-1, msgCd=40330000, message=x, recordedAt=" + T + "]",
        new ModifyRejected(new ClientOrderId("a1-1"), "40330000", "x", T).toString());
    assertEquals("ModifyRejected[orderId=a1-1, msgCd=RISK_HALTED, message=x, recordedAt=" + T + ", repeats=4]",
        new ModifyRejected(new ClientOrderId("a1-1"), "RISK_HALTED", "x", T, 4).toString());
    assertThrows(IllegalArgumentException.class,
        () -> new ModifyRejected(new ClientOrderId("a1-1"), "RISK_HALTED", "x", T, -1));
  }
}
