package kis.sim;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Optional;
import kis.journal.Venue;
import kis.journal.calendar.MarketCalendar;
import kis.journal.calendar.MarketPhase;
import kis.journal.calendar.VenueDay;
import kis.journal.calendar.VenueSession;

/**
 * How busy a KRX stock is through its day, for the {@link PriceModel#CALIBRATED} model: a U-shape
 * over KRX's regular session (a burst at the open decaying over its first half hour, a smaller one
 * building into the close, quiet at lunch) whose mean over the session is 1. A generator step of
 * {@code dt} seconds is worth the profile's integral over it: that many "average seconds" of prints
 * and of the day's variance, so a day carries its daily volatility whatever the step or the time
 * compression.
 *
 * <p>The session is KRX's continuous trading, until the closing auction's end where the generator
 * prints through it (the paper flavour) or until 15:20 where the auction is simulated (the real
 * flavour); on a short day (a late opening) the same day's variance is spread over fewer hours. An
 * always-open simulator has no session: 09:00–15:30 of its clock follows the profile and every
 * other hour runs at the session's average, so every 6.5 h of clock carry one day's variance.
 * Outside KRX's session in KRX mode (NXT's pre- and after-market) activity is {@value #OFF_SESSION}
 * of the average.
 */
final class IntradayProfile {
  static final LocalTime OPEN = LocalTime.of(9, 0);
  static final LocalTime CLOSE = LocalTime.of(15, 30);
  /** Activity outside KRX's regular session in KRX mode (NXT's own sessions), relative to the average. */
  static final double OFF_SESSION = 0.2;

  // The open's burst is three times the base level, decaying over ~15 minutes of a 6.5 h session;
  // the close's twice, building over the last ~15: some 15 % of a day's volume in its first half
  // hour, 12 % in its last, 6.4 % in a half hour at lunch (KRX's large caps trade roughly so).
  private static final double OPEN_BURST = 3.0;
  private static final double CLOSE_BURST = 2.0;
  private static final double DECAY = 0.04;
  private static final double MEAN = 1 + (OPEN_BURST + CLOSE_BURST) * DECAY * (1 - Math.exp(-1 / DECAY));

  /** A generator step: its worth in average seconds, and the length of the day it belongs to. */
  record Step(double effectiveSeconds, double daySeconds) {
    /** The share of the day's variance this step carries. */
    double varianceShare() {
      return effectiveSeconds / daySeconds;
    }
  }

  private final SessionMode mode;
  private final MarketCalendar calendar;
  private final boolean auctions;

  /** @param auctions whether KRX's closing auction is simulated (the generator then stops at 15:20) */
  IntradayProfile(SessionMode mode, MarketCalendar calendar, boolean auctions) {
    this.mode = mode;
    this.calendar = calendar;
    this.auctions = auctions;
  }

  /** Relative activity at {@code u}, the elapsed fraction of the session (0 open, 1 close). */
  static double weight(double u) {
    double x = Math.max(0, Math.min(1, u));
    return (1 + OPEN_BURST * Math.exp(-x / DECAY) + CLOSE_BURST * Math.exp(-(1 - x) / DECAY)) / MEAN;
  }

  /** The profile's integral from {@code a} to {@code b} (fractions of the session): exact, so a long step loses nothing. */
  static double integral(double a, double b) {
    double x = Math.max(0, Math.min(1, a));
    double y = Math.max(x, Math.min(1, b));
    return ((y - x) + OPEN_BURST * DECAY * (Math.exp(-x / DECAY) - Math.exp(-y / DECAY))
        + CLOSE_BURST * DECAY * (Math.exp(-(1 - y) / DECAY) - Math.exp(-(1 - x) / DECAY))) / MEAN;
  }

  /** The step of {@code dtSeconds} of market time that ends at {@code now}. */
  Step step(ZonedDateTime now, double dtSeconds) {
    Optional<VenueSession> window = session(now.toLocalDate());
    LocalTime start = window.map(VenueSession::start).orElse(OPEN);
    LocalTime end = window.map(VenueSession::end).orElse(CLOSE);
    double day = end.toSecondOfDay() - start.toSecondOfDay();
    double to = now.toLocalTime().toNanoOfDay() / 1e9;
    double from = to - dtSeconds;
    double inFrom = Math.max(from, start.toSecondOfDay());
    double inTo = Math.min(to, end.toSecondOfDay());
    double inside = window.isPresent() || mode == SessionMode.ALWAYS_OPEN ? Math.max(0, inTo - inFrom) : 0;
    double outside = dtSeconds - inside;
    double effective = outside * (mode == SessionMode.ALWAYS_OPEN ? 1.0 : OFF_SESSION);
    if (inside > 0) {
      effective += day * integral((inFrom - start.toSecondOfDay()) / day, (inTo - start.toSecondOfDay()) / day);
    }
    return new Step(effective, day);
  }

  /** The KRX session the profile spans on {@code date} in KRX mode; empty for an always-open clock or a closed day. */
  private Optional<VenueSession> session(LocalDate date) {
    if (mode == SessionMode.ALWAYS_OPEN) {
      return Optional.empty();
    }
    Optional<VenueDay> krx = calendar.hours(Venue.KRX, date);
    return krx.flatMap(d -> d.session(MarketPhase.CONTINUOUS).map(c -> new VenueSession(MarketPhase.CONTINUOUS,
        c.start(), auctions ? c.end() : d.session(MarketPhase.CLOSING_AUCTION).map(VenueSession::end).orElse(c.end()))));
  }
}
