package kis.actors.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import kis.journal.ClientOrderId;
import kis.journal.OrderNo;
import kis.journal.OrderSpec;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.event.AgentEvent;
import kis.journal.event.CancelRequested;
import kis.journal.event.FillSource;
import kis.journal.event.OrderAccepted;
import kis.journal.event.OrderExpired;
import kis.journal.event.OrderFilled;
import kis.journal.event.OrderInDoubt;
import kis.journal.event.OrderRequested;
import kis.journal.state.AgentState;
import kis.journal.state.OrderStatus;
import org.junit.jupiter.api.Test;

class DayRollTest {
  static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
  static final LocalDate DAY = LocalDate.parse("2026-11-24");
  static final Symbol SYM = Symbol.of("005930");
  static final Instant T = LocalTime.parse("10:00").atDate(DAY).atZone(SEOUL).toInstant();
  static final Instant CLOSE = LocalTime.parse("15:30").atDate(DAY).atZone(SEOUL).toInstant();

  static ClientOrderId id(int n) {
    return new ClientOrderId("a1-" + n);
  }

  static OrderRequested req(int n, Instant at) {
    return new OrderRequested(id(n), OrderSpec.limit(SYM, Side.BUY, 10, 70_000), "t", at);
  }

  static OrderAccepted acc(int n) {
    return new OrderAccepted(id(n), OrderNo.of(String.valueOf(n)), "00950", "100000", false, T);
  }

  @Test
  void workingOrdersExpireAtTheSessionEndAndUnknownFatesAreLeftToTheReconciler() {
    List<AgentEvent> events = List.of(
        req(1, T), acc(1), // working
        req(2, T), acc(2), new OrderFilled(id(2), OrderNo.of("2"), SYM, Side.BUY, 4, 70_000, 0, 0, "x", "100001",
            FillSource.NOTICE, T), // partially filled
        req(3, T), acc(3), new CancelRequested(id(3), "t", T), // pending cancel
        req(4, T), // awaiting reply
        req(5, T), new OrderInDoubt(id(5), "timeout", T), // in doubt
        req(6, T), acc(6), new OrderFilled(id(6), OrderNo.of("6"), SYM, Side.BUY, 10, 70_000, 0, 0, "y", "100001",
            FillSource.NOTICE, T), // filled: closed
        req(7, CLOSE.plusSeconds(3600)), acc(7)); // placed after the close for the next day
    AgentState s = AgentState.fold("a1", events);
    List<OrderExpired> expiries = DayRoll.expiries(s, DAY, CLOSE, CLOSE.plusSeconds(60));
    assertEquals(List.of(new OrderExpired(id(1), DAY, CLOSE.plusSeconds(60)),
        new OrderExpired(id(2), DAY, CLOSE.plusSeconds(60)), new OrderExpired(id(3), DAY, CLOSE.plusSeconds(60))), expiries);
    for (OrderExpired e : expiries) {
      s = s.apply(e);
    }
    assertEquals(List.of(), s.anomalies());
    assertEquals(OrderStatus.EXPIRED, s.order(id(2)).orElseThrow().status());
    assertEquals(4, s.order(id(2)).orElseThrow().filledQuantity());
    assertEquals(List.of(), DayRoll.expiries(s, DAY, CLOSE, CLOSE.plusSeconds(60))); // rolling twice adds nothing
  }
}
