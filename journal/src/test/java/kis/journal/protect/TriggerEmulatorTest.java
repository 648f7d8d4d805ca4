package kis.journal.protect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import kis.journal.ClientOrderId;
import kis.journal.OrderNo;
import kis.journal.OrderSpec;
import kis.journal.OrderType;
import kis.journal.ProtectiveId;
import kis.journal.ProtectiveKind;
import kis.journal.ProtectiveSpec;
import kis.journal.RejectReason;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.Trail;
import kis.journal.Venue;
import kis.journal.event.AgentEvent;
import kis.journal.event.FillSource;
import kis.journal.event.OrderAccepted;
import kis.journal.event.OrderCancelled;
import kis.journal.event.OrderDenied;
import kis.journal.event.OrderFilled;
import kis.journal.event.OrderRequested;
import kis.journal.event.ProtectiveCancelled;
import kis.journal.event.ProtectiveTrailed;
import kis.journal.event.ProtectiveTriggered;
import kis.journal.risk.PreTrade;
import kis.journal.risk.RiskDecision;
import kis.journal.state.AgentState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TriggerEmulatorTest {
  static final Symbol S = Symbol.of("005930");
  static final Instant T = Instant.parse("2026-11-24T01:00:00Z");
  static final Instant LATER = T.plusSeconds(8 * 3600);
  static final TriggerEmulator.ChildCheck ALLOW = (c, b) -> RiskDecision.ALLOW;
  /** The rule a sell child meets live and in the backtest: only shares held and not already offered. */
  static final TriggerEmulator.ChildCheck FREE_TO_SELL =
      (c, b) -> PreTrade.freeToSell(c, b).orElse(RiskDecision.ALLOW);

  /** Books holding {@code shares} of S (bought as order a1-1) plus the armings. */
  static AgentState holding(long shares, List<ProtectiveSpec> legs) {
    ClientOrderId buy = new ClientOrderId("a1-1");
    AgentState s = AgentState.fold("a1", List.of(
        new OrderRequested(buy, OrderSpec.limit(S, Side.BUY, shares, 70_000), "t", T),
        new OrderAccepted(buy, OrderNo.of("1"), "06010", "090000", false, T),
        new OrderFilled(buy, OrderNo.of("1"), S, Side.BUY, shares, 70_000, 0, 0, "e1", "0900", FillSource.NOTICE, T)));
    return arm(s, null, legs);
  }

  static AgentState arm(AgentState s, OrderSpec entry, List<ProtectiveSpec> legs) {
    for (AgentEvent e : Arming.events(s, entry, legs, "test", l -> LATER, T)) {
      s = s.apply(e);
    }
    return s;
  }

  /** Applies what a print does (as the shell would journal it) and returns the new books. */
  static AgentState print(AgentState s, long price, TriggerEmulator.ChildCheck check, List<AgentEvent> out) {
    return print(s, price, Venue.KRX, check, out);
  }

  static AgentState print(AgentState s, long price, Venue venue, TriggerEmulator.ChildCheck check,
      List<AgentEvent> out) {
    List<TriggerEmulator.Step> steps = TriggerEmulator.onPrint(s, S, venue, price, T, check);
    List<AgentEvent> events = TriggerEmulator.journal(steps, s, T, T);
    out.addAll(events);
    for (AgentEvent e : events) {
      s = s.apply(e);
    }
    assertTrue(s.invariantViolations().isEmpty(), s.invariantViolations().toString());
    assertEquals(0, s.anomalyCount(), s.anomalies().toString());
    return s;
  }

  @ParameterizedTest(name = "{0} {1} at trigger {2}, print {3}: fires {4}")
  @CsvSource({
      "STOP, SELL, 69000, 69100, false", "STOP, SELL, 69000, 69000, true", "STOP, SELL, 69000, 65000, true",
      "STOP, BUY, 71000, 70900, false", "STOP, BUY, 71000, 71000, true", "STOP, BUY, 71000, 75000, true",
      "TAKE_PROFIT, SELL, 72000, 71900, false", "TAKE_PROFIT, SELL, 72000, 72000, true",
      "TAKE_PROFIT, BUY, 68000, 68100, false", "TAKE_PROFIT, BUY, 68000, 68000, true",
      "TRAILING_STOP, SELL, 69000, 69000, true", "TRAILING_STOP, BUY, 71000, 71000, true"})
  void theTriggerFiresOnTheSideAgainstOrInFavourOfThePosition(ProtectiveKind kind, Side side, long trigger,
      long print, boolean fires) {
    assertEquals(fires, kind.firesAt(side, trigger, print));
  }

  @Test
  void aStopMarketFiresOnThePrintThatReachesItAndItsChildIsAMarketOrderUnderTheNextOrderId() {
    AgentState s = holding(10, List.of(ProtectiveSpec.stopMarket(S, Side.SELL, 10, 69_000)));
    List<AgentEvent> out = new ArrayList<>();
    s = print(s, 69_100, ALLOW, out);
    assertTrue(out.isEmpty(), "above the trigger: nothing");
    s = print(s, 68_000, ALLOW, out); // a gap through the trigger
    ProtectiveTriggered t = assertInstanceOf(ProtectiveTriggered.class, out.get(0));
    assertEquals(68_000, t.printPrice());
    assertEquals(new ClientOrderId("a1-2"), t.childOrderId());
    OrderRequested child = assertInstanceOf(OrderRequested.class, out.get(1));
    assertEquals(OrderSpec.market(S, Side.SELL, 10), child.spec());
    assertTrue(child.reason().startsWith("stop a1-p1 fired at 68000"), child.reason());
    assertTrue(s.protections().armed().isEmpty(), "fired once, not armed any more");
    assertTrue(print(s, 67_000, ALLOW, out).openOrders().containsKey("a1-2"));
    assertEquals(2, out.size(), "a fired stop never fires again");
  }

  @Test
  void aStopLimitSendsALimitOrderAtItsLimit() {
    AgentState s = holding(10, List.of(ProtectiveSpec.stopLimit(S, Side.SELL, 10, 69_000, 68_800)));
    List<AgentEvent> out = new ArrayList<>();
    print(s, 69_000, ALLOW, out);
    OrderRequested child = assertInstanceOf(OrderRequested.class, out.get(1));
    assertEquals(OrderType.LIMIT, child.spec().type());
    assertEquals(68_800, child.spec().price());
  }

  @Test
  void aTrailingStopRatchetsOnlyInTheTradesFavourAndFiresAtItsTrailedTrigger() {
    AgentState s = holding(10, List.of(ProtectiveSpec.trailingStop(S, Side.SELL, 10, Trail.ticks(5))));
    List<AgentEvent> out = new ArrayList<>();
    s = print(s, 70_000, ALLOW, out);
    assertEquals(69_500, s.protections().all().get(0).trigger(), "five 100-won ticks below the first print");
    s = print(s, 71_000, ALLOW, out);
    assertEquals(70_500, s.protections().all().get(0).trigger());
    int trails = out.size();
    s = print(s, 70_600, ALLOW, out);
    assertEquals(trails, out.size(), "a worse print moves nothing");
    assertEquals(70_500, s.protections().all().get(0).trigger());
    s = print(s, 70_500, ALLOW, out);
    assertInstanceOf(ProtectiveTriggered.class, out.get(out.size() - 2));
    assertEquals(2, out.stream().filter(e -> e instanceof ProtectiveTrailed).count());
    assertTrue(s.protections().armed().isEmpty());
  }

  @Test
  void aTrailingStopLimitSendsALimitOrderTicksFromTheTriggerItFiredAt() {
    AgentState s = holding(10, List.of(ProtectiveSpec.trailingStop(S, Side.SELL, 10, Trail.ticks(3).limitAt(-2))));
    List<AgentEvent> out = new ArrayList<>();
    s = print(s, 70_000, ALLOW, out);
    s = print(s, 69_600, ALLOW, out);
    assertEquals(OrderSpec.limit(S, Side.SELL, 10, 69_500), ((OrderRequested) out.get(out.size() - 1)).spec(),
        "two ticks below the trigger of 69 700");
  }

  @Test
  void aTrailingBuyStopByPercentMovesDownOnly() {
    AgentState s = arm(AgentState.empty("a1"), null,
        List.of(ProtectiveSpec.trailingStop(S, Side.BUY, 3, Trail.basisPoints(200))));
    List<AgentEvent> out = new ArrayList<>();
    s = print(s, 50_000, ALLOW, out);
    assertEquals(51_000, s.protections().all().get(0).trigger(), "2 % above, on the grid");
    s = print(s, 45_000, ALLOW, out);
    assertEquals(45_900, s.protections().all().get(0).trigger());
    s = print(s, 46_000, ALLOW, out);
    assertInstanceOf(ProtectiveTriggered.class, out.get(out.size() - 2));
    assertEquals(OrderSpec.market(S, Side.BUY, 3), ((OrderRequested) out.get(out.size() - 1)).spec());
  }

  @Test
  void whenOneLegOfAnOcoFiresTheOtherIsCancelledInTheSameWrite() {
    AgentState s = holding(10, List.of(ProtectiveSpec.stopMarket(S, Side.SELL, 10, 69_000),
        ProtectiveSpec.takeProfitLimit(S, Side.SELL, 10, 72_000, 72_000)));
    List<AgentEvent> out = new ArrayList<>();
    s = print(s, 72_100, ALLOW, out);
    assertEquals(new ProtectiveId("a1-p2"), ((ProtectiveTriggered) out.get(0)).protectiveId());
    ProtectiveCancelled c = assertInstanceOf(ProtectiveCancelled.class, out.get(2));
    assertEquals(new ProtectiveId("a1-p1"), c.protectiveId());
    assertTrue(c.reason().startsWith("OCO"), c.reason());
    assertTrue(s.protections().armed().isEmpty());
  }

  @Test
  void aBracketsExitsWaitForTheEntryAndProtectOnlyTheSharesItFilled() {
    OrderSpec entry = OrderSpec.limit(S, Side.BUY, 10, 70_000);
    AgentState s = arm(AgentState.empty("a1"), entry, List.of(ProtectiveSpec.stopMarket(S, Side.SELL, 10, 69_000),
        ProtectiveSpec.takeProfitMarket(S, Side.SELL, 10, 72_000)));
    ClientOrderId entryId = new ClientOrderId("a1-1");
    assertEquals(entryId, s.protections().all().get(0).parent());
    List<AgentEvent> out = new ArrayList<>();
    s = print(s, 68_000, ALLOW, out);
    assertTrue(out.isEmpty(), "the entry has not filled: nothing to protect");
    s = s.apply(new OrderAccepted(entryId, OrderNo.of("1"), "06010", "090000", false, T))
        .apply(new OrderFilled(entryId, OrderNo.of("1"), S, Side.BUY, 4, 70_000, 0, 0, "e1", "0900",
            FillSource.NOTICE, T));
    assertEquals(4, s.protections().all().get(0).activeQuantity());
    s = print(s, 68_500, FREE_TO_SELL, out);
    assertEquals(OrderSpec.market(S, Side.SELL, 4), ((OrderRequested) out.get(1)).spec());
    assertEquals(new ProtectiveId("a1-p2"), ((ProtectiveCancelled) out.get(2)).protectiveId());
  }

  @Test
  void aBracketsExitsAreCancelledWhenTheEntryEndsUnfilled() {
    OrderSpec entry = OrderSpec.limit(S, Side.BUY, 10, 70_000);
    AgentState s = arm(AgentState.empty("a1"), entry, List.of(ProtectiveSpec.stopMarket(S, Side.SELL, 10, 69_000)));
    ClientOrderId entryId = new ClientOrderId("a1-1");
    s = s.apply(new OrderAccepted(entryId, OrderNo.of("1"), "06010", "090000", false, T))
        .apply(new kis.journal.event.CancelRequested(entryId, "t", T)).apply(new OrderCancelled(entryId, false, T));
    List<TriggerEmulator.Step> steps = TriggerEmulator.housekeeping(s, T);
    assertEquals(1, steps.size());
    assertTrue(((TriggerEmulator.Cancelled) steps.get(0)).reason().contains("CANCELLED unfilled"));
  }

  @Test
  void anOrderPastItsTimeInForceIsCancelledNotFired() {
    AgentState s = holding(10, List.of(ProtectiveSpec.stopMarket(S, Side.SELL, 10, 69_000)));
    List<TriggerEmulator.Step> steps = TriggerEmulator.onPrint(s, S, Venue.KRX, 60_000, LATER, ALLOW);
    assertEquals(List.of(new TriggerEmulator.Cancelled(new ProtectiveId("a1-p1"), "expired (DAY)")), steps);
  }

  @Test
  void anOrderIsJudgedOnlyOnPrintsOfItsVenueAndAnSorOrderOnAnyVenues() {
    AgentState s = holding(10, List.of(ProtectiveSpec.stopMarket(S, Side.SELL, 5, 69_000)));
    s = arm(s, null, List.of(ProtectiveSpec.stopMarket(S, Side.SELL, 5, 69_000).on(Venue.SOR)));
    List<AgentEvent> out = new ArrayList<>();
    s = print(s, 68_000, Venue.NXT, ALLOW, out);
    assertEquals(2, out.size(), "only the SOR stop fires on an NXT print");
    assertEquals(Venue.SOR, ((ProtectiveTriggered) out.get(0)).child().venue());
    assertEquals(Venue.KRX, s.protections().all().get(0).spec().venue(), "the KRX stop waits for a KRX print");
    print(s, 68_000, Venue.KRX, ALLOW, out);
    assertEquals(4, out.size());
  }

  @Test
  void aChildTheChecksRefuseIsJournaledAsDeniedNeverDroppedAndEachChildCountsTheOnesBefore() {
    AgentState s = holding(10, List.of(ProtectiveSpec.stopMarket(S, Side.SELL, 10, 69_000)));
    s = arm(s, null, List.of(ProtectiveSpec.stopMarket(S, Side.SELL, 10, 69_500)));
    List<AgentEvent> out = new ArrayList<>();
    s = print(s, 69_000, FREE_TO_SELL, out);
    assertEquals(4, out.size());
    assertInstanceOf(OrderRequested.class, out.get(1));
    OrderDenied denied = assertInstanceOf(OrderDenied.class, out.get(3));
    assertEquals(RejectReason.RISK_INSUFFICIENT_POSITION, denied.reason());
    assertEquals(((ProtectiveTriggered) out.get(2)).childOrderId(), denied.orderId());
    assertTrue(s.protections().armed().isEmpty());
    assertEquals(4, s.nextOrderSeq(), "both children used up an order id");
    assertEquals(2, s.protections().fired());
    assertTrue(s.protections().lastFired().contains("DENIED RISK_INSUFFICIENT_POSITION"), s.protections().lastFired());
  }

  @Test
  void stepsDecidedOnOlderBooksDoNotFireTwice() {
    AgentState s = holding(10, List.of(ProtectiveSpec.stopMarket(S, Side.SELL, 10, 69_000)));
    List<TriggerEmulator.Step> steps = TriggerEmulator.onPrint(s, S, Venue.KRX, 68_000, T, ALLOW);
    AgentState after = s;
    for (AgentEvent e : TriggerEmulator.journal(steps, s, T, T)) {
      after = after.apply(e);
    }
    assertTrue(TriggerEmulator.journal(steps, after, T, T).isEmpty());
  }

  @Test
  void aTrailDecidedOnOlderBooksNeverMovesTheTriggerBack() {
    AgentState s = holding(10, List.of(ProtectiveSpec.trailingStop(S, Side.SELL, 10, Trail.ticks(5))));
    s = print(s, 70_000, ALLOW, new ArrayList<>());
    List<TriggerEmulator.Step> stale = TriggerEmulator.onPrint(s, S, Venue.KRX, 70_800, T, ALLOW);
    s = print(s, 71_000, ALLOW, new ArrayList<>());
    assertTrue(TriggerEmulator.journal(stale, s, T, T).isEmpty(), "70 300 would be below 70 500");
    assertEquals(70_500, s.protections().all().get(0).trigger());
  }

  @Test
  void armingRefusesOffGridPricesAndBracketExitsOnTheEntrysSide() {
    assertEquals(RejectReason.KRX_TICK_SIZE, ((RiskDecision.Deny) Arming.check(null,
        List.of(ProtectiveSpec.stopMarket(S, Side.SELL, 1, 69_050))).orElseThrow()).reason());
    assertTrue(Arming.check(OrderSpec.limit(S, Side.BUY, 5, 70_000),
        List.of(ProtectiveSpec.stopMarket(S, Side.BUY, 5, 69_000))).isPresent());
    assertFalse(Arming.check(OrderSpec.limit(S, Side.BUY, 5, 70_000),
        List.of(ProtectiveSpec.stopMarket(S, Side.SELL, 5, 69_000))).isPresent());
    assertEquals(Optional.empty(), Arming.check(null, List.of(ProtectiveSpec.trailingStop(S, Side.SELL, 1,
        Trail.ticks(3)))));
  }

  @Test
  void aRestartFoldsBackExactlyWhatWasArmed() {
    AgentState s = holding(10, List.of(ProtectiveSpec.trailingStop(S, Side.SELL, 10, Trail.ticks(5)),
        ProtectiveSpec.takeProfitMarket(S, Side.SELL, 10, 75_000)));
    List<AgentEvent> journal = new ArrayList<>();
    s = print(s, 71_000, ALLOW, journal);
    AgentState start = holding(10, List.of(ProtectiveSpec.trailingStop(S, Side.SELL, 10, Trail.ticks(5)),
        ProtectiveSpec.takeProfitMarket(S, Side.SELL, 10, 75_000)));
    AgentState replayed = start;
    for (AgentEvent e : journal) {
      replayed = replayed.apply(e);
    }
    assertEquals(s, replayed);
    assertEquals(s.stateHash(), replayed.stateHash());
    assertEquals(70_500, replayed.protections().all().get(0).trigger());
  }
}
