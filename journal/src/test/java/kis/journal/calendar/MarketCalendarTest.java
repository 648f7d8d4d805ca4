package kis.journal.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import kis.journal.Venue;
import org.junit.jupiter.api.Test;

class MarketCalendarTest {
  final MarketCalendar cal = MarketCalendar.defaults();

  private MarketPhase at(Venue v, String localDateTime) {
    return cal.phaseAt(v, ZonedDateTime.of(java.time.LocalDateTime.parse(localDateTime), cal.zone()).toInstant());
  }

  @Test
  void krxRegularMarketIsTheKrxCalendarsOnEveryDay() {
    KrxCalendar krx = KrxCalendar.defaults();
    for (LocalDate d = LocalDate.of(2026, 1, 1); d.isBefore(LocalDate.of(2027, 1, 1)); d = d.plusDays(1)) {
      Optional<SessionHours> h = krx.sessionHours(d);
      assertEquals(h, cal.regularSession(d), d.toString());
      assertEquals(h.isPresent(), cal.hours(Venue.KRX, d).isPresent(), d.toString());
      if (h.isPresent()) {
        VenueDay day = cal.hours(Venue.KRX, d).orElseThrow();
        assertEquals(h.get().open(), day.session(MarketPhase.CONTINUOUS).orElseThrow().start(), d.toString());
        assertEquals(h.get().close(), day.session(MarketPhase.CLOSING_AUCTION).orElseThrow().end(), d.toString());
      }
    }
  }

  @Test
  void theRegularKrxDayIsTheConfiguredOne() {
    assertEquals(new SessionHours(LocalTime.of(8, 30), LocalTime.of(9, 0), LocalTime.of(15, 20), LocalTime.of(15, 30)),
        cal.regularHours(Venue.KRX));
  }

  @Test
  void aCsatDayOpensAndClosesAnHourLateAndAHolidayHasNoSession() {
    assertEquals(LocalTime.of(10, 0), cal.regularSession(LocalDate.of(2026, 11, 19)).orElseThrow().open());
    for (Venue v : Venue.values()) {
      assertEquals(Optional.empty(), cal.hours(v, LocalDate.of(2026, 12, 25)), v.toString());
    }
  }

  @Test
  void krxAfterTheCloseTradesAtTheCloseThenSinglePriceUntilTheAfterMarketReplacesItOn20260914() {
    // Friday 2026-09-11: the old regime.
    assertEquals(MarketPhase.CLOSED, at(Venue.KRX, "2026-09-11T15:35:00"));
    assertEquals(MarketPhase.POST_CLOSE_CLOSING_PRICE, at(Venue.KRX, "2026-09-11T15:45:00"));
    assertEquals(MarketPhase.AFTER_HOURS_SINGLE_PRICE, at(Venue.KRX, "2026-09-11T17:00:00"));
    assertEquals(MarketPhase.CLOSED, at(Venue.KRX, "2026-09-11T18:00:00"));
    // Monday 2026-09-14: the after-market, 16:00-20:00.
    assertEquals(MarketPhase.AFTER_MARKET, at(Venue.KRX, "2026-09-14T16:00:00"));
    assertEquals(MarketPhase.AFTER_MARKET, at(Venue.KRX, "2026-09-14T19:59:59"));
    assertEquals(MarketPhase.CLOSED, at(Venue.KRX, "2026-09-14T20:00:00"));
  }

  @Test
  void krxOpeningAuctionWinsOverThePreOpenClosingPriceTradesThatRunBesideIt() {
    assertEquals(MarketPhase.PRE_OPEN, at(Venue.KRX, "2026-11-24T08:35:00"));
    VenueDay day = cal.hours(Venue.KRX, LocalDate.of(2026, 11, 24)).orElseThrow();
    assertEquals(List.of(MarketPhase.PRE_OPEN, MarketPhase.PRE_OPEN_CLOSING_PRICE), day.phasesAt(LocalTime.of(8, 35)));
  }

