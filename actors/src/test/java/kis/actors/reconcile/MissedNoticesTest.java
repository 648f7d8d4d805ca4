package kis.actors.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kis.journal.AgentId;
import kis.journal.ClientOrderId;
import kis.journal.OrderNo;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.event.FillSource;
import kis.journal.event.InDoubtResolved;
import kis.journal.event.OrderFilled;
import org.junit.jupiter.api.Test;

class MissedNoticesTest {
  static final Instant T = Instant.parse("2026-11-24T01:00:00Z");
  static final AgentId A = new AgentId("a1");

  static Correction fill(ClientOrderId id, String no) {
    return new Correction("f" + no, new OrderFilled(id, OrderNo.of(no), Symbol.of("005930"), Side.BUY, 1, 70_000, 0, 0,
        "i:" + no, "090001", FillSource.INQUIRY, T), "inferred");
  }

  @Test
  void countsInferredFillsButNotThoseOfOrdersResolvedFromDoubtInTheSameRun() {
    ClientOrderId plain = ClientOrderId.of(A, 1);
    ClientOrderId doubted = ClientOrderId.of(A, 2);
    ReconcileReport report = new ReconcileReport(Map.of("a1", List.of(
        fill(plain, "0000000001"),
        fill(plain, "0000000001"),
        new Correction("r2", new InDoubtResolved(doubted, Optional.of(OrderNo.of("0000000002")), "06010", T), "found"),
        fill(doubted, "0000000002"))), List.of(), List.of(), List.of());

    assertEquals(new MissedNotices(2), MissedNotices.of(report));
  }

  @Test
  void aCleanRunMissedNothing() {
    assertEquals(0, MissedNotices.of(new ReconcileReport(Map.of(), List.of(), List.of(), List.of())).fills());
  }
}
