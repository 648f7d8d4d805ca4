package kis.journal.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import kis.journal.OrderType;
import kis.journal.Venue;
import org.junit.jupiter.api.Test;

class OrderLifetimeTest {
  final MarketCalendar cal = MarketCalendar.defaults();
  final OrderLifetime lifetime = new OrderLifetime(cal);

  private Instant kst(String t) {
    return LocalDateTime.parse(t).atZone(cal.zone()).toInstant();
  }

  @Test
  void eachOrderExpiresAtItsOwnVenuesClose() {
    assertEquals(kst("2026-11-23T15:30:00"), lifetime.expiresAt(Venue.KRX, kst("2026-11-23T10:00:00")));
    assertEquals(kst("2026-11-23T20:00:00"), lifetime.expiresAt(Venue.NXT, kst("2026-11-23T10:00:00")));
    assertEquals(kst("2026-11-23T20:00:00"), lifetime.expiresAt(Venue.NXT, kst("2026-11-23T08:10:00")),
        "the halts carry a pre-market order through the main market");
    assertEquals(kst("2026-11-23T20:00:00"), lifetime.expiresAt(Venue.SOR, kst("2026-11-23T10:00:00")),
        "an SOR order may rest on NXT");
  }

  @Test
  void aKrxAfterMarketOrderLivesUntilTwentyFromTheFourteenthOfSeptember() {
    assertEquals(kst("2026-09-14T20:00:00"), lifetime.expiresAt(Venue.KRX, kst("2026-09-14T16:30:00")));
    assertEquals(kst("2026-09-11T18:00:00"), lifetime.expiresAt(Venue.KRX, kst("2026-09-11T16:30:00")),
        "before it, the after-hours single price ended at 18:00");
    assertEquals(kst("2026-09-14T15:30:00"), lifetime.expiresAt(Venue.KRX, kst("2026-09-14T15:00:00")));
  }

  @Test
  void anOrderPlacedAfterItsVenuesDayLivesUntilTheNextTradingDaysClose() {
    assertEquals(kst("2026-11-30T20:00:00"), lifetime.expiresAt(Venue.NXT, kst("2026-11-27T20:30:00")),
        "Friday evening: next Monday");
  }

  @Test
  void closedByNamesTheLastCloseOfEachVenue() {
    var at1531 = lifetime.closedBy(kst("2026-11-23T15:31:00"));
    assertEquals(kst("2026-11-23T15:30:00"), at1531.get(Venue.KRX));
    assertEquals(kst("2026-11-20T20:00:00"), at1531.get(Venue.NXT), "NXT last closed on Friday");
    var at2000 = lifetime.closedBy(kst("2026-11-23T20:00:00"));
    assertEquals(kst("2026-11-23T20:00:00"), at2000.get(Venue.NXT));
    assertEquals(kst("2026-11-23T20:00:00"), at2000.get(Venue.SOR));
    assertEquals(kst("2026-11-23T20:00:00"), at2000.get(Venue.KRX), "KRX's after-market ends too");
  }

  @Test
  void theRollIsDueAtEveryVenuesClose() {
    assertEquals(kst("2026-11-23T15:30:00"), lifetime.nextClose(kst("2026-11-23T09:00:00")));
    assertEquals(kst("2026-11-23T20:00:00"), lifetime.nextClose(kst("2026-11-23T15:30:00")));
    assertEquals(kst("2026-11-24T15:30:00"), lifetime.nextClose(kst("2026-11-23T20:00:00")));
  }

  @Test
  void aKrxAgentsDayRunsIntoTheAfterMarketWhereItPlacesLimitsOnlyAndItsOrderThereDiesAt20() {
    SessionSchedule krx = SessionSchedule.market(cal).forVenue(Venue.KRX);
    assertEquals(MarketPhase.CONTINUOUS, krx.phaseAt(kst("2026-11-23T10:00:00")));
    assertEquals(kst("2026-11-23T15:30:00"), krx.sessionEnd(kst("2026-11-23T10:00:00")), "a regular order");
    assertEquals(MarketPhase.CLOSED, krx.phaseAt(kst("2026-11-23T15:35:00")), "between the close and 15:40");
    assertEquals(MarketPhase.POST_CLOSE_CLOSING_PRICE, krx.phaseAt(kst("2026-11-23T15:45:00")));
    assertFalse(OrderCapabilities.supports(Venue.KRX, MarketPhase.POST_CLOSE_CLOSING_PRICE, OrderType.LIMIT),
        "the engine sends no closing-price order (06)");
    Instant seventeen = kst("2026-11-23T17:00:00");
    assertEquals(MarketPhase.AFTER_MARKET, krx.phaseAt(seventeen));
    assertTrue(OrderCapabilities.supports(Venue.KRX, krx.phaseAt(seventeen), OrderType.LIMIT));
    assertFalse(OrderCapabilities.supports(Venue.KRX, krx.phaseAt(seventeen), OrderType.MARKET));
    assertEquals(kst("2026-11-23T20:00:00"), lifetime.expiresAt(Venue.KRX, seventeen), "not 15:30 the next day");
    assertEquals(kst("2026-11-23T20:00:00"), lifetime.closedBy(Venue.KRX, kst("2026-11-23T20:00:00")).orElseThrow(),
        "the 20:00 roll expires it");
    assertEquals(kst("2026-11-23T15:30:00"), lifetime.closedBy(Venue.KRX, kst("2026-11-23T19:59:59")).orElseThrow(),
        "and no roll before 20:00 does");
    assertEquals(kst("2026-11-24T08:30:00"), krx.nextChange(kst("2026-11-23T20:00:00")), "the next morning's pre-open");
    // Before the after-market began, KRX's evening was the single-price session (07, limit only) until 18:00.
    Instant before = kst("2026-09-11T17:00:00");
    assertEquals(MarketPhase.AFTER_HOURS_SINGLE_PRICE, krx.phaseAt(before));
    assertEquals(kst("2026-09-11T18:00:00"), lifetime.expiresAt(Venue.KRX, before));
  }

  @Test
  void theMarketsTradingDayEndsWithItsLastVenueSoAnEveningFillCountsToTheSameDay() {
    SessionSchedule market = SessionSchedule.market(cal);
    SessionSchedule nxt = market.forVenue(Venue.NXT);
    SessionSchedule krx = market.forVenue(Venue.KRX);
    Instant evening = kst("2026-11-23T17:00:00");
    assertEquals(LocalDate.of(2026, 11, 23), market.tradingDay(evening));
    assertEquals(LocalDate.of(2026, 11, 23), nxt.tradingDay(evening));
    assertEquals(LocalDate.of(2026, 11, 23), krx.tradingDay(evening), "one day for the whole account");
    assertEquals(LocalDate.of(2026, 11, 24), krx.tradingDay(kst("2026-11-23T20:00:00")));
    assertEquals(MarketPhase.AFTER_MARKET, nxt.phaseAt(evening));
    assertEquals(MarketPhase.AFTER_MARKET, krx.phaseAt(evening), "KRX's after-market (from 2026-09-14)");
    assertEquals(kst("2026-11-23T15:30:00"), market.nextRoll(kst("2026-11-23T10:00:00")));
    assertEquals(kst("2026-11-23T20:00:00"), nxt.sessionEnd(evening));
    assertEquals(kst("2026-11-23T20:00:00"), krx.sessionEnd(evening));
    assertTrue(!OrderCapabilities.supports(Venue.NXT, nxt.phaseAt(evening), OrderType.MARKET)
        && OrderCapabilities.supports(Venue.NXT, nxt.phaseAt(evening), OrderType.LIMIT));
  }
}
