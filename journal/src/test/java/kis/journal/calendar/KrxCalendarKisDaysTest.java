package kis.journal.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** KIS's chk-holiday answers over the configured list: they decide the days they name and cover them. */
class KrxCalendarKisDaysTest {
  static final KrxCalendar TABLE = KrxCalendar.defaults();

  @Test
  void kisDecidesTheDaysItAnsweredForAndTheTableTheRest() {
    LocalDate listedHoliday = LocalDate.of(2026, 10, 9); // Hangul Day, in the shipped list
    LocalDate ordinaryFriday = LocalDate.of(2026, 10, 16);
    KrxCalendar c = TABLE.withKisDays(Map.of(listedHoliday, true, ordinaryFriday, false));

    assertTrue(c.isTradingDay(listedHoliday));
    assertFalse(c.isTradingDay(ordinaryFriday));
    assertFalse(c.isTradingDay(LocalDate.of(2026, 10, 5)), "a listed day KIS did not answer for stays a holiday");
    assertEquals(LocalDate.of(2026, 10, 19), c.nextTradingDay(LocalDate.of(2026, 10, 15)));
    assertFalse(TABLE.isTradingDay(listedHoliday), "the table itself is unchanged");
  }

  @Test
  void aDayKisAnsweredForIsCoveredBeyondTheListsYears() {
    LocalDate later = LocalDate.of(2031, 6, 2);
    assertFalse(TABLE.covers(later));
    KrxCalendar c = TABLE.withKisDays(Map.of(later, true));
    assertTrue(c.covers(later));
    assertEquals(java.util.Optional.empty(), new MarketCalendar(c).coverageGap(later));
    assertFalse(c.covers(later.plusDays(1)));
  }
}
