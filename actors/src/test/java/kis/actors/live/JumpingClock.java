package kis.actors.live;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * A market clock shared by a test's engine and kis-sim: it runs at the machine's monotonic pace
 * from a pinned instant, and the test moves it forward in one step ({@link #jumpTo}), so an evening
 * of sessions passes in seconds and every run sees the same times of day.
 */
final class JumpingClock extends Clock {
  private static final ZoneId KST = ZoneId.of("Asia/Seoul");
  private final long startNanos = System.nanoTime();
  private volatile Instant origin;
  private volatile long originNanos = startNanos;

  JumpingClock(Instant pinned) {
    this.origin = pinned;
  }

  /** From now on the clock reads {@code at} and runs on from there; never backwards. */
  synchronized void jumpTo(Instant at) {
    if (at.isBefore(instant())) {
      throw new IllegalArgumentException("the clock never runs backwards: " + at + " < " + instant());
    }
    origin = at;
    originNanos = System.nanoTime();
  }

  @Override
  public synchronized Instant instant() {
    return origin.plusNanos(System.nanoTime() - originNanos);
  }

  @Override
  public ZoneId getZone() {
    return KST;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
