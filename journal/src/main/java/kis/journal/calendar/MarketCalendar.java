package kis.journal.calendar;

import com.typesafe.config.Config;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import kis.journal.Venue;

/**
 * The sessions of every venue, in one place: which days each venue trades and on which timetable.
 * Today the only venue is KRX and its days and hours are the {@link KrxCalendar}'s (configured
 * under {@value KrxCalendar#CONFIG_PATH}); #20 adds NXT's pre-market, main and after-market hours
 * here (NXT trades on KRX's days), so every reader of session hours (the live schedule, the
 * backtest, the history fetcher) picks them up. kis-sim keeps its own clock on purpose: it is the
 * other side of the wire.
 */
public final class MarketCalendar {
  private final KrxCalendar krx;

  public MarketCalendar(KrxCalendar krx) {
    this.krx = krx;
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

  /** The timetable of {@code venue} on {@code date}, or empty when it does not trade that day. */
  public Optional<SessionHours> hours(Venue venue, LocalDate date) {
    switch (venue) {
      case KRX:
        return krx.sessionHours(date);
      default:
        throw new IllegalArgumentException("no sessions known for venue " + venue);
    }
  }

  /** The timetable of a normal trading day of {@code venue}. */
  public SessionHours regularHours(Venue venue) {
    switch (venue) {
      case KRX:
        return krx.regularHours();
      default:
        throw new IllegalArgumentException("no sessions known for venue " + venue);
    }
  }

  /** Where {@code venue} is in its day at {@code at}. */
  public MarketPhase phaseAt(Venue venue, Instant at) {
    ZonedDateTime t = ZonedDateTime.ofInstant(at, krx.zone());
    return hours(venue, t.toLocalDate()).map(h -> h.phaseAt(t.toLocalTime())).orElse(MarketPhase.CLOSED);
  }
}
