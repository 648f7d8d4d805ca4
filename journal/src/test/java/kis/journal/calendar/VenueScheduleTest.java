package kis.journal.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import kis.journal.Venue;
import org.junit.jupiter.api.Test;

class VenueScheduleTest {
  final MarketCalendar cal = MarketCalendar.defaults();

  private Instant kst(String t) {
    return LocalDateTime.parse(t).atZone(cal.zone()).toInstant();
  }

  @Test
  void anNxtDayRollsAtTwentyNotAtKrxsClose() {
    SessionSchedule nxt = SessionSchedule.venue(cal, Venue.NXT);
    assertEquals(LocalDate.of(2026, 11, 23), nxt.tradingDay(kst("2026-11-23T17:00:00")));
    assertEquals(kst("2026-11-23T20:00:00"), nxt.sessionEnd(kst("2026-11-23T17:00:00")));
    assertEquals(LocalDate.of(2026, 11, 24), nxt.tradingDay(kst("2026-11-23T20:00:00")));
    assertEquals(MarketPhase.AFTER_MARKET, nxt.phaseAt(kst("2026-11-23T17:00:00")));
  }

  @Test
  void krxsWholeDayEndsWithItsAfterMarketFrom20260914() {
    SessionSchedule krx = SessionSchedule.venue(cal, Venue.KRX);
    assertEquals(kst("2026-09-11T18:00:00"), krx.sessionEnd(kst("2026-09-11T10:00:00")));
    assertEquals(kst("2026-09-14T20:00:00"), krx.sessionEnd(kst("2026-09-14T10:00:00")));
  }

  @Test
  void theNextChangeWalksThroughTheHaltsAndOverHolidays() {
    SessionSchedule nxt = SessionSchedule.venue(cal, Venue.NXT);
    assertEquals(kst("2026-11-23T08:50:00"), nxt.nextChange(kst("2026-11-23T08:10:00")));
    assertEquals(kst("2026-11-23T09:00:00"), nxt.nextChange(kst("2026-11-23T08:50:00")));
    assertEquals(kst("2026-12-28T08:00:00"), nxt.nextChange(kst("2026-12-24T20:00:00")), "Christmas, a weekend");
  }
}
