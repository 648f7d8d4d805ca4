package kis.journal.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import kis.journal.Venue;

/**
 * When the regular market takes orders, as the strategy host and the day roll see it: the KRX
 * calendar in production, always open for demos against kis-sim in {@code ALWAYS_OPEN} mode.
 */
public interface SessionSchedule {

  MarketPhase phaseAt(Instant at);

  /** The trading day whose orders are current at {@code at}. */
  LocalDate tradingDay(Instant at);

  /** The next instant after {@code at} when the phase may change (re-check then). */
  Instant nextChange(Instant at);

  /** The end of the session of the current trading day, when the day roll is due. */
  Instant sessionEnd(Instant at);

  /** Whether KIS cancels working orders at the session end (false for an always-open simulator). */
  default boolean rollsDays() {
    return true;
  }

  default boolean isOpen(Instant at) {
    return phaseAt(at).acceptsOrders();
  }

  /**
   * {@code venue}'s whole day on this schedule's calendar, from the dated {@link SessionTable}
   * (its pre-market, auctions, after-market): the phases a strategy of an agent on {@code venue}
   * is told about. An always-open schedule stays itself.
   */
  default SessionSchedule forVenue(Venue venue) {
    return this;
  }

  /** The KRX timetable and holidays (the clock is the session clock's own). */
  static SessionSchedule krx(SessionClock clock) {
    return new SessionSchedule() {
      @Override
      public MarketPhase phaseAt(Instant at) {
        return clock.phaseAt(at);
      }

      @Override
      public LocalDate tradingDay(Instant at) {
        return clock.currentTradingDay();
      }

      @Override
      public Instant nextChange(Instant at) {
        return clock.nextPhaseChange();
      }

      @Override
      public Instant sessionEnd(Instant at) {
        return clock.nextSessionEnd();
      }

      @Override
      public SessionSchedule forVenue(Venue venue) {
        return SessionSchedule.venue(new MarketCalendar(clock.calendar()), venue);
      }
    };
  }

  /**
   * One venue's whole day from the calendar: its phases (NXT's pre-market and after-market, KRX's
   * after-market), and a day roll at the end of its last session (NXT 20:00), not at KRX's 15:30.
   */
  static SessionSchedule venue(MarketCalendar calendar, Venue venue) {
    return new SessionSchedule() {
      @Override
      public MarketPhase phaseAt(Instant at) {
        return calendar.phaseAt(venue, at);
      }

      @Override
      public LocalDate tradingDay(Instant at) {
        return calendar.tradingDay(venue, at);
      }

      @Override
      public Instant nextChange(Instant at) {
        return calendar.nextChange(venue, at);
      }

      @Override
      public Instant sessionEnd(Instant at) {
        return calendar.closes(venue, tradingDay(at)).orElseThrow(); // tradingDay() always trades
      }

      @Override
      public SessionSchedule forVenue(Venue other) {
        return other == venue ? this : SessionSchedule.venue(calendar, other);
      }
    };
  }

  /** Continuous trading around the clock; the trading day is the calendar date in {@code zone}, rolling at midnight. */
  static SessionSchedule alwaysOpen(ZoneId zone) {
    return new SessionSchedule() {
      @Override
      public MarketPhase phaseAt(Instant at) {
        return MarketPhase.CONTINUOUS;
      }

      @Override
      public LocalDate tradingDay(Instant at) {
        return at.atZone(zone).toLocalDate();
      }

      @Override
      public Instant nextChange(Instant at) {
        return at.plus(Duration.ofHours(1));
      }

      @Override
      public Instant sessionEnd(Instant at) {
        return tradingDay(at).plusDays(1).atStartOfDay(zone).toInstant();
      }

      @Override
      public boolean rollsDays() {
        return false;
      }
    };
  }
}
