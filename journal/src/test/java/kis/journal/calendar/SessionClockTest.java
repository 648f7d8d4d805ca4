package kis.journal.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class SessionClockTest {
  private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
  private final KrxCalendar cal = KrxCalendar.defaults();

  private SessionClock at(String localDateTime) {
    Instant i = ZonedDateTime.of(java.time.LocalDateTime.parse(localDateTime), SEOUL).toInstant();
    return new SessionClock(cal, Clock.fixed(i, ZoneId.of("UTC")));
  }

  private static Instant seoul(String localDateTime) {
    return ZonedDateTime.of(java.time.LocalDateTime.parse(localDateTime), SEOUL).toInstant();
  }

  @Test
  void phasesOfANormalDayFollowTheTimetableWithInclusiveStarts() {
    assertEquals(MarketPhase.CLOSED, at("2026-11-24T08:29:59").phase());
    assertEquals(MarketPhase.PRE_OPEN, at("2026-11-24T08:30:00").phase());
    assertEquals(MarketPhase.PRE_OPEN, at("2026-11-24T08:59:59").phase());
    assertEquals(MarketPhase.CONTINUOUS, at("2026-11-24T09:00:00").phase());
    assertEquals(MarketPhase.CONTINUOUS, at("2026-11-24T15:19:59").phase());
    assertEquals(MarketPhase.CLOSING_AUCTION, at("2026-11-24T15:20:00").phase());
    assertEquals(MarketPhase.CLOSED, at("2026-11-24T15:30:00").phase());
  }

  @Test
  void theClockZoneDoesNotMatterOnlyTheInstant() {
    // 00:00 UTC is 09:00 in Seoul: the market is open whatever zone the injected clock reports in.
    SessionClock c = new SessionClock(cal, Clock.fixed(Instant.parse("2026-11-24T00:00:00Z"), ZoneId.of("UTC")));
    assertEquals(MarketPhase.CONTINUOUS, c.phase());
  }

  @Test
  void holidaysAndWeekendsAreClosedAllDay() {
    assertEquals(MarketPhase.CLOSED, at("2026-06-03T10:00:00").phase());
    assertEquals(MarketPhase.CLOSED, at("2026-11-28T10:00:00").phase());
  }

  @Test
  void lateOpenDaysAreStillInPreOpenAtNine() {
    assertEquals(MarketPhase.PRE_OPEN, at("2026-01-02T09:45:00").phase());
    assertEquals(MarketPhase.CONTINUOUS, at("2026-01-02T10:00:00").phase());
    assertEquals(MarketPhase.CONTINUOUS, at("2026-11-19T16:00:00").phase());
    assertEquals(MarketPhase.CLOSING_AUCTION, at("2026-11-19T16:25:00").phase());
  }

  @Test
  void currentTradingDayRollsAtTheSessionEnd() {
    assertEquals(LocalDate.parse("2026-11-24"), at("2026-11-24T15:29:59").currentTradingDay());
    assertEquals(LocalDate.parse("2026-11-25"), at("2026-11-24T15:30:00").currentTradingDay());
    assertEquals(LocalDate.parse("2026-11-30"), at("2026-11-27T18:00:00").currentTradingDay()); // Fri → Mon
    assertEquals(LocalDate.parse("2026-11-30"), at("2026-11-28T11:00:00").currentTradingDay()); // Sat
  }

  @Test
  void nextSessionEndIsTodaysCloseOrTheNextTradingDaysClose() {
    assertEquals(seoul("2026-11-24T15:30:00"), at("2026-11-24T07:00:00").nextSessionEnd());
    assertEquals(seoul("2026-11-25T15:30:00"), at("2026-11-24T15:30:00").nextSessionEnd());
    assertEquals(seoul("2026-11-19T16:30:00"), at("2026-11-19T16:00:00").nextSessionEnd()); // CSAT
    assertEquals(LocalDate.parse("2026-12-30"), at("2026-12-29T20:00:00").nextTradingDay());
    assertEquals(LocalDate.parse("2027-01-04"), at("2026-12-30T20:00:00").nextTradingDay());
  }

  @Test
  void nextPhaseChangeWalksTheTimetableAndSkipsClosedDays() {
    assertEquals(seoul("2026-11-24T08:30:00"), at("2026-11-24T03:00:00").nextPhaseChange());
    assertEquals(seoul("2026-11-24T09:00:00"), at("2026-11-24T08:30:00").nextPhaseChange());
    assertEquals(seoul("2026-11-24T15:20:00"), at("2026-11-24T12:00:00").nextPhaseChange());
    assertEquals(seoul("2026-11-30T08:30:00"), at("2026-11-27T15:30:00").nextPhaseChange());
    assertEquals(seoul("2027-01-04T09:30:00"), at("2026-12-30T16:00:00").nextPhaseChange());
  }

  @Test
  void currentPhaseStartIsTheLastPhaseChange() {
    assertEquals(seoul("2026-11-24T09:00:00"), at("2026-11-24T09:00:00").currentPhaseStart());
    assertEquals(seoul("2026-11-24T09:00:00"), at("2026-11-24T12:00:00").currentPhaseStart());
    assertEquals(seoul("2026-11-24T15:30:00"), at("2026-11-24T20:00:00").currentPhaseStart());
    assertEquals(seoul("2026-11-23T15:30:00"), at("2026-11-24T08:00:00").currentPhaseStart());
    assertEquals(seoul("2026-11-27T15:30:00"), at("2026-11-29T12:00:00").currentPhaseStart()); // Sunday
  }
}
