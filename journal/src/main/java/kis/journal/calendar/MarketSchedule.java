package kis.journal.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;
import kis.journal.Venue;

/**
 * {@link SessionSchedule#market}: the whole market (no venue: every venue's day, rolls at each
 * venue's close) or one venue's view of it for an agent trading there. Every view shares one
 * trading day, the whole market's, so the account's day counters and base prices agree across
 * agents whatever their venue.
 */
final class MarketSchedule implements SessionSchedule {
  private static final int SEARCH_DAYS = 15;

  private final MarketCalendar calendar;
  private final OrderLifetime lifetime;
  /** Null: the whole market. */
  private final Venue venue;

  MarketSchedule(MarketCalendar calendar, Venue venue) {
    this.calendar = calendar;
    this.lifetime = new OrderLifetime(calendar);
    this.venue = venue;
  }

  /** KRX's regular market only: the KIS edge codes no after-hours order (07, 41-47) yet, so the engine sends KRX orders then alone. */
  private boolean krxRegular() {
    return venue == Venue.KRX;
  }

  /** The phases of the whole market: the union of the books' days (SOR's day). */
  private Venue phasesOf() {
    return venue == null ? Venue.SOR : venue;
  }

  @Override
  public MarketPhase phaseAt(Instant at) {
    if (krxRegular()) {
      ZonedDateTime t = local(at);
      return calendar.regularSession(t.toLocalDate()).map(h -> h.phaseAt(t.toLocalTime())).orElse(MarketPhase.CLOSED);
    }
    return calendar.phaseAt(phasesOf(), at);
  }

  @Override
  public LocalDate tradingDay(Instant at) {
    return calendar.tradingDay(Venue.SOR, at);
  }

  @Override
  public Instant nextChange(Instant at) {
    if (!krxRegular()) {
      return calendar.nextChange(phasesOf(), at);
    }
    return nextRegular(at, true);
  }

  @Override
  public Instant sessionEnd(Instant at) {
    if (venue == null) {
      return calendar.closes(Venue.SOR, tradingDay(at)).orElseThrow(); // tradingDay() always trades
    }
    return krxRegular() ? nextRegular(at, false) : lifetime.expiresAt(venue, at);
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

  /** The next change (or only the close, when {@code anyChange} is false) of KRX's regular market strictly after {@code at}. */
  private Instant nextRegular(Instant at, boolean anyChange) {
    LocalDate d = local(at).toLocalDate();
    for (int i = 0; i < SEARCH_DAYS; i++, d = d.plusDays(1)) {
      Optional<SessionHours> h = calendar.regularSession(d);
      if (h.isEmpty()) {
        continue;
      }
      LocalTime[] times = anyChange
          ? new LocalTime[] {h.get().preOpen(), h.get().open(), h.get().closingAuction(), h.get().close()}
          : new LocalTime[] {h.get().close()};
      for (LocalTime t : times) {
        Instant candidate = ZonedDateTime.of(d, t, calendar.zone()).toInstant();
        if (candidate.isAfter(at)) {
          return candidate;
        }
      }
    }
    throw new IllegalStateException("KRX has no trading day within " + SEARCH_DAYS + " days of " + at);
  }

  private ZonedDateTime local(Instant t) {
    return ZonedDateTime.ofInstant(t, calendar.zone());
  }

  @Override
  public String toString() {
    return "market schedule" + (venue == null ? "" : " for " + venue);
  }
}
