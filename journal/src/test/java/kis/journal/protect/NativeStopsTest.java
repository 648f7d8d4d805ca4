package kis.journal.protect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import kis.journal.ClientOrderId;
import kis.journal.OrderNo;
import kis.journal.OrderSpec;
import kis.journal.OrderType;
import kis.journal.ProtectiveSpec;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.TimeInForce;
import kis.journal.Trail;
import kis.journal.Venue;
import kis.journal.event.AgentEvent;
import kis.journal.event.CancelRequested;
import kis.journal.event.FillSource;
import kis.journal.event.InDoubtResolved;
import kis.journal.event.OrderAccepted;
import kis.journal.event.OrderCancelled;
import kis.journal.event.OrderExpired;
import kis.journal.event.OrderFilled;
import kis.journal.event.OrderRequested;
import kis.journal.event.ProtectiveArmed;
import kis.journal.event.ProtectiveCancelled;
import kis.journal.event.ProtectiveTriggered;
import kis.journal.state.AgentState;
import kis.journal.state.ArmedOrder;
import org.junit.jupiter.api.Test;

/** Native stop-limits at KIS: when one can rest there, what arming journals, and what its order's events mean. */
class NativeStopsTest {
  static final Symbol S = Symbol.of("005930");
  static final Instant T = Instant.parse("2026-11-24T01:00:00Z");
  static final Set<OrderType> TAKES = Set.of(OrderType.LIMIT, OrderType.STOP_LIMIT);
  static final ProtectiveSpec STOP = ProtectiveSpec.stopLimit(S, Side.SELL, 10, 69_000, 68_900);

  /** Holding 10 shares (order a1-1) with STOP armed natively: its order is a1-2, accepted as 0000000002. */
  static AgentState armedAtKis() {
    ClientOrderId buy = new ClientOrderId("a1-1");
    AgentState s = AgentState.fold("a1", List.of(
        new OrderRequested(buy, OrderSpec.limit(S, Side.BUY, 10, 70_000), "t", T),
        new OrderAccepted(buy, OrderNo.of("1"), "06010", "090000", false, T),
        new OrderFilled(buy, OrderNo.of("1"), S, Side.BUY, 10, 70_000, 0, 0, "e1", "0900", FillSource.NOTICE, T)));
    List<AgentEvent> arm = NativeStops.arm(s, STOP, "stop", T.plusSeconds(86_400), T);
    s = applyAll(s, arm);
    return s.apply(new OrderAccepted(new ClientOrderId("a1-2"), OrderNo.of("2"), "06010", "090100", false, T));
  }

  static AgentState applyAll(AgentState s, List<AgentEvent> events) {
    for (AgentEvent e : events) {
      s = s.apply(e);
    }
    return s;
  }

  @Test
  void onlyALoneDayStopLimitOnAVenueTakingItNowWithItsTriggerNotReachedRestsAtKis() {
    assertTrue(NativeStops.whyEmulated(null, List.of(STOP), TAKES, 70_000).isEmpty());
    assertTrue(NativeStops.whyEmulated(null, List.of(STOP.until(TimeInForce.GOOD_TILL_CLOSE)), TAKES, 70_000)
        .isEmpty());
    Optional<String> bracket = NativeStops.whyEmulated(OrderSpec.limit(S, Side.BUY, 10, 70_000), List.of(STOP), TAKES,
        70_000);
    assertTrue(bracket.orElseThrow().contains("bracket"));
    assertTrue(NativeStops.whyEmulated(null, List.of(STOP, ProtectiveSpec.takeProfitLimit(S, Side.SELL, 10, 72_000,
        72_000)), TAKES, 70_000).orElseThrow().contains("OCO"));
    assertTrue(NativeStops.whyEmulated(null, List.of(ProtectiveSpec.stopMarket(S, Side.SELL, 10, 69_000)), TAKES,
        70_000).orElseThrow().contains("market"));
    assertTrue(NativeStops.whyEmulated(null, List.of(ProtectiveSpec.trailingStop(S, Side.SELL, 10, Trail.ticks(2))),
        TAKES, 70_000).isPresent());
    assertTrue(NativeStops.whyEmulated(null, List.of(STOP.until(TimeInForce.goodTill(LocalDate.of(2026, 11, 30)))),
        TAKES, 70_000).orElseThrow().contains("day"));
    assertTrue(NativeStops.whyEmulated(null, List.of(STOP.on(Venue.SOR)), TAKES, 70_000).orElseThrow()
        .contains("SOR"));
    assertTrue(NativeStops.whyEmulated(null, List.of(STOP), Set.of(OrderType.LIMIT), 70_000).orElseThrow()
        .contains("phase"));
    assertTrue(NativeStops.whyEmulated(null, List.of(STOP), TAKES, 0).orElseThrow().contains("no print"));
    assertTrue(NativeStops.whyEmulated(null, List.of(STOP), TAKES, 69_000).orElseThrow().contains("already reached"));
  }

  @Test
  void armingJournalsTheProtectiveNamingItsOrderAndTheStopLimitOrderInOneWrite() {
    AgentState s = armedAtKis();
    ArmedOrder o = s.protections().all().get(0);
    assertEquals(new ClientOrderId("a1-2"), o.venueOrder());
    OrderSpec spec = s.order(o.venueOrder()).orElseThrow().spec();
    assertEquals(OrderSpec.stopLimit(S, Side.SELL, 10, 69_000, 68_900, Venue.KRX), spec);
    assertTrue(o.summary().contains("native stop-limit at KIS: order a1-2"), o.summary());
  }

