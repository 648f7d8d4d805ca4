package kis.bench;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * A clock that starts at a chosen instant and runs {@code factor} times faster than real time, so a
 * benchmark can live through minutes of a quiet market in seconds. Only what reads this clock is
 * compressed: actor timers, network and CPU stay real, so their delays count {@code factor} times.
 */
final class CompressedClock extends Clock {
  private final Instant start;
  private final double factor;
  private final long startNanos;
  private final ZoneId zone;

  CompressedClock(Instant start, double factor, ZoneId zone) {
    this.start = start;
    this.factor = factor;
    this.zone = zone;
    this.startNanos = System.nanoTime();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId z) {
    return new CompressedClock(instant(), factor, z);
  }

  @Override
  public Instant instant() {
    return start.plusNanos((long) ((System.nanoTime() - startNanos) * factor));
  }
}
