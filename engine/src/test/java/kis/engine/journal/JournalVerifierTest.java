package kis.engine.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import kis.journal.ClientOrderId;
import kis.journal.CostModel;
import kis.journal.OrderNo;
import kis.journal.OrderSpec;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.event.AgentEvent;
import kis.journal.event.FillSource;
import kis.journal.event.OrderAccepted;
import kis.journal.event.OrderFilled;
import kis.journal.event.OrderRequested;
import kis.journal.event.PositionCorrected;
import kis.journal.state.AgentState;
import org.junit.jupiter.api.Test;

class JournalVerifierTest {
  static final Instant T = Instant.parse("2026-11-24T01:00:00Z");
  static final Symbol S = Symbol.of("005930");

  static ClientOrderId id(int n) {
    return new ClientOrderId("a1-" + n);
  }

  static OrderFilled fill(int n, Side side, long qty, String key) {
    long v = qty * 70_000;
    return new OrderFilled(id(n), OrderNo.of("10" + n), S, side, qty, 70_000, CostModel.KIS_2026.fee(v),
        CostModel.KIS_2026.tax(side, v), key, "0901", FillSource.NOTICE, T);
  }

  static List<AgentEvent> history() {
    return List.of(
        new OrderRequested(id(1), OrderSpec.limit(S, Side.BUY, 10, 70_000), "t", T),
        new OrderAccepted(id(1), OrderNo.of("101"), "06010", "0900", false, T),
        fill(1, Side.BUY, 4, "e1"),
        fill(1, Side.BUY, 4, "e1"), // repeated report
        fill(1, Side.BUY, 9, "e2"), // over-fill: capped at the 6 left
        new OrderRequested(id(2), OrderSpec.limit(S, Side.SELL, 3, 70_000), "t", T),
        new OrderAccepted(id(2), OrderNo.of("102"), "06010", "0900", false, T),
        fill(2, Side.SELL, 3, "e3"),
        fill(9, Side.BUY, 2, "e9"), // an order the agent never knew
        new PositionCorrected(S, 8, 70_000, "rc-1", "balance", T),
        new PositionCorrected(S, 8, 70_000, "rc-1", "balance", T));
  }

  static List<JournalReader.Entry> entries(List<AgentEvent> events, long firstSeq) {
    List<JournalReader.Entry> out = new ArrayList<>();
    long seq = firstSeq;
    for (AgentEvent e : events) {
      out.add(new JournalReader.Entry("Agent|a1", seq++, 0, e));
    }
    return out;
  }

  @Test
  void aSoundHistoryVerifiesAndFoldsToTheAgentsState() {
    JournalVerifier.Report r = JournalVerifier.verify("a1", entries(history(), 1));
    assertEquals(List.of(), r.problems());
    assertEquals(AgentState.fold("a1", history()), r.state());
    assertEquals(8, r.state().position(S).quantity());
  }

  @Test
  void aGapInSequenceNumbersIsReported() {
    List<JournalReader.Entry> e = new ArrayList<>(entries(history(), 1));
    e.remove(4);
    JournalVerifier.Report r = JournalVerifier.verify("a1", e);
    assertEquals(List.of("sequence gap: expected #5, found #6"), r.problems());
  }

  @Test
  void aPositionThatMovesWithoutAFillIsReported() {
    AgentState before = AgentState.fold("a1", history().subList(0, 3));
    AgentState moved = before.apply(new PositionCorrected(S, 50, 70_000, "rc-x", "x", T));
    var problem = JournalVerifier.positionMoves(before, moved, history().get(1));
    assertTrue(problem.isPresent() && problem.get().contains("expected {005930=4}"), problem.toString());
  }

  @Test
  void aFillMustMoveThePositionByWhatItAddedToItsOrder() {
    AgentState before = AgentState.fold("a1", history().subList(0, 2));
    OrderFilled f = fill(1, Side.BUY, 4, "e1");
    assertTrue(JournalVerifier.positionMoves(before, before.apply(f), f).isEmpty());
    AgentState wrongSide = before.apply(fill(1, Side.SELL, 4, "e1"));
    assertTrue(JournalVerifier.positionMoves(before, wrongSide, f).isPresent());
  }
}
