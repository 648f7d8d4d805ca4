package kis.journal.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import kis.journal.ClientOrderId;
import kis.journal.OrderSpec;
import kis.journal.RejectReason;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.event.AgentEvent;
import kis.journal.event.OrderDenied;
import kis.journal.state.AgentState;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Journals written before repeated denials were counted carry no {@code repeats}: each of their
 * denials replays as one journaled as it happened. A record closing a run folds like any denial
 * (one order id, one denied order), so books and state hashes do not depend on the count.
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
}
