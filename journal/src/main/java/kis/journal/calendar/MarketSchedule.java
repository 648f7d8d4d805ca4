package kis.journal.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import kis.journal.Venue;

/**
 * {@link SessionSchedule#market}: the whole market (no venue: every venue's day, rolls at each
 * venue's close) or one venue's view of it for an agent trading there. Every view shares one
 * trading day, the whole market's, so the account's day counters and base prices agree across
 * agents whatever their venue.
 */
final class MarketSchedule implements SessionSchedule {
  private final MarketCalendar calendar;
  private final OrderLifetime lifetime;
  /** Null: the whole market. */
  private final Venue venue;

  MarketSchedule(MarketCalendar calendar, Venue venue) {
    this.calendar = calendar;
    this.lifetime = new OrderLifetime(calendar);
    this.venue = venue;
  }

  /** The phases of the whole market: the union of the books' days (SOR's day). */
  private Venue phasesOf() {
    return venue == null ? Venue.SOR : venue;
  }

  @Override
  public MarketPhase phaseAt(Instant at) {
    return calendar.phaseAt(phasesOf(), at);
  }

  @Override
  public LocalDate tradingDay(Instant at) {
    return calendar.tradingDay(Venue.SOR, at);
  }

  @Override
  public Instant nextChange(Instant at) {
    return calendar.nextChange(phasesOf(), at);
  }

  @Override
  public Instant sessionEnd(Instant at) {
    if (venue == null) {
      return calendar.closes(Venue.SOR, tradingDay(at)).orElseThrow(); // tradingDay() always trades
    }
    // KRX's too: a regular order ends at 15:30, one placed in the after-market at 20:00 (the KIS
    // edge codes it 41-47 from the phase it is sent in).
    return lifetime.expiresAt(venue, at);
  }

  @Override
  public SessionSchedule forVenue(Venue v) {
    return new MarketSchedule(calendar, v);
  }

  @Override
  public Instant nextRoll(Instant at) {
    return lifetime.nextClose(at);
  }

  @Override
  public Map<Venue, Instant> closedBy(Instant at) {
    return lifetime.closedBy(at);
  }

  @Override
  public String toString() {
    return "market schedule" + (venue == null ? "" : " for " + venue);
  }
}
