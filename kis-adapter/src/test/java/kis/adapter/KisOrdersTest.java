package kis.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import kis.connector.rest.OrderCashRequest;
import kis.connector.rest.OrderSide;
import kis.connector.rest.ReviseCancelRequest;
import kis.journal.OrderNo;
import kis.journal.OrderSpec;
import kis.journal.OrderType;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.Venue;
import kis.journal.calendar.MarketPhase;
import org.junit.jupiter.api.Test;

class KisOrdersTest {
  private static final Symbol SAMSUNG = Symbol.of("005930");

  @Test
  void aLimitBuyBecomesAnOrderCashWithDivision00TheKrxVenueAndNoTrigger() {
    OrderCashRequest r = KisOrders.order(OrderSpec.limit(SAMSUNG, Side.BUY, 10, 70_000)).known().orElseThrow();
    assertEquals(new OrderCashRequest(OrderSide.BUY, "005930", "00", 10, 70_000, "KRX", 0), r);
  }

  @Test
  void aMarketSellBecomesDivision01AtPriceZero() {
    OrderCashRequest r = KisOrders.order(OrderSpec.market(SAMSUNG, Side.SELL, 3)).known().orElseThrow();
    assertEquals(new OrderCashRequest(OrderSide.SELL, "005930", "01", 3, 0, "KRX", 0), r);
  }

  @Test
  void everyTypeIsSentWithItsDivision() {
    for (OrderType t : OrderType.values()) {
      OrderSpec spec = new OrderSpec(SAMSUNG, Side.BUY, t, 1, t.carriesPrice() ? 70_000 : 0, Venue.KRX,
          t == OrderType.STOP_LIMIT ? 69_000 : 0);
      Decoded<OrderCashRequest> d = KisOrders.order(spec);
      assertEquals(KisOrderTypes.code(t).known().orElseThrow(), d.known().orElseThrow().ordDvsn(), t.name());
    }
  }

  @Test
  void aStopLimitGoesOutAsDivision22WithItsTriggerAsCndtPricOnKrxAndNxtNotSor() {
    OrderSpec stop = OrderSpec.stopLimit(SAMSUNG, Side.SELL, 10, 69_000, 68_900, Venue.NXT);
    assertEquals(new OrderCashRequest(OrderSide.SELL, "005930", "22", 10, 68_900, "NXT", 69_000),
        KisOrders.order(stop).known().orElseThrow());
    assertEquals("KRX", KisOrders.order(stop.on(Venue.KRX)).known().orElseThrow().exchange());
    Decoded.Refused<OrderCashRequest> sor = assertInstanceOf(Decoded.Refused.class, KisOrders.order(stop.on(Venue.SOR)));
    assertTrue(sor.why().contains("SOR"), sor.why());
    ReviseCancelRequest cancel = KisOrders.cancel(OrderNo.of("77"), "06010", OrderType.STOP_LIMIT, Venue.NXT)
        .known().orElseThrow();
    assertEquals("22", cancel.ordDvsn());
  }

  @Test
  void aKrxLimitSentInTheAfterMarketIsDivision41ItsReviseAndCancelToo_AMarketOrderIsNotSent() {
    OrderSpec limit = OrderSpec.limit(SAMSUNG, Side.BUY, 2, 70_000);
    assertEquals(new OrderCashRequest(OrderSide.BUY, "005930", "41", 2, 70_000, "KRX", 0),
        KisOrders.order(limit, MarketPhase.AFTER_MARKET).known().orElseThrow());
    assertEquals("00", KisOrders.order(limit.on(Venue.NXT), MarketPhase.AFTER_MARKET).known().orElseThrow().ordDvsn(),
        "NXT's after-market takes the regular codes");
    Decoded.Refused<OrderCashRequest> market = assertInstanceOf(Decoded.Refused.class,
        KisOrders.order(OrderSpec.market(SAMSUNG, Side.BUY, 1), MarketPhase.AFTER_MARKET));
    assertTrue(market.why().contains("after-market"), market.why());
    assertEquals(new ReviseCancelRequest("06010", "0000000123", "41", false, 0, 70_100, true, "KRX", 0),
        KisOrders.revise(OrderNo.of("123"), "06010", OrderType.LIMIT, Venue.KRX, MarketPhase.AFTER_MARKET, 70_100)
            .known().orElseThrow());
    assertEquals(new ReviseCancelRequest("06010", "0000000123", "41", true, 0, 0, true, "KRX", 0),
        KisOrders.cancel(OrderNo.of("123"), "06010", OrderType.LIMIT, Venue.KRX, MarketPhase.AFTER_MARKET)
            .known().orElseThrow());
  }

  @Test
  void aReviseMovesTheWholeRemainderOfTheOriginalAtItsDivision() {
    ReviseCancelRequest r = KisOrders.revise(OrderNo.of("123"), "06010", OrderType.LIMIT, Venue.KRX, 70_100).known().orElseThrow();
    assertEquals(new ReviseCancelRequest("06010", "0000000123", "00", false, 0, 70_100, true, "KRX", 0), r);
  }

  @Test
  void aCancelTakesTheWholeRemainderAtPriceZeroWithTheOriginalsDivision() {
    ReviseCancelRequest r = KisOrders.cancel(OrderNo.of("0000000123"), "06010", OrderType.MARKET, Venue.KRX).known().orElseThrow();
    assertEquals(new ReviseCancelRequest("06010", "0000000123", "01", true, 0, 0, true, "KRX", 0), r);
  }

  @Test
  void aModifyWithoutABranchNumberOrAVenueOrAReviseWithoutAPriceIsRefusedNotThrown() {
    assertInstanceOf(Decoded.Refused.class, KisOrders.cancel(OrderNo.of("1"), null, OrderType.LIMIT, Venue.KRX));
    assertInstanceOf(Decoded.Refused.class, KisOrders.revise(OrderNo.of("1"), " ", OrderType.LIMIT, Venue.KRX, 70_000));
    assertInstanceOf(Decoded.Refused.class, KisOrders.revise(OrderNo.of("1"), "06010", OrderType.LIMIT, Venue.KRX, 0));
    assertInstanceOf(Decoded.Refused.class, KisOrders.cancel(OrderNo.of("1"), "06010", OrderType.LIMIT, null));
  }

  @Test
  void anOrderGoesToItsSpecsVenue() {
    assertEquals("NXT", KisOrders.order(OrderSpec.limit(SAMSUNG, Side.BUY, 1, 70_000).on(Venue.NXT)).known()
        .orElseThrow().exchange());
    assertEquals("SOR", KisOrders.order(OrderSpec.market(SAMSUNG, Side.SELL, 1).on(Venue.SOR)).known()
        .orElseThrow().exchange());
  }

  @Test
  void aReviseOrCancelGoesToTheVenueTheOriginalWasPlacedOn() {
    for (Venue v : Venue.values()) {
      assertEquals(KisVenues.code(v), KisOrders.revise(OrderNo.of("7"), "06010", OrderType.LIMIT, v, 70_100).known()
          .orElseThrow().exchange(), v.name());
      assertEquals(KisVenues.code(v), KisOrders.cancel(OrderNo.of("7"), "06010", OrderType.LIMIT, v).known()
          .orElseThrow().exchange(), v.name());
    }
    assertEquals("NXT", KisOrders.cancel(OrderNo.of("7"), "06010", OrderType.LIMIT, Venue.NXT).known().orElseThrow()
        .exchange());
  }
}
