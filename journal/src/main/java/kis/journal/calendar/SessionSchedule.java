package kis.journal.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
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
   * The schedule an agent trading on {@code venue} places by and whose phases its strategy is told
   * about: that venue's whole day from the dated {@link SessionTable} (its pre-market, auctions,
   * after-market), so pre-trade checks and the strategy's session events are the venue's, on the
   * account's trading day. This schedule itself when it knows no venues (an always-open simulator, a
   * test's fixed schedule).
   */
  default SessionSchedule forVenue(Venue venue) {
    return this;
  }

  /** When the next day roll is due after {@code at}: by default the session end; per venue, the next venue's close ({@link OrderLifetime#nextClose}). */
  default Instant nextRoll(Instant at) {
    return sessionEnd(at);
  }

  /**
   * Per venue, the instant before which every order requested is dead at {@code at}
   * ({@link OrderLifetime#closedBy}); empty when this schedule knows no venues, and then a roll
   * expires every order of its trading day.
   */
  default Map<Venue, Instant> closedBy(Instant at) {
    return Map.of();
  }

  /**
   * The whole market's schedule from the calendar, the live engine's: the trading day ends with the
   * last venue's day (20:00), so an evening NXT fill counts to the same day as the morning's KRX
   * fills (the date KIS lists it under); a day roll is due at every venue's close and expires the
   * orders whose own venue has closed ({@link OrderLifetime}). {@link #forVenue} gives each agent
   * its venue's phases (KRX's whole day too: its after-market orders the KIS edge codes 41-47).
   */
  static SessionSchedule market(MarketCalendar calendar) {
    return new MarketSchedule(calendar, null);
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
