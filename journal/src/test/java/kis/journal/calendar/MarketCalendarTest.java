package kis.journal.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Optional;
import kis.journal.Venue;
import org.junit.jupiter.api.Test;

class MarketCalendarTest {
  final MarketCalendar cal = MarketCalendar.defaults();

  @Test
  void krxHoursAreTheKrxCalendarsOnEveryDay() {
    KrxCalendar krx = KrxCalendar.defaults();
    for (LocalDate d = LocalDate.of(2026, 1, 1); d.isBefore(LocalDate.of(2027, 1, 1)); d = d.plusDays(1)) {
      assertEquals(krx.sessionHours(d), cal.hours(Venue.KRX, d), d.toString());
    }
  }

  @Test
  void theRegularKrxDayIsTheConfiguredOne() {
    assertEquals(new SessionHours(LocalTime.of(8, 30), LocalTime.of(9, 0), LocalTime.of(15, 20), LocalTime.of(15, 30)),
        cal.regularHours(Venue.KRX));
  }

  @Test
  void aCsatDayOpensAndClosesAnHourLateAndAHolidayHasNoSession() {
    assertEquals(LocalTime.of(10, 0), cal.hours(Venue.KRX, LocalDate.of(2026, 11, 19)).orElseThrow().open());
    assertEquals(Optional.empty(), cal.hours(Venue.KRX, LocalDate.of(2026, 12, 25)));
  }

  @Test
  void thePhaseIsReadInSeoulTime() {
    ZonedDateTime t = ZonedDateTime.of(2026, 11, 24, 15, 25, 0, 0, cal.zone());
    assertEquals(MarketPhase.CLOSING_AUCTION, cal.phaseAt(Venue.KRX, t.toInstant()));
    assertEquals(MarketPhase.CLOSED, cal.phaseAt(Venue.KRX, t.plusMinutes(5).toInstant()));
  }
}
