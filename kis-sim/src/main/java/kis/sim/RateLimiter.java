package kis.sim;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/** A sliding one-second window per app key, as KIS counts "requests per second" (EGW00201). */
final class RateLimiter {
  private static final long WINDOW_NANOS = 1_000_000_000L;
  private final int perSecond;
  private final Map<String, Deque<Long>> windows = new HashMap<>();

  RateLimiter(int perSecond) {
    this.perSecond = perSecond;
  }

  /** Whether one more request from {@code appKey} fits; counts it if so. */
  synchronized boolean tryAcquire(String appKey) {
    if (perSecond <= 0) {
      return true;
    }
    long now = System.nanoTime();
    Deque<Long> w = windows.computeIfAbsent(appKey, k -> new ArrayDeque<>());
    while (!w.isEmpty() && now - w.peekFirst() >= WINDOW_NANOS) {
      w.pollFirst();
    }
    if (w.size() >= perSecond) {
      return false;
    }
    w.addLast(now);
    return true;
  }
}
