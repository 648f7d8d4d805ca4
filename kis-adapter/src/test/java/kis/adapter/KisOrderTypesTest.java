package kis.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import kis.connector.rest.OrderSide;
import kis.journal.OrderType;
import kis.journal.Side;
import kis.journal.Venue;
import kis.journal.calendar.MarketPhase;
import org.junit.jupiter.api.Test;

class KisOrderTypesTest {

  /** kis-api.md 4.1, KRX venue. */
  private static final Map<OrderType, String> ORD_DVSN = Map.ofEntries(
      Map.entry(OrderType.LIMIT, "00"), Map.entry(OrderType.MARKET, "01"),
      Map.entry(OrderType.CONDITIONAL_LIMIT, "02"), Map.entry(OrderType.BEST_LIMIT, "03"),
      Map.entry(OrderType.PRIORITY_LIMIT, "04"), Map.entry(OrderType.PRE_OPEN_AT_PREVIOUS_CLOSE, "05"),
      Map.entry(OrderType.POST_CLOSE_AT_CLOSE, "06"), Map.entry(OrderType.IOC_LIMIT, "11"),
      Map.entry(OrderType.FOK_LIMIT, "12"), Map.entry(OrderType.IOC_MARKET, "13"),
      Map.entry(OrderType.FOK_MARKET, "14"), Map.entry(OrderType.IOC_BEST, "15"),
      Map.entry(OrderType.FOK_BEST, "16"), Map.entry(OrderType.MIDPOINT, "21"),
      Map.entry(OrderType.STOP_LIMIT, "22"));

  @Test
  void everyOrderTypeHasItsKisDivisionAndEveryDivisionReadsBackAsItsType() {
    assertEquals(OrderType.values().length, ORD_DVSN.size(), "the table names every order type");
    Set<String> codes = new HashSet<>();
    for (OrderType t : OrderType.values()) {
      String code = ORD_DVSN.get(t);
      assertEquals(Decoded.known(code), KisOrderTypes.code(t), t.name());
      assertEquals(Decoded.known(t), KisOrderTypes.type(code), code);
      assertTrue(codes.add(code), "codes are distinct: " + code);
    }
  }

  @Test
  void aDivisionReadFromTheWireIsTrimmed() {
    assertEquals(Decoded.known(OrderType.MARKET), KisOrderTypes.type(" 01 "));
  }

  @Test
  void anUnknownOrBlankDivisionIsATypedRefusalNamingTheCode() {
    for (String code : new String[] {"48", "99", "", null}) {
      Decoded<OrderType> d = KisOrderTypes.type(code);
      Decoded.Refused<OrderType> r = assertInstanceOf(Decoded.Refused.class, d, String.valueOf(code));
      assertEquals(Decoded.UNKNOWN_CODE, r.code());
      assertTrue(r.why().contains("ORD_DVSN"), r.why());
    }
  }

  @Test
  void krxAfterMarketDivisionsAreTheLimitTypesThereAndNothingElse() {
    Map<OrderType, String> after = Map.of(OrderType.LIMIT, "41", OrderType.IOC_LIMIT, "42", OrderType.FOK_LIMIT, "43",
        OrderType.BEST_LIMIT, "44", OrderType.IOC_BEST, "45", OrderType.FOK_BEST, "46", OrderType.PRIORITY_LIMIT, "47");
    for (OrderType t : OrderType.values()) {
      Decoded<String> d = KisOrderTypes.code(Venue.KRX, MarketPhase.AFTER_MARKET, t);
      if (after.containsKey(t)) {
        assertEquals(Decoded.known(after.get(t)), d, t.name());
        assertEquals(Decoded.known(t), KisOrderTypes.type(after.get(t)), "a notice's ODER_KIND " + after.get(t));
      } else {
        Decoded.Refused<String> r = assertInstanceOf(Decoded.Refused.class, d, t.name());
        assertTrue(r.why().contains("after-market"), r.why());
      }
    }
    // Only KRX's after-market: NXT's after-market and KRX's regular market keep the regular table.
    assertEquals(Decoded.known("00"), KisOrderTypes.code(Venue.NXT, MarketPhase.AFTER_MARKET, OrderType.LIMIT));
    assertEquals(Decoded.known("00"), KisOrderTypes.code(Venue.SOR, MarketPhase.AFTER_MARKET, OrderType.LIMIT));
    assertEquals(Decoded.known("01"), KisOrderTypes.code(Venue.KRX, MarketPhase.CONTINUOUS, OrderType.MARKET));
    assertEquals(Decoded.known("07"), KisOrderTypes.code(Venue.KRX, MarketPhase.AFTER_HOURS_SINGLE_PRICE,
        OrderType.LIMIT));
    assertInstanceOf(Decoded.Refused.class, KisOrderTypes.code(Venue.KRX, MarketPhase.AFTER_HOURS_SINGLE_PRICE,
        OrderType.MARKET));
  }

  @Test
  void sidesMapBothWaysAndTheirWireCodesAreSellOneBuyTwo() {
    assertEquals(OrderSide.BUY, KisSides.toKis(Side.BUY));
    assertEquals(OrderSide.SELL, KisSides.toKis(Side.SELL));
    assertEquals(Side.BUY, KisSides.fromKis(OrderSide.BUY));
    assertEquals(Side.SELL, KisSides.fromKis(OrderSide.SELL));
    assertEquals(Decoded.known(Side.SELL), KisSides.fromCode("01"));
    assertEquals(Decoded.known(Side.BUY), KisSides.fromCode(" 02"));
    assertInstanceOf(Decoded.Refused.class, KisSides.fromCode("03"));
    assertInstanceOf(Decoded.Refused.class, KisSides.fromCode(null));
  }
}