  @Test
  void nxtRunsPreMarketMainAndAfterMarketWithHaltsAroundKrxsAuctions() {
    assertEquals(MarketPhase.CLOSED, at(Venue.NXT, "2026-11-24T07:59:59"));
    assertEquals(MarketPhase.PRE_MARKET, at(Venue.NXT, "2026-11-24T08:00:00"));
    assertEquals(MarketPhase.HALTED, at(Venue.NXT, "2026-11-24T08:50:00"));
    assertEquals(MarketPhase.CONTINUOUS, at(Venue.NXT, "2026-11-24T09:00:00"));
    assertEquals(MarketPhase.HALTED, at(Venue.NXT, "2026-11-24T15:20:00"));
    assertEquals(MarketPhase.AFTER_MARKET, at(Venue.NXT, "2026-11-24T15:30:00"));
    assertEquals(MarketPhase.AFTER_MARKET, at(Venue.NXT, "2026-11-24T19:59:59"));
    assertEquals(MarketPhase.CLOSED, at(Venue.NXT, "2026-11-24T20:00:00"));
    assertEquals(MarketPhase.CLOSED, at(Venue.NXT, "2026-11-28T10:00:00"));
  }

  @Test
  void onTheCsatDayNxtHasNoPreMarketAndItsMainMarketShiftsWithKrx() {
    VenueDay day = cal.hours(Venue.NXT, LocalDate.of(2026, 11, 19)).orElseThrow();
    assertEquals(Optional.empty(), day.session(MarketPhase.PRE_MARKET));
    assertEquals(new VenueSession(MarketPhase.CONTINUOUS, LocalTime.of(10, 0), LocalTime.of(16, 20)),
        day.session(MarketPhase.CONTINUOUS).orElseThrow());
    assertEquals(MarketPhase.CLOSED, at(Venue.NXT, "2026-11-19T08:30:00"));
    assertEquals(MarketPhase.CLOSED, at(Venue.NXT, "2026-01-02T08:30:00"));
    assertEquals(MarketPhase.CONTINUOUS, at(Venue.NXT, "2026-01-02T10:00:00"));
  }

  @Test
  void nxtDidNotTradeBeforeItsLaunch() {
    assertEquals(Optional.empty(), cal.hours(Venue.NXT, LocalDate.of(2025, 3, 3)));
    assertTrue(cal.hours(Venue.NXT, LocalDate.of(2025, 3, 4)).isPresent());
  }

  @Test
  void sorIsOpenWheneverEitherBookIsAndContinuousWhenEitherMatchesContinuously() {
    assertEquals(MarketPhase.PRE_MARKET, at(Venue.SOR, "2026-11-24T08:10:00"));
    assertEquals(MarketPhase.PRE_MARKET, at(Venue.SOR, "2026-11-24T08:40:00"));
    assertEquals(MarketPhase.PRE_OPEN, at(Venue.SOR, "2026-11-24T08:55:00"));
    assertEquals(MarketPhase.CONTINUOUS, at(Venue.SOR, "2026-11-24T10:00:00"));
    assertEquals(MarketPhase.CLOSING_AUCTION, at(Venue.SOR, "2026-11-24T15:25:00"));
    assertEquals(MarketPhase.AFTER_MARKET, at(Venue.SOR, "2026-11-24T17:00:00"));
    assertEquals(MarketPhase.CLOSED, at(Venue.SOR, "2026-11-24T20:00:00"));
    VenueDay sor = cal.hours(Venue.SOR, LocalDate.of(2026, 11, 24)).orElseThrow();
    assertEquals(LocalTime.of(8, 0), sor.opens());
    assertEquals(LocalTime.of(20, 0), sor.closes());
  }

  @Test
  void aDateOutsideTheHolidayListOrBeforeTheTableIsDetectable() {
    assertTrue(cal.covers(LocalDate.of(2026, 11, 24)));
    assertFalse(cal.covers(LocalDate.of(2028, 1, 4)));
    assertTrue(cal.coverageGap(LocalDate.of(2028, 1, 4)).orElseThrow().contains("covered-years"));
    assertFalse(cal.covers(LocalDate.of(2025, 1, 6)));
    assertThrows(IllegalStateException.class, () -> cal.requireCovered(LocalDate.of(2028, 1, 4)));
  }

  @Test
  void constitutionDay2026IsAHoliday() {
    assertEquals(Optional.empty(), cal.hours(Venue.KRX, LocalDate.of(2026, 7, 17)));
  }

  @Test
  void thePhaseIsReadInSeoulTime() {
    ZonedDateTime t = ZonedDateTime.of(2026, 11, 24, 15, 25, 0, 0, cal.zone());
    assertEquals(MarketPhase.CLOSING_AUCTION, cal.phaseAt(Venue.KRX, t.toInstant()));
    assertEquals(MarketPhase.CLOSED, cal.phaseAt(Venue.KRX, t.plusMinutes(5).toInstant()));
  }
}
