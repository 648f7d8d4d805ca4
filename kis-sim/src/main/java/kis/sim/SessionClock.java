package kis.sim;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * The simulator's market clock in KST. Runs {@code compression} times faster than real time from
 * its start, plus whatever tests advance it by; decides the session phase.
 */
final class SessionClock {
  static final ZoneId KST = ZoneId.of("Asia/Seoul");
  static final LocalTime PRE_OPEN = LocalTime.of(8, 30);
  static final LocalTime OPEN = LocalTime.of(9, 0);
  static final LocalTime CLOSE = LocalTime.of(15, 30);

  enum Phase { PRE_OPEN, OPEN, CLOSED }

  private final SessionMode mode;
  private final double compression;
  private final ZonedDateTime start;
  private final long startNanos = System.nanoTime();
  private volatile long offsetMillis;

  SessionClock(SessionMode mode, double compression, Optional<String> start) {
    this.mode = mode;
    this.compression = compression;
    this.start = start.map(s -> LocalDateTime.parse(s).atZone(KST)).orElseGet(() -> ZonedDateTime.now(KST));
  }

  ZonedDateTime now() {
    long realMillis = (System.nanoTime() - startNanos) / 1_000_000;
    return start.plus(Duration.ofMillis((long) (realMillis * compression) + offsetMillis));
  }

  void advance(Duration d) {
    offsetMillis += d.toMillis();
  }

  Phase phase(ZonedDateTime t) {
    if (mode == SessionMode.ALWAYS_OPEN) {
      return Phase.OPEN;
    }
    DayOfWeek dow = t.getDayOfWeek();
    if (dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY) {
      return Phase.CLOSED;
    }
    LocalTime lt = t.toLocalTime();
    if (lt.isBefore(PRE_OPEN) || !lt.isBefore(CLOSE)) {
      return Phase.CLOSED;
    }
    return lt.isBefore(OPEN) ? Phase.PRE_OPEN : Phase.OPEN;
  }

  double compression() {
    return compression;
  }
}
