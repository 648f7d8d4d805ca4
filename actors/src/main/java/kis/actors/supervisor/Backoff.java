package kis.actors.supervisor;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential reconnect delays with jitter: attempt {@code n} (0-based) waits
 * {@code min(max, min * 2^n)}, shortened by a random fraction of up to {@code jitter} so that
 * many clients cut off together do not all come back at once. The random source is passed in,
 * so a seeded one gives repeatable delays in tests.
 *
 * @param min the first delay
 * @param max the cap
 * @param jitter 0 (none) to 1 (anywhere between 0 and the full delay)
 */
public record Backoff(Duration min, Duration max, double jitter) {
  public Backoff {
    if (min == null || max == null || min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
      throw new IllegalArgumentException("backoff needs 0 < min <= max, got " + min + " and " + max);
    }
    if (!(jitter >= 0 && jitter <= 1)) {
      throw new IllegalArgumentException("jitter must be within 0..1: " + jitter);
    }
  }

  /** The un-jittered delay for attempt {@code attempt}: doubling from {@code min}, capped at {@code max}. */
  public Duration ceiling(int attempt) {
    if (attempt < 0) {
      throw new IllegalArgumentException("attempt must not be negative: " + attempt);
    }
    long minNanos = min.toNanos();
    long maxNanos = max.toNanos();
    // Past 62 doublings a long overflows; the cap has long been reached anyway.
    if (attempt >= 62 || minNanos > (maxNanos >> attempt)) {
      return max;
    }
    return Duration.ofNanos(Math.min(maxNanos, minNanos << attempt));
  }

  /** The delay before attempt {@code attempt}: within {@code [(1 - jitter) * ceiling, ceiling]}. */
  public Duration delay(int attempt, RandomGenerator random) {
    long c = ceiling(attempt).toNanos();
    long cut = (long) (c * jitter * random.nextDouble());
    return Duration.ofNanos(c - cut);
  }
}