  @Test
  void theEmulatorLeavesANativeStopAloneOnPrintsAndAtItsExpiry() {
    AgentState s = armedAtKis();
    assertTrue(TriggerEmulator.onPrint(s, S, Venue.KRX, 60_000, T, (c, b) -> kis.journal.risk.RiskDecision.ALLOW)
        .isEmpty());
    assertTrue(TriggerEmulator.housekeeping(s, T.plusSeconds(10 * 86_400)).isEmpty());
  }

  @Test
  void itsOrdersFirstFillTriggersItOnceAndLaterFillsAreJustFills() {
    AgentState s = armedAtKis();
    ClientOrderId order = new ClientOrderId("a1-2");
    OrderFilled first = new OrderFilled(order, OrderNo.of("2"), S, Side.SELL, 4, 68_900, 0, 0, "e2", "1000",
        FillSource.NOTICE, T.plusSeconds(60));
    List<AgentEvent> out = NativeStops.withFollowUps(s, List.of(first), T.plusSeconds(61));
    assertEquals(2, out.size());
    ProtectiveTriggered t = assertInstanceOf(ProtectiveTriggered.class, out.get(1));
    assertEquals(order, t.childOrderId());
    assertEquals(68_900, t.printPrice());
    assertNull(t.denied());
    s = applyAll(s, out);
    assertTrue(s.protections().armed().isEmpty());
    assertEquals(1, s.protections().fired());
    OrderFilled second = new OrderFilled(order, OrderNo.of("2"), S, Side.SELL, 6, 68_900, 0, 0, "e3", "1000",
        FillSource.NOTICE, T.plusSeconds(62));
    List<AgentEvent> rest = List.of(second);
    assertSame(rest, NativeStops.withFollowUps(s, rest, T), "nothing armed at KIS: the events as they are");
  }

  @Test
  void itsOrderEndingUnfilledCancelsIt() {
    ClientOrderId order = new ClientOrderId("a1-2");
    for (AgentEvent end : List.<AgentEvent>of(new OrderCancelled(order, false, T),
        new OrderExpired(order, LocalDate.of(2026, 11, 24), T))) {
      List<AgentEvent> out = NativeStops.withFollowUps(armedAtKis(), List.of(end), T);
      ProtectiveCancelled c = assertInstanceOf(ProtectiveCancelled.class, out.get(1), end.toString());
      assertTrue(c.reason().contains("a1-2 ended"), c.reason());
    }
    // Sent but never answered, then not found in KIS's orders: it never reached KIS.
    AgentState inDoubt = armedAtKisInDoubt();
    ClientOrderId sent = inDoubt.protections().all().get(0).venueOrder();
    List<AgentEvent> out = NativeStops.withFollowUps(inDoubt, List.of(new InDoubtResolved(sent, Optional.empty(),
        null, T)), T);
    assertInstanceOf(ProtectiveCancelled.class, out.get(1));
    // Found: it rests at KIS, still armed.
    assertEquals(1, NativeStops.withFollowUps(inDoubt, List.of(new InDoubtResolved(sent, Optional.of(OrderNo.of("2")),
        "06010", T)), T).size());
  }

  private static AgentState armedAtKisInDoubt() {
    AgentState s = AgentState.fold("a1", List.of(new kis.journal.event.PositionCorrected(S, 10, 70_000, "c1", "t", T)));
    s = applyAll(s, NativeStops.arm(s, STOP, "stop", T.plusSeconds(86_400), T));
    return s.apply(new kis.journal.event.OrderInDoubt(new ClientOrderId("a1-1"), "restart", T));
  }

  @Test
  void disarmingCancelsItsOrderAtKisOnceKisHasNumberedIt() {
    AgentState s = armedAtKis();
    List<AgentEvent> events = NativeStops.disarm(s, s.protections().all().get(0), "", T).orElseThrow();
    assertInstanceOf(ProtectiveCancelled.class, events.get(0));
    assertEquals(new ClientOrderId("a1-2"), assertInstanceOf(CancelRequested.class, events.get(1)).orderId());
    AgentState unanswered = AgentState.fold("a1", List.of(new kis.journal.event.PositionCorrected(S, 10, 70_000,
        "c1", "t", T)));
    unanswered = applyAll(unanswered, NativeStops.arm(unanswered, STOP, "stop", null, T));
    assertTrue(NativeStops.disarm(unanswered, unanswered.protections().all().get(0), "", T).isEmpty());
  }

  @Test
  void aStopLimitSpecNeedsItsStopPriceAndNoOtherTypeTakesOne() {
    assertThrows(IllegalArgumentException.class, () -> new OrderSpec(S, Side.SELL, OrderType.STOP_LIMIT, 1, 68_900));
    assertThrows(IllegalArgumentException.class,
        () -> new OrderSpec(S, Side.SELL, OrderType.LIMIT, 1, 68_900, Venue.KRX, 69_000));
    assertTrue(OrderSpec.stopLimit(S, Side.SELL, 1, 69_000, 68_900, Venue.NXT).toString().endsWith(
        ", venue=NXT, stop=69000]"));
    assertTrue(OrderSpec.limit(S, Side.BUY, 1, 70_000).toString().endsWith(", price=70000]"),
        "a spec without a stop renders as before");
    assertEquals(68_900, STOP.asVenueStopLimit(10).price());
    assertThrows(IllegalStateException.class, () -> ProtectiveSpec.stopMarket(S, Side.SELL, 1, 69_000)
        .asVenueStopLimit(1));
  }
}
