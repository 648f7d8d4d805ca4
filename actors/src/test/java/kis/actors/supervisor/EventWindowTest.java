package kis.actors.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventWindowTest {
  static final Instant T0 = Instant.parse("2026-11-24T01:00:00Z");

  @Test
  void countsOnlyEventsWithinTheLastWindow() {
    EventWindow w = new EventWindow(Duration.ofSeconds(10));
    w.add(T0, 2);
    w.add(T0.plusSeconds(5), 3);
    w.add(T0.plusSeconds(6), 0);
    assertEquals(5, w.count(T0.plusSeconds(9)));
    assertEquals(3, w.count(T0.plusSeconds(10)), "events a full window old have left it");
    assertEquals(0, w.count(T0.plusSeconds(15)));
  }
}
