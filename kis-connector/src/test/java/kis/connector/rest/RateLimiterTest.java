package kis.connector.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import kis.connector.testing.FakeClock;
import kis.connector.testing.FakeDelayer;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void aBurstIsQueuedIntoWindowsInsteadOfRefused() {
    RateLimiter limiter = new RateLimiter(3, Duration.ofSeconds(1), () -> 0L, d -> null);

    List<Long> waits = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      waits.add(limiter.reserve(0));
    }

    assertEquals(List.of(0L, 0L, 0L, SECOND, SECOND, SECOND, 2 * SECOND), waits);
  }

  @Test
  void neverMoreThanTheBudgetInAnySlidingWindow() {
    RateLimiter limiter = new RateLimiter(5, Duration.ofSeconds(1), () -> 0L, d -> null);
    List<Long> grants = new ArrayList<>();
    long now = 0;
    for (int i = 0; i < 100; i++) {
      now += 37_000_000L * (i % 4);  // irregular arrivals
      grants.add(now + limiter.reserve(now));
    }
    for (int i = 5; i < grants.size(); i++) {
      assertTrue(grants.get(i) - grants.get(i - 5) >= SECOND, "6 grants within one second at " + i);
    }
  }

  @Test
  void slotsFreeUpAsTheClockMoves() {
    RateLimiter limiter = new RateLimiter(2, Duration.ofSeconds(1), () -> 0L, d -> null);
    assertEquals(0, limiter.reserve(0));
    assertEquals(0, limiter.reserve(SECOND / 2));
    assertEquals(0, limiter.reserve(SECOND));             // the first grant is a window old
    assertEquals(SECOND / 2, limiter.reserve(SECOND));    // the second is not yet
  }

  @Test
  void aCallIsFreeNowOnlyWhileNoGrantIsQueuedAndBooksNothing() {
    long[] now = {0};
    RateLimiter limiter = new RateLimiter(2, Duration.ofSeconds(1), () -> now[0], d -> null);
    assertTrue(limiter.freeNow());
    limiter.reserve(0);
    assertTrue(limiter.freeNow(), "one permit of two left");
    limiter.reserve(0);
    assertFalse(limiter.freeNow(), "both permits used within the window");
    assertFalse(limiter.freeNow(), "asking books nothing and frees nothing");
    now[0] = SECOND;
    assertTrue(limiter.freeNow(), "the first grant is a window old");
    assertEquals(0, limiter.reserve(SECOND), "the check left the slot to the next caller");
  }

  @Test
  void acquireWaitsThroughTheDelayer() {
    FakeClock clock = new FakeClock(Instant.parse("2026-11-24T00:00:00Z"));
    FakeDelayer delayer = new FakeDelayer(clock);
    RateLimiter limiter = new RateLimiter(1, Duration.ofMillis(500), clock::nanos, delayer);

    limiter.acquire();
    limiter.acquire();
    limiter.acquire();

    assertEquals(List.of(Duration.ofMillis(500), Duration.ofMillis(500)), delayer.waits());
  }

  @Test
  void aPermitLaterThanTheCallersDeadlineIsRefusedAndNotBooked() {
    FakeClock clock = new FakeClock(Instant.parse("2026-11-24T00:00:00Z"));
    FakeDelayer delayer = new FakeDelayer(clock);
    RateLimiter limiter = new RateLimiter(1, Duration.ofSeconds(1), () -> 0L, delayer);
    assertTrue(limiter.acquireWithin(Duration.ofMillis(100)).toCompletableFuture().join());

    assertEquals(false, limiter.acquireWithin(Duration.ofMillis(100)).toCompletableFuture().join());
    // Nothing was booked by the refusal: the next slot is still one window after the first grant.
    assertEquals(SECOND, limiter.reserve(0));
  }
}
