package kis.actors.supervisor;

import java.time.Instant;
import kis.journal.Venue;
import kis.journal.calendar.MarketCalendar;
import kis.journal.calendar.SessionSchedule;

/**
 * Whether a venue's market data is due at a moment: only then does a silent stream mean a dead
 * one. Outside continuous trading (closed, call auctions, NXT's halts, pre- and after-markets whose
 * books can sit still for minutes) silence is expected.
 */
@FunctionalInterface
public interface StreamSessions {

  boolean dataDue(Venue venue, Instant at);

  /** Each venue's phases from the session table ({@link MarketCalendar}; SOR is the union of KRX's and NXT's day). */
  static StreamSessions calendar(MarketCalendar calendar) {
    return (venue, at) -> calendar.phaseAt(venue, at).tradesContinuously();
  }

  /** Every venue trading continuously all the time (an always-open simulator). */
  static StreamSessions alwaysOpen() {
    return (venue, at) -> true;
  }

  /**
   * The engine's choice: the calendar against KIS, but against a simulator that is always open
   * ({@code schedule} does not roll days) what the schedule says for every venue.
   */
  static StreamSessions following(SessionSchedule schedule, MarketCalendar calendar) {
    return schedule.rollsDays() ? calendar(calendar) : (venue, at) -> schedule.phaseAt(at).tradesContinuously();
  }
}
