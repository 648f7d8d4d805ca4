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
  void krxTakesLimitAndMarketOrdersInEveryPhaseThatAcceptsOrdersAndNothingWhenClosed() {
    for (MarketPhase p : MarketPhase.values()) {
      Set<OrderType> expected = p.acceptsOrders() ? Set.of(OrderType.LIMIT, OrderType.MARKET) : Set.of();
      assertEquals(expected, OrderCapabilities.supported(Venue.KRX, p), p.toString());
    }
  }

  @Test
  void theEngineTradesOnlyTheTypesItsBooksTrack() {
    assertEquals(Set.of(OrderType.LIMIT, OrderType.MARKET), OrderCapabilities.traded(Venue.KRX));
    assertFalse(OrderCapabilities.supports(Venue.KRX, MarketPhase.CONTINUOUS, OrderType.STOP_LIMIT));
    assertTrue(OrderCapabilities.supports(Venue.KRX, MarketPhase.CLOSING_AUCTION, OrderType.MARKET));
  }

  @Test
  void everyVenueHasARowSoANewVenueCannotBeTradedByOmission() {
    for (Venue v : Venue.values()) {
      assertFalse(OrderCapabilities.traded(v).isEmpty(), v.toString());
    }
  }
}
