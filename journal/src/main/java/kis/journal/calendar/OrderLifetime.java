package kis.journal.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kis.journal.Venue;

/**
 * When a venue cancels a working order by itself (KIS keeps no order overnight), from the dated
 * {@link SessionTable}: an order lives until the end of the run of its venue's sessions it was
 * placed in, sessions that touch or overlap (a halt included) counting as one run. So a regular
 * KRX order dies at KRX's close (15:30), one placed in KRX's after-market at its end (20:00, from
 * 2026-09-14), an NXT order at NXT's after-market end (20:00; its halts carry it from the
 * pre-market through the main market), and an SOR order at the end of the union of both books'
 * days (20:00): it may rest on either book, and expiring it before the venue did would book a dead
 * order that can still fill. An order placed while its venue is closed lives until the end of the
 * venue's next run.
 *
 * <p>Equivalently, at any instant {@code t} every order of a venue requested before
 * {@link #closedBy}{@code (venue, t)} is dead: the day roll journals exactly those as expired.
 */
public final class OrderLifetime {
  /** No fortnight passes without a trading day in any real calendar; the searches stop there. */
  private static final int SEARCH_DAYS = 15;

  private final MarketCalendar calendar;

  public OrderLifetime(MarketCalendar calendar) {
    this.calendar = calendar;
  }

  /** When {@code venue} cancels an order requested at {@code requestedAt} if nothing else ends it. */
  public Instant expiresAt(Venue venue, Instant requestedAt) {
    LocalDate d = local(requestedAt).toLocalDate();
    for (int i = 0; i < SEARCH_DAYS; i++, d = d.plusDays(1)) {
      for (Instant end : runEnds(venue, d)) {
        if (end.isAfter(requestedAt)) {
          return end;
        }
      }
    }
    throw new IllegalStateException(venue + " has no session within " + SEARCH_DAYS + " days of " + requestedAt);
  }

  /**
   * The latest end of a run of {@code venue}'s sessions at or before {@code at}: every order of the
   * venue requested before it has been cancelled by the venue. Empty if none ended within the search.
   */
  public Optional<Instant> closedBy(Venue venue, Instant at) {
    LocalDate d = local(at).toLocalDate();
    for (int i = 0; i < SEARCH_DAYS; i++, d = d.minusDays(1)) {
      List<Instant> ends = runEnds(venue, d);
      for (int k = ends.size() - 1; k >= 0; k--) {
        if (!ends.get(k).isAfter(at)) {
          return Optional.of(ends.get(k));
        }
      }
    }
    return Optional.empty();
  }

  /** {@link #closedBy} of every venue (a venue without a close in the search is left out). */
  public Map<Venue, Instant> closedBy(Instant at) {
    Map<Venue, Instant> out = new EnumMap<>(Venue.class);
    for (Venue v : Venue.values()) {
      closedBy(v, at).ifPresent(c -> out.put(v, c));
    }
    return out;
  }

  /** The first instant strictly after {@code at} at which some venue's run ends (some orders die): when the next day roll is due. */
  public Instant nextClose(Instant at) {
    Instant best = null;
    LocalDate d = local(at).toLocalDate();
    for (int i = 0; i < SEARCH_DAYS && best == null; i++, d = d.plusDays(1)) {
      for (Venue v : Venue.values()) {
        for (Instant end : runEnds(v, d)) {
          if (end.isAfter(at) && (best == null || end.isBefore(best))) {
            best = end;
          }
        }
      }
    }
    if (best == null) {
      throw new IllegalStateException("no venue trades within " + SEARCH_DAYS + " days of " + at);
    }
    return best;
  }

  /** The ends of the runs of touching or overlapping sessions of {@code venue} on {@code date}, in order. */
  List<Instant> runEnds(Venue venue, LocalDate date) {
    Optional<VenueDay> day = calendar.hours(venue, date);
    List<Instant> ends = new ArrayList<>();
    if (day.isEmpty()) {
      return ends;
    }
    LocalTime runEnd = null;
    for (VenueSession s : day.get().sessions()) { // in start order
      if (runEnd != null && s.start().isAfter(runEnd)) {
        ends.add(at(date, runEnd));
        runEnd = null;
      }
      runEnd = runEnd == null || s.end().isAfter(runEnd) ? s.end() : runEnd;
    }
    ends.add(at(date, runEnd));
    return ends;
  }

  private ZonedDateTime local(Instant t) {
    return ZonedDateTime.ofInstant(t, calendar.zone());
  }

  private Instant at(LocalDate d, LocalTime t) {
    return ZonedDateTime.of(d, t, calendar.zone()).toInstant();
  }
}
