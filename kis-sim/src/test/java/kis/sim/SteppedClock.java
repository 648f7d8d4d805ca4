package kis.sim;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/** A market clock that stands still until a test sets it: the simulator's time is then exactly the test's. */
final class SteppedClock extends Clock {
  private volatile Instant now;

  SteppedClock(String kstLocalDateTime) {
    set(kstLocalDateTime);
  }

  void set(String kstLocalDateTime) {
    now = LocalDateTime.parse(kstLocalDateTime).atZone(SessionClock.KST).toInstant();
  }

  @Override
  public ZoneId getZone() {
    return SessionClock.KST;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the market clock is in KST");
  }

  @Override
  public Instant instant() {
    return now;
  }
}
