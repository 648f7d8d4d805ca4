package kis.connector.rest;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;
import kis.connector.Delayer;

/**
 * At most {@code permits} REST calls in any sliding window of {@code window}, for one app key
 * (KIS counts per app key, so every client of the key must share one instance). Callers beyond the
 * budget are queued, first come first served, never refused: {@link #acquire()} completes when the
 * caller's slot arrives.
 */
public final class RateLimiter {
  private final int permits;
  private final long windowNanos;
  private final LongSupplier nanoClock;
  private final Delayer delayer;
  private final long[] grants;
  private int next;
  private int used;

  public RateLimiter(int permits, Duration window, LongSupplier nanoClock, Delayer delayer) {
    if (permits < 1 || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("rate limit needs permits >= 1 and a positive window");
    }
    this.permits = permits;
    this.windowNanos = window.toNanos();
    this.nanoClock = nanoClock;
    this.delayer = delayer;
    this.grants = new long[permits];
  }

  /** A limiter on the JVM's monotonic clock. */
  public static RateLimiter of(int permits, Duration window) {
    return new RateLimiter(permits, window, System::nanoTime, Delayer.system());
  }

  /** Completes when the caller may send its request. */
  public CompletionStage<Void> acquire() {
    return delayer.delay(Duration.ofNanos(reserve(nanoClock.getAsLong())));
  }

  /**
   * Completes with true when the caller may send, or at once with false, booking nothing, when its
   * slot would come later than {@code maxWait} from now.
   */
  public CompletionStage<Boolean> acquireWithin(Duration maxWait) {
    long wait = reserveWithin(nanoClock.getAsLong(), maxWait.toNanos());
    if (wait < 0) {
      return java.util.concurrent.CompletableFuture.completedFuture(false);
    }
    return delayer.delay(Duration.ofNanos(wait)).thenApply(v -> true);
  }

  /** {@link #reserve} if the wait is at most {@code maxWaitNanos}; else -1 and nothing is booked. */
  synchronized long reserveWithin(long now, long maxWaitNanos) {
    long at = used == permits ? Math.max(now, grants[next] + windowNanos) : now;
    if (at - now > maxWaitNanos) {
      return -1;
    }
    return reserve(now);
  }

  /**
   * Books the next free slot and returns how long to wait for it, in nanoseconds. A slot is free
   * once the grant {@code permits} bookings earlier is a full window old.
   */
  synchronized long reserve(long now) {
    long at = now;
    if (used == permits) {
      at = Math.max(now, grants[next] + windowNanos);
    } else {
      used++;
    }
    grants[next] = at;
    next = (next + 1) % permits;
    return at - now;
  }

  /**
   * Whether a call made now would be sent at once: nobody is queued for a later slot. A caller of
   * low importance (the market-data poller) asks first and skips its turn otherwise, so it never
   * queues ahead of an order. Books nothing.
   */
  public boolean freeNow() {
    return waitNanos(nanoClock.getAsLong()) == 0;
  }

  synchronized long waitNanos(long now) {
    return used < permits ? 0 : Math.max(0, grants[next] + windowNanos - now);
  }

  /** The window the permits are counted over. */
  public Duration window() {
    return Duration.ofNanos(windowNanos);
  }

  public int permits() {
    return permits;
  }
}
