package kis.journal.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import kis.journal.OrderType;
import kis.journal.Venue;
import org.junit.jupiter.api.Test;

class OrderCapabilitiesTest {

  @Test
  void krxTakesLimitAndMarketOrdersInItsRegularMarketAndNothingWhenClosedOrHalted() {
    for (MarketPhase p : new MarketPhase[] {MarketPhase.PRE_OPEN, MarketPhase.CONTINUOUS, MarketPhase.CLOSING_AUCTION}) {
      assertEquals(Set.of(OrderType.LIMIT, OrderType.MARKET), OrderCapabilities.supported(Venue.KRX, p), p.toString());
    }
    for (Venue v : Venue.values()) {
      assertEquals(Set.of(), OrderCapabilities.venueTakes(v, MarketPhase.CLOSED), v.toString());
      assertEquals(Set.of(), OrderCapabilities.venueTakes(v, MarketPhase.HALTED), v.toString());
    }
  }

  @Test
  void theEngineTradesOnlyTheTypesItsBooksTrack() {
    assertEquals(Set.of(OrderType.LIMIT, OrderType.MARKET), OrderCapabilities.traded(Venue.KRX));
    assertEquals(Set.of(OrderType.LIMIT), OrderCapabilities.traded(Venue.NXT));
    assertEquals(Set.of(OrderType.LIMIT, OrderType.MARKET), OrderCapabilities.traded(Venue.SOR));
    assertTrue(OrderCapabilities.venueTakes(Venue.KRX, MarketPhase.CONTINUOUS).contains(OrderType.STOP_LIMIT));
    assertFalse(OrderCapabilities.supports(Venue.KRX, MarketPhase.CONTINUOUS, OrderType.STOP_LIMIT));
    assertTrue(OrderCapabilities.supports(Venue.KRX, MarketPhase.CLOSING_AUCTION, OrderType.MARKET));
  }

  @Test
  void nxtTakesNoMarketOrConditionalOrderInAnySession() {
    for (MarketPhase p : MarketPhase.values()) {
      Set<OrderType> t = OrderCapabilities.venueTakes(Venue.NXT, p);
      assertFalse(t.contains(OrderType.MARKET), p.toString());
      assertFalse(t.contains(OrderType.CONDITIONAL_LIMIT), p.toString());
    }
    assertTrue(OrderCapabilities.venueTakes(Venue.NXT, MarketPhase.AFTER_MARKET).contains(OrderType.LIMIT));
  }

  @Test
  void sorTakesMarketButNoMidPriceOrStopLimit() {
    for (MarketPhase p : MarketPhase.values()) {
      Set<OrderType> t = OrderCapabilities.venueTakes(Venue.SOR, p);
      assertFalse(t.contains(OrderType.MIDPOINT), p.toString());
      assertFalse(t.contains(OrderType.STOP_LIMIT), p.toString());
    }
    assertTrue(OrderCapabilities.venueTakes(Venue.SOR, MarketPhase.CONTINUOUS).contains(OrderType.MARKET));
  }

  @Test
  void krxAfterMarketTakesLimitTypesOnly() {
    Set<OrderType> t = OrderCapabilities.venueTakes(Venue.KRX, MarketPhase.AFTER_MARKET);
    assertTrue(t.contains(OrderType.LIMIT));
    for (OrderType o : t) {
      assertFalse(o == OrderType.MARKET || o == OrderType.IOC_MARKET || o == OrderType.FOK_MARKET, o.toString());
    }
    assertEquals(Set.of(OrderType.LIMIT), OrderCapabilities.supported(Venue.KRX, MarketPhase.AFTER_MARKET));
  }

  @Test
  void everyVenueHasARowSoANewVenueCannotBeTradedByOmission() {
    for (Venue v : Venue.values()) {
      assertFalse(OrderCapabilities.traded(v).isEmpty(), v.toString());
    }
  }
}
