package kis.actors.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private final Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), 0.5);

  @Test
  void ceilingDoublesFromMinAndStopsAtMax() {
    assertEquals(Duration.ofMillis(500), backoff.ceiling(0));
    assertEquals(Duration.ofMillis(1000), backoff.ceiling(1));
    assertEquals(Duration.ofMillis(16000), backoff.ceiling(5));
    assertEquals(Duration.ofSeconds(30), backoff.ceiling(6));
    assertEquals(Duration.ofSeconds(30), backoff.ceiling(1000)); // no overflow
  }

  @Test
  void jitteredDelaysStayWithinTheBand() {
    SplittableRandom r = new SplittableRandom(7);
    for (int attempt = 0; attempt < 20; attempt++) {
      for (int i = 0; i < 50; i++) {
        Duration d = backoff.delay(attempt, r);
        Duration c = backoff.ceiling(attempt);
        assertTrue(d.compareTo(c) <= 0, d + " > " + c);
        assertTrue(d.compareTo(c.dividedBy(2)) >= 0, d + " < half of " + c);
      }
    }
  }

  @Test
  void theSameSeedGivesTheSameDelaysAndJitterActuallyVaries() {
    List<Duration> a = delays(new SplittableRandom(42));
    assertEquals(a, delays(new SplittableRandom(42)));
    assertNotEquals(a, delays(new SplittableRandom(43)));
    assertTrue(a.stream().distinct().count() > 1);
  }

  @Test
  void noJitterMeansExactCeilings() {
    Backoff exact = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(4), 0);
    SplittableRandom r = new SplittableRandom(1);
    assertEquals(Duration.ofSeconds(2), exact.delay(1, r));
    assertEquals(Duration.ofSeconds(4), exact.delay(9, r));
  }

  @Test
  void badSettingsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 0.1));
    assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 0.1));
    assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 1.5));
  }

  private List<Duration> delays(SplittableRandom r) {
    List<Duration> out = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      out.add(backoff.delay(3, r));
    }
    return out;
  }
}
