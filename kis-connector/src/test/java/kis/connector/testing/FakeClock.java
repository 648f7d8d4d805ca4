package kis.connector.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/** A KST clock that only moves when told to. */
public final class FakeClock extends Clock {
  private volatile Instant now;

  public FakeClock(Instant start) {
    this.now = start;
  }

  public synchronized void advance(Duration d) {
    now = now.plus(d);
  }

  @Override
  public ZoneId getZone() {
    return ZoneId.of("Asia/Seoul");
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Instant instant() {
    return now;
  }

  /** Nanoseconds since the epoch, for monotonic-clock consumers. */
  public long nanos() {
    Instant n = now;
    return n.getEpochSecond() * 1_000_000_000L + n.getNano();
  }
}
