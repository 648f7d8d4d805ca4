package kis.journal.calendar;

import com.typesafe.config.Config;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import kis.journal.Venue;

/**
 * The sessions of every venue, in one place: which days each venue trades and on which timetable.
 * Days and holidays are KRX's ({@link KrxCalendar}, configured under {@value KrxCalendar#CONFIG_PATH};
 * NXT trades on KRX's days); each venue's sessions come from the dated {@link SessionTable}, tied to
 * KRX's configured regular timetable of the day. SOR's day is the union of KRX's and NXT's. kis-sim
 * reads the same table for its clock's phases; its order-type rules are its own (the other side of
 * the wire).
 */
public final class MarketCalendar {
  private final KrxCalendar krx;
  private final List<SessionTable.Rule> rules;

  public MarketCalendar(KrxCalendar krx) {
    this(krx, SessionTable.RULES);
  }

  /** A calendar over another session table (tests, a corrected table). */
  public MarketCalendar(KrxCalendar krx, List<SessionTable.Rule> rules) {
    this.krx = krx;
    this.rules = List.copyOf(rules);
  }

  private static final MarketCalendar DEFAULTS = new MarketCalendar(KrxCalendar.defaults());

  /** The calendar shipped with the engine. */
  public static MarketCalendar defaults() {
    return DEFAULTS;
  }

  /** The calendar from the engine's whole configuration (its {@value KrxCalendar#CONFIG_PATH} block, else the defaults). */
  public static MarketCalendar fromAppConfig(Config root) {
    return new MarketCalendar(KrxCalendar.fromAppConfig(root));
  }

  /** Trading days and holidays, shared by every venue (KRX's). */
  public KrxCalendar days() {
    return krx;
  }

  public ZoneId zone() {
    return krx.zone();
  }

  /**
   * Why {@code date} is outside what this calendar knows, or empty when it is inside: the holiday
   * list must be complete for its year ({@code covered-years}) and the session table must describe
   * it ({@link SessionTable#COVERS_FROM} on). The engine refuses to start on an uncovered date.
   */
  public Optional<String> coverageGap(LocalDate date) {
    if (date.isBefore(SessionTable.COVERS_FROM)) {
      return Optional.of("the session table starts on " + SessionTable.COVERS_FROM + ", after " + date);
    }
    if (!krx.covers(date)) {
      return Optional.of("the holiday list (" + KrxCalendar.CONFIG_PATH + ".covered-years) does not cover "
          + date.getYear());
    }
    return Optional.empty();
  }

  public boolean covers(LocalDate date) {
    return coverageGap(date).isEmpty();
  }

  /** @throws IllegalStateException naming the gap when {@code date} is outside the calendar's coverage */
  public void requireCovered(LocalDate date) {
    coverageGap(date).ifPresent(gap -> {
      throw new IllegalStateException("no trading calendar for " + date + ": " + gap);
    });
  }

  /**
   * Every session of {@code venue} on {@code date}, or empty when it does not trade that day (a
   * holiday, a weekend, NXT before its launch). SOR: the union of KRX's and NXT's day.
   */
  public Optional<VenueDay> hours(Venue venue, LocalDate date) {
    Optional<SessionHours> regular = krx.sessionHours(date);
    if (regular.isEmpty()) {
      return Optional.empty();
    }
    boolean shifted = krx.isShiftedDay(date);
    if (!venue.isRouter()) {
      return SessionTable.day(rules, venue, date, regular.get(), shifted);
    }
    List<VenueDay> books = new ArrayList<>();
    for (Venue v : Venue.values()) {
      if (!v.isRouter()) {
        SessionTable.day(rules, v, date, regular.get(), shifted).ifPresent(books::add);
      }
    }
    return books.isEmpty() ? Optional.empty() : Optional.of(VenueDay.union(venue, date, books));
  }

  /** KRX's regular-market timetable (opening auction to closing auction) on {@code date}, or empty when it does not trade. */
  public Optional<SessionHours> regularSession(LocalDate date) {
    return krx.sessionHours(date);
  }

  /** The timetable of a normal trading day of KRX's regular market, the one every venue's day is tied to. */
  public SessionHours regularHours(Venue venue) {
    switch (venue) {
      case KRX:
        return krx.regularHours();
      default:
        throw new IllegalArgumentException("KRX's regular market has a four-time timetable; for " + venue
            + " read hours(venue, date)");
    }
  }

  /** When {@code venue}'s day on {@code date} ends (its last session's end: KRX 15:30 before 2026-09-14's after-market, NXT 20:00), or empty when it does not trade. */
  public Optional<Instant> closes(Venue venue, LocalDate date) {
    return hours(venue, date).map(d -> ZonedDateTime.of(date, d.closes(), krx.zone()).toInstant());
  }

  /** The trading day of {@code venue} whose orders are current at {@code at}: today until its day ends, then the next trading day. */
  public LocalDate tradingDay(Venue venue, Instant at) {
    ZonedDateTime t = ZonedDateTime.ofInstant(at, krx.zone());
    LocalDate d = t.toLocalDate();
    Optional<Instant> end = closes(venue, d);
    return end.isPresent() && at.isBefore(end.get()) ? d : krx.nextTradingDay(d);
  }

  /** The next instant strictly after {@code at} at which {@code venue}'s phase may change (for timers). */
  public Instant nextChange(Venue venue, Instant at) {
    ZonedDateTime t = ZonedDateTime.ofInstant(at, krx.zone());
    LocalDate d = t.toLocalDate();
    for (int i = 0; i < 15; i++, d = d.plusDays(1)) {
      Optional<VenueDay> day = hours(venue, d);
      if (day.isPresent()) {
        for (LocalTime c : day.get().changes()) {
          Instant candidate = ZonedDateTime.of(d, c, krx.zone()).toInstant();
          if (candidate.isAfter(at)) {
            return candidate;
          }
        }
      }
    }
    // No fortnight passes without a trading day in any real calendar; be total anyway.
    return at.plus(Duration.ofDays(1));
  }

  /** Where {@code venue} is in its day at {@code at}. */
  public MarketPhase phaseAt(Venue venue, Instant at) {
    ZonedDateTime t = ZonedDateTime.ofInstant(at, krx.zone());
    return hours(venue, t.toLocalDate()).map(h -> h.phaseAt(t.toLocalTime())).orElse(MarketPhase.CLOSED);
  }
}
