package kis.actors.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kis.journal.ClientOrderId;
import kis.journal.OrderSpec;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.event.AgentEvent;
import kis.journal.event.CancelRequested;
import kis.journal.event.OrderRequested;
import kis.journal.event.ReviseRequested;
import kis.journal.risk.DayCounters;
import kis.journal.state.AgentState;
import org.junit.jupiter.api.Test;

class DayCountersTest {
  static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
  static final Symbol SYM = Symbol.of("005930");
  static final Instant MON = Instant.parse("2026-11-23T01:00:00Z"); // 10:00 Seoul
  static final Instant TUE = Instant.parse("2026-11-24T01:00:00Z");

  static OrderRequested req(long seq, Instant at, long price) {
    return new OrderRequested(new ClientOrderId("a1-" + seq), OrderSpec.limit(SYM, Side.BUY, 1, price), "t", at);
  }

  /** Fold state and counters together, as the agent does. */
  static DayCounters replay(List<AgentEvent> events) {
    AgentState s = AgentState.empty("a1");
    DayCounters c = DayCounters.startOf(LocalDate.parse("2026-11-01"), s);
    for (AgentEvent e : events) {
      c = c.apply(s, e, SEOUL);
      s = s.apply(e);
    }
    return c;
  }

  @Test
  void ordersCancelsAndRevisesAreCountedPerDay() {
    List<AgentEvent> events = List.of(req(1, MON, 70_000), req(2, MON.plusSeconds(1), 70_100),
        new CancelRequested(new ClientOrderId("a1-1"), "t", MON.plusSeconds(2)),
        new ReviseRequested(new ClientOrderId("a1-2"), 70_200, MON.plusSeconds(3)));
    DayCounters c = replay(events);
    assertEquals(LocalDate.parse("2026-11-23"), c.date());
    assertEquals(2, c.orders());
    assertEquals(2, c.cancels());
    assertEquals(2, c.recent().size());
  }

  @Test
  void aReviseOurOwnChecksRefusedDoesNotCountAsSentButOneKisRefusedDoes() {
    ClientOrderId id = new ClientOrderId("a1-1");
    List<AgentEvent> events = List.of(req(1, MON, 70_000),
        new kis.journal.event.OrderAccepted(id, kis.journal.OrderNo.of("1"), "00950", "100000", false, MON),
        new ReviseRequested(id, 80_000, MON.plusSeconds(1)),
        new kis.journal.event.ModifyRejected(id, "RISK_ACCOUNT_EXPOSURE", "account max-gross-exposure", MON.plusSeconds(1)),
        new ReviseRequested(id, 70_100, MON.plusSeconds(2)),
        new kis.journal.event.ModifyRejected(id, "40330000", "모의투자 정정/취소할 수량이 없습니다.", MON.plusSeconds(3)));
    assertEquals(1, replay(events).cancels());
  }

  @Test
  void theFirstEventOfANewSeoulDateStartsFreshCounts() {
    DayCounters c = replay(List.of(req(1, MON, 70_000), req(2, TUE, 70_000)));
    assertEquals(LocalDate.parse("2026-11-24"), c.date());
    assertEquals(1, c.orders());
    // 23:30 UTC Monday is already Tuesday in Seoul.
    DayCounters late = replay(List.of(req(1, MON, 70_000), req(2, Instant.parse("2026-11-23T15:30:00Z"), 70_000)));
    assertEquals(LocalDate.parse("2026-11-24"), late.date());
  }

  @Test
  void movingToALaterDateTakesTheStartFiguresFromTheState() {
    AgentState s = new Books("a1", MON).filled(SYM, Side.BUY, 10, 70_000).state();
    DayCounters mon = new DayCounters(LocalDate.parse("2026-11-23"), 7, 3, List.of(), 0, 0, Map.of());
    DayCounters tue = mon.asOf(LocalDate.parse("2026-11-24"), s);
    assertEquals(0, tue.orders());
    assertEquals(s.cashFlow(), tue.cashFlowAtStart());
    assertEquals(10, tue.positionsAtStart().get("005930").quantity());
    assertEquals(mon, mon.asOf(LocalDate.parse("2026-11-23"), s));
  }

  @Test
  void recentOrdersAreBoundedAndWindowQueriesLookBackFromNow() {
    List<AgentEvent> events = new ArrayList<>();
    for (int i = 0; i < DayCounters.RECENT_KEPT + 10; i++) {
      events.add(req(i + 1, MON.plusMillis(i * 10L), 50_000 + i * 100L));
    }
    DayCounters c = replay(events);
    assertEquals(DayCounters.RECENT_KEPT, c.recent().size());
    Instant last = c.recent().get(c.recent().size() - 1).at();
    assertEquals(10, c.ordersWithin(Duration.ofMillis(100), last));
    assertTrue(c.sameOrderWithin(c.recent().get(c.recent().size() - 1).spec(), Duration.ofMillis(1), last));
    assertFalse(c.sameOrderWithin(OrderSpec.limit(SYM, Side.SELL, 1, 50_000), Duration.ofSeconds(10), last));
  }
}
