package kis.actors.gateway;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * KIS's REST call budget as a token bucket (generic cell rate algorithm): {@code permits} calls
 * per {@code per}, with bursts of up to {@code burst} calls after a quiet spell. Time comes from
 * the injected clock only. Not thread-safe: one gateway actor owns it.
 */
public final class OrderRateBudget {
  private final Clock clock;
  private final long intervalNanos;
  private final long toleranceNanos;
  private Instant theoreticalArrival;

  /**
   * @param permits calls per {@code per} (for example 18 per second real, 1 per second paper,
   *     shared/kis-api.md §6.1)
   * @param burst how many calls may go back to back after a quiet spell (1 = evenly spaced)
   */
  public OrderRateBudget(int permits, Duration per, int burst, Clock clock) {
    if (permits < 1 || burst < 1 || per.isNegative() || per.isZero()) {
      throw new IllegalArgumentException("permits, burst and period must be positive");
    }
    this.clock = clock;
    this.intervalNanos = per.toNanos() / permits;
    this.toleranceNanos = intervalNanos * (burst - 1);
    this.theoreticalArrival = clock.instant();
  }

  /** Take one call's budget if available now. */
  public boolean tryAcquire() {
    Instant now = clock.instant();
    if (now.isBefore(theoreticalArrival.minusNanos(toleranceNanos))) {
      return false;
    }
    Instant base = theoreticalArrival.isAfter(now) ? theoreticalArrival : now;
    theoreticalArrival = base.plusNanos(intervalNanos);
    return true;
  }

  /** How long until {@link #tryAcquire} would succeed (zero if it would now). */
  public Duration waitTime() {
    Instant now = clock.instant();
    Instant free = theoreticalArrival.minusNanos(toleranceNanos);
    return now.isBefore(free) ? Duration.between(now, free) : Duration.ZERO;
  }
}
