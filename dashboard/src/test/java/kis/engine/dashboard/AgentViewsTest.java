package kis.engine.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import kis.journal.AgentId;
import kis.journal.ClientOrderId;
import kis.journal.OrderNo;
import kis.journal.OrderSpec;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.event.AgentEvent;
import kis.journal.event.AgentParked;
import kis.journal.event.FillSource;
import kis.journal.event.OrderAccepted;
import kis.journal.event.OrderFilled;
import kis.journal.event.OrderRequested;
import kis.journal.state.AgentState;
import kis.journal.state.OrderStatus;
import org.junit.jupiter.api.Test;

class AgentViewsTest {
  private static final Symbol SAMSUNG = Symbol.of("005930");
  private static final AgentId AGENT = new AgentId("a1");
  private static final Instant T0 = Instant.parse("2026-11-24T00:00:00Z");

  private static ClientOrderId id(long n) {
    return ClientOrderId.of(AGENT, n);
  }

  private static final OrderFilled FILL = new OrderFilled(id(1), new OrderNo("101"), SAMSUNG, Side.BUY, 10, 70_000,
      0, 0, "x1", "090001", FillSource.NOTICE, T0.plusSeconds(2));

  private static final List<AgentEvent> EVENTS = List.of(
      new OrderRequested(id(1), OrderSpec.limit(SAMSUNG, Side.BUY, 10, 70_000), "test", T0),
      new OrderAccepted(id(1), new OrderNo("101"), "06010", "090000", false, T0.plusSeconds(1)),
      FILL,
      new OrderRequested(id(2), OrderSpec.limit(SAMSUNG, Side.SELL, 4, 71_000), "test", T0.plusSeconds(3)),
      new OrderAccepted(id(2), new OrderNo("102"), "06010", "090003", false, T0.plusSeconds(4)));

  @Test
  void theRowShowsEachArmedOrderWithItsTriggerAndTheDistanceFromTheLastPrice() {
    List<AgentEvent> events = new java.util.ArrayList<>(EVENTS);
    events.add(new kis.journal.event.ProtectiveArmed(new kis.journal.ProtectiveId("a1-p1"),
        kis.journal.ProtectiveSpec.stopMarket(SAMSUNG, Side.SELL, 6, 69_000), null, null, T0.plusSeconds(86_400),
        "stop", T0.plusSeconds(5)));
    events.add(new kis.journal.event.ProtectiveArmed(new kis.journal.ProtectiveId("a1-p2"),
        kis.journal.ProtectiveSpec.takeProfitMarket(SAMSUNG, Side.SELL, 6, 72_000), null, null,
        T0.plusSeconds(86_400), "target", T0.plusSeconds(5)));
    AgentRow row = AgentViews.row(AgentState.fold("a1", events), List.of(SAMSUNG), "mr", false, false,
        Map.of(SAMSUNG, 70_500L), "OK", null);
    List<ProtectiveView.Armed> armed = row.protective().armed();
    assertEquals(2, armed.size());
    assertEquals(69_000, armed.get(0).trigger());
    assertEquals(1_500L, armed.get(0).distance(), "the price must fall 1 500 won to reach the stop");
    assertEquals(1_500L, armed.get(1).distance(), "and rise 1 500 to reach the target");
    assertEquals(0, row.protective().fired());
  }

  @Test
  void rowComesFromTheFoldedJournalPlusLivePrices() {
    AgentState s = AgentState.fold("a1", EVENTS);
    AgentRow row = AgentViews.row(s, List.of(SAMSUNG), "mr", false, false, Map.of(SAMSUNG, 70_500L), "OK",
        AgentViews.fill(FILL));
    assertEquals(AgentRunState.RUNNING, row.state());
    assertEquals(10, row.position());
    assertEquals(70_000, row.averagePrice());
    assertEquals(5_000, row.unrealizedPnl());
    assertEquals(1, row.workingOrders());
    assertEquals(new FillView(T0.plusSeconds(2), "a1-1", SAMSUNG, Side.BUY, 10, 70_000), row.lastFill());
  }

  @Test
  void ordersAreSplitIntoOpenAndRecentNewestFirst() {
    AgentState s = AgentState.fold("a1", EVENTS);
    List<OrderView> open = AgentViews.openOrders(s);
    List<OrderView> recent = AgentViews.recentOrders(s, 10);
    assertEquals(1, open.size());
    assertEquals("0000000102", open.get(0).orderNo());
    assertEquals(OrderStatus.WORKING, open.get(0).status());
    assertEquals(1, recent.size());
    assertEquals(OrderStatus.FILLED, recent.get(0).status());
    assertEquals(70_000, recent.get(0).averageFillPrice());
  }

  @Test
  void parkedInTheJournalShowsAsParkedAndFailedWinsOverIt() {
    AgentState s = AgentState.fold("a1", List.of(new AgentParked("operator kim", T0)));
    assertEquals(AgentRunState.PARKED, AgentViews.runState(s, true, false));
    assertEquals(AgentRunState.FAILED, AgentViews.runState(s, false, true));
    assertEquals(AgentRunState.PAUSED, AgentViews.runState(AgentState.empty("a1"), true, false));
    assertTrue(AgentViews.eventLine(new AgentParked("operator kim", T0)).startsWith(T0 + " AgentParked"));
  }
}
