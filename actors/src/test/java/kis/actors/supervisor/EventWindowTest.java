package kis.actors.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventWindowTest {
  static final Instant T0 = Instant.parse("2026-11-24T01:00:00Z");
  static final Duration TEN = Duration.ofSeconds(10);

  @Test
  void countsOnlyEventsWithinTheAskedSpan() {
    EventWindow w = new EventWindow(TEN);
    w.add(T0, 2);
    w.add(T0.plusSeconds(5), 3);
    w.add(T0.plusSeconds(6), 0);
    assertEquals(5, w.count(T0.plusSeconds(9), TEN));
    assertEquals(3, w.count(T0.plusSeconds(9), Duration.ofSeconds(5)), "a shorter span sees only the later ones");
    assertEquals(3, w.count(T0.plusSeconds(10), TEN), "events a full span old have left it");
    assertEquals(0, w.count(T0.plusSeconds(15), TEN));
  }

  @Test
  void aClearedWindowCountsAfresh() {
    EventWindow w = new EventWindow(TEN);
    w.add(T0, 4);
    w.clear();
    w.add(T0.plusSeconds(1), 1);
    assertEquals(1, w.count(T0.plusSeconds(2), TEN));
  }
}
