package kis.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import kis.journal.Venue;
import kis.journal.calendar.MarketCalendar;
import kis.journal.calendar.MarketPhase;

/**
 * The simulator's market clock in KST. Runs {@code compression} times faster than real time from
 * its start (or reads an injected {@link Clock}, for tests that pin or step the market's time),
 * plus whatever is advanced by {@code /sim/advance}; decides each venue's session phase from the
 * dated session table and KRX's days ({@link MarketCalendar}: holidays, the first trading day of
 * the year, the CSAT day).
 */
final class SessionClock {
  static final ZoneId KST = ZoneId.of("Asia/Seoul");

  private final SessionMode mode;
  private final double compression;
  private final ZonedDateTime start;
  private final Clock injected;
  private final MarketCalendar calendar = MarketCalendar.defaults();
  private final long startNanos = System.nanoTime();
  private volatile long offsetMillis;

  SessionClock(SessionMode mode, double compression, Optional<String> start) {
    this.mode = mode;
    this.compression = compression;
    this.start = start.map(s -> LocalDateTime.parse(s).atZone(KST)).orElseGet(() -> ZonedDateTime.now(KST));
    this.injected = null;
  }

  /** A clock that reads {@code clock} (fixed or stepped by a test) instead of running on its own. */
  SessionClock(SessionMode mode, Clock clock) {
    this.mode = mode;
    this.compression = 1.0;
    this.start = ZonedDateTime.ofInstant(clock.instant(), KST);
    this.injected = clock;
  }

  ZonedDateTime now() {
    if (injected != null) {
      return ZonedDateTime.ofInstant(injected.instant(), KST).plus(Duration.ofMillis(offsetMillis));
    }
    long realMillis = (System.nanoTime() - startNanos) / 1_000_000;
    return start.plus(Duration.ofMillis((long) (realMillis * compression) + offsetMillis));
  }

  void advance(Duration d) {
    offsetMillis += d.toMillis();
  }

  /** Where {@code venue} (KRX, NXT, or SOR = the union of both) is at {@code t}; always continuous in ALWAYS_OPEN mode. */
  MarketPhase phase(Venue venue, ZonedDateTime t) {
    if (mode == SessionMode.ALWAYS_OPEN) {
      return MarketPhase.CONTINUOUS;
    }
    return calendar.phaseAt(venue, t.toInstant());
  }

  /** KRX's regular-market phase: what the session status shows. */
  MarketPhase phase(ZonedDateTime t) {
    return phase(Venue.KRX, t);
  }

  SessionMode mode() {
    return mode;
  }

  MarketCalendar calendar() {
    return calendar;
  }

  double compression() {
    return compression;
  }
}
