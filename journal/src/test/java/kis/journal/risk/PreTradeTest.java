package kis.journal.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import kis.journal.ClientOrderId;
import kis.journal.OrderNo;
import kis.journal.OrderSpec;
import kis.journal.OrderType;
import kis.journal.PriceLimits;
import kis.journal.RejectReason;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.calendar.MarketPhase;
import kis.journal.event.AgentEvent;
import kis.journal.event.FillSource;
import kis.journal.event.OrderAccepted;
import kis.journal.event.OrderFilled;
import kis.journal.event.OrderRequested;
import kis.journal.state.AgentState;
import org.junit.jupiter.api.Test;

class PreTradeTest {
  static final Symbol SAMSUNG = Symbol.of("005930");
  static final Instant T = Instant.parse("2026-11-24T01:00:00Z");
  static final Optional<PriceLimits> BAND = Optional.of(PriceLimits.forBase(70_000));
  static final AgentState FLAT = AgentState.empty("a1");

  /** Holds 10 shares, 4 of them offered by a working sell. */
  static AgentState holdingTenOfferingFour() {
    ClientOrderId buy = new ClientOrderId("a1-1");
    ClientOrderId sell = new ClientOrderId("a1-2");
    List<AgentEvent> events = List.of(
        new OrderRequested(buy, OrderSpec.limit(SAMSUNG, Side.BUY, 10, 70_000), "t", T),
        new OrderAccepted(buy, OrderNo.of("1"), "06010", "090001", false, T),
        new OrderFilled(buy, OrderNo.of("1"), SAMSUNG, Side.BUY, 10, 70_000, 0, 0, "e1", "090001",
            FillSource.NOTICE, T),
        new OrderRequested(sell, OrderSpec.limit(SAMSUNG, Side.SELL, 4, 71_000), "t", T));
    return AgentState.fold("a1", events);
  }

  static RejectReason reason(Optional<RiskDecision> d) {
    assertTrue(d.isPresent(), "expected a denial");
    return ((RiskDecision.Deny) d.get()).reason();
  }

  @Test
  void aClosedMarketIsReportedBeforeAnythingElse() {
    OrderSpec offGridSell = OrderSpec.limit(SAMSUNG, Side.SELL, 99, 70_001);
    assertEquals(RejectReason.KRX_MARKET_CLOSED, reason(PreTrade.check(offGridSell, MarketPhase.CLOSED, BAND, FLAT)));
  }

  @Test
  void anOrderTypeTheVenueDoesNotTakeFromTheEngineIsDenied() {
    OrderSpec stop = new OrderSpec(SAMSUNG, Side.BUY, OrderType.STOP_LIMIT, 1, 70_000, kis.journal.Venue.KRX, 69_000);
    assertEquals(RejectReason.AGENT_UNSUPPORTED_ORDER_TYPE,
        reason(PreTrade.check(stop, MarketPhase.CONTINUOUS, BAND, FLAT)));
    assertEquals(RejectReason.AGENT_UNSUPPORTED_ORDER_TYPE, reason(PreTrade.tradedType(stop)));
    assertEquals(Optional.empty(), PreTrade.tradedType(OrderSpec.market(SAMSUNG, Side.BUY, 1)));
  }

  @Test
  void aLimitOffTheTickGridOrOutsideTheBandIsDenied() {
    assertEquals(RejectReason.KRX_TICK_SIZE, reason(PreTrade.check(OrderSpec.limit(SAMSUNG, Side.BUY, 1, 70_050),
        MarketPhase.CONTINUOUS, BAND, FLAT)));
    assertEquals(RejectReason.KRX_PRICE_LIMIT, reason(PreTrade.check(OrderSpec.limit(SAMSUNG, Side.BUY, 1, 91_100),
        MarketPhase.CONTINUOUS, BAND, FLAT)));
    assertEquals(Optional.empty(), PreTrade.check(OrderSpec.limit(SAMSUNG, Side.BUY, 1, 91_000),
        MarketPhase.PRE_OPEN, BAND, FLAT));
  }

  @Test
  void anUnknownBandIsNotCheckedButTheGridStillIs() {
    assertEquals(Optional.empty(), PreTrade.limitPrice(200_000, Optional.empty()));
    assertEquals(RejectReason.KRX_TICK_SIZE, reason(PreTrade.limitPrice(200_001, Optional.empty())));
  }

  @Test
  void aMarketOrderCarriesNoPriceToCheck() {
    assertEquals(Optional.empty(), PreTrade.check(OrderSpec.market(SAMSUNG, Side.BUY, 5), MarketPhase.CLOSING_AUCTION,
        BAND, FLAT));
  }

  @Test
  void aSellMayTakeOnlySharesHeldAndNotAlreadyOffered() {
    AgentState s = holdingTenOfferingFour();
    assertEquals(Optional.empty(), PreTrade.freeToSell(OrderSpec.limit(SAMSUNG, Side.SELL, 6, 71_000), s));
    assertEquals(RejectReason.RISK_INSUFFICIENT_POSITION,
        reason(PreTrade.check(OrderSpec.market(SAMSUNG, Side.SELL, 7), MarketPhase.CONTINUOUS, BAND, s)));
    assertEquals(RejectReason.RISK_INSUFFICIENT_POSITION,
        reason(PreTrade.freeToSell(OrderSpec.market(SAMSUNG, Side.SELL, 1), FLAT)));
    assertEquals(4, PreTrade.working(s, SAMSUNG, Side.SELL));
  }
}
