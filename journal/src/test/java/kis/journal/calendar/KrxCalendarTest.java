package kis.journal.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KrxCalendarTest {
  private final KrxCalendar cal = KrxCalendar.defaults();

  private static LocalDate d(String s) {
    return LocalDate.parse(s);
  }

  @Test
  void weekdaysTradeAndWeekendsDoNot() {
    assertTrue(cal.isTradingDay(d("2026-11-24"))); // Tuesday
    assertFalse(cal.isTradingDay(d("2026-11-28"))); // Saturday
    assertFalse(cal.isTradingDay(d("2026-11-29"))); // Sunday
  }

  @Test
  void mayFirstAndDecember31AreClosedByRuleInAnyYear() {
    assertFalse(cal.isTradingDay(d("2026-05-01"))); // Friday
    assertFalse(cal.isTradingDay(d("2026-12-31"))); // Thursday
    assertFalse(cal.isTradingDay(d("2030-05-01"))); // Wednesday, beyond the configured years
    assertFalse(cal.isTradingDay(d("2030-12-31"))); // Tuesday
  }

  @Test
  void configuredHolidaysAndSubstituteHolidaysAreClosed() {
    for (String h : new String[] {"2026-01-01", "2026-02-16", "2026-02-17", "2026-02-18", "2026-03-02",
        "2026-05-25", "2026-06-03", "2026-08-17", "2026-09-24", "2026-09-25", "2026-10-05", "2026-10-09",
        "2026-12-25", "2027-02-09", "2027-09-15", "2027-12-27"}) {
      assertFalse(cal.isTradingDay(d(h)), h);
    }
  }

  @Test
  void nextTradingDaySkipsWeekendsAndHolidayRuns() {
    assertEquals(d("2026-02-19"), cal.nextTradingDay(d("2026-02-13"))); // Fri → Seollal Mon-Wed → Thu
    assertEquals(d("2026-10-06"), cal.nextTradingDay(d("2026-10-02"))); // Fri → Oct 5 substitute → Tue
    assertEquals(d("2027-01-04"), cal.nextTradingDay(d("2026-12-30"))); // last day of 2026 → first of 2027
    assertEquals(d("2026-12-30"), cal.previousTradingDay(d("2027-01-04")));
  }

  @Test
  void firstTradingDayOfTheYearOpensAtTen() {
    assertEquals(d("2026-01-02"), cal.firstTradingDayOfYear(2026));
    assertEquals(d("2027-01-04"), cal.firstTradingDayOfYear(2027));
    SessionHours h = cal.sessionHours(d("2026-01-02")).orElseThrow();
    assertEquals(LocalTime.of(10, 0), h.open());
    assertEquals(LocalTime.of(15, 30), h.close());
    assertEquals(LocalTime.of(9, 0), cal.sessionHours(d("2026-01-05")).orElseThrow().open());
  }

  @Test
  void csatDayOpensAndClosesAnHourLate() {
    SessionHours h = cal.sessionHours(d("2026-11-19")).orElseThrow();
    assertEquals(LocalTime.of(10, 0), h.open());
    assertEquals(LocalTime.of(16, 30), h.close());
  }

  @Test
  void closedDaysHaveNoSession() {
    assertEquals(Optional.empty(), cal.sessionHours(d("2026-06-03")));
  }

  @Test
  void coverageIsReportedForTheConfiguredYearsOnly() {
    assertTrue(cal.covers(d("2027-06-01")));
    assertFalse(cal.covers(d("2028-06-01")));
  }

  @Test
  void configOverridesDefaultsKeyByKey() {
    KrxCalendar c = KrxCalendar.fromConfig(ConfigFactory.parseString(
        "holidays = [\"2026-11-24\"]\nlate-open-days = [\"2026-11-25\"]"));
    assertFalse(c.isTradingDay(d("2026-11-24")));
    assertTrue(c.isTradingDay(d("2026-06-03"))); // the list replaced the defaults
    assertEquals(LocalTime.of(10, 0), c.sessionHours(d("2026-11-25")).orElseThrow().open());
    assertEquals(LocalTime.of(16, 30), c.sessionHours(d("2026-11-19")).orElseThrow().close()); // csat kept
  }

  @Test
  void badConfigValuesNameTheirKey() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> KrxCalendar.fromConfig(ConfigFactory.parseString("holidays = [\"2026-13-01\"]")));
    assertTrue(e.getMessage().contains("holidays"), e.getMessage());
    e = assertThrows(ConfigException.class,
        () -> KrxCalendar.fromConfig(ConfigFactory.parseString("hours.regular.open = \"08:00\"")));
    assertTrue(e.getMessage().contains("hours.regular"), e.getMessage());
    e = assertThrows(ConfigException.class,
        () -> KrxCalendar.fromConfig(ConfigFactory.parseString("zone = \"Mars/Olympus\"")));
    assertTrue(e.getMessage().contains("zone"), e.getMessage());
  }

  @Test
  void theAppConfigBlockIsOptional() {
    assertTrue(KrxCalendar.fromAppConfig(ConfigFactory.empty()).isTradingDay(d("2026-11-24")));
    KrxCalendar c = KrxCalendar.fromAppConfig(ConfigFactory.parseString(
        "kis-trader.krx-calendar.holidays = [\"2026-11-24\"]"));
    assertFalse(c.isTradingDay(d("2026-11-24")));
  }
}
