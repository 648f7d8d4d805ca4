package kis.actors.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import kis.actors.testing.MutableClock;
import org.junit.jupiter.api.Test;

class OrderRateBudgetTest {
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T01:00:00Z"));

  @Test
  void evenlySpacedCallsAtOnePerSecondLikePaper() {
    OrderRateBudget b = new OrderRateBudget(1, Duration.ofSeconds(1), 1, clock);
    assertTrue(b.tryAcquire());
    assertFalse(b.tryAcquire());
    assertEquals(Duration.ofSeconds(1), b.waitTime());
    clock.advance(Duration.ofMillis(999));
    assertFalse(b.tryAcquire());
    assertEquals(Duration.ofMillis(1), b.waitTime());
    clock.advance(Duration.ofMillis(1));
    assertEquals(Duration.ZERO, b.waitTime());
    assertTrue(b.tryAcquire());
  }

  @Test
  void aBurstIsAllowedAfterAQuietSpellThenTheRateHolds() {
    OrderRateBudget b = new OrderRateBudget(10, Duration.ofSeconds(1), 3, clock);
    clock.advance(Duration.ofSeconds(5));
    assertTrue(b.tryAcquire());
    assertTrue(b.tryAcquire());
    assertTrue(b.tryAcquire());
    assertFalse(b.tryAcquire());
    clock.advance(Duration.ofMillis(100));
    assertTrue(b.tryAcquire());
    assertFalse(b.tryAcquire());
  }

  @Test
  void overASecondTheCountNeverExceedsRatePlusBurst() {
    OrderRateBudget b = new OrderRateBudget(18, Duration.ofSeconds(1), 1, clock);
    int granted = 0;
    for (int ms = 0; ms < 1000; ms++) {
      if (b.tryAcquire()) {
        granted++;
      }
      clock.advance(Duration.ofMillis(1));
    }
    assertEquals(18, granted);
  }
}
