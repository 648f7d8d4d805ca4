package kis.actors.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GapWindowTest {

  @Test
  void theHighPercentileIsTheNearestRankSoOneFreakGapMovesItOneRankAtMost() {
    GapWindow w = new GapWindow(200);
    for (int i = 0; i < 199; i++) {
      w.add(Duration.ofSeconds(3));
    }
    w.add(Duration.ofSeconds(50));
    assertEquals(Duration.ofSeconds(3), w.percentile(0.99), "rank 198 of 200");
    assertEquals(Duration.ofSeconds(50), w.percentile(1.0));
  }

  @Test
  void theOldestGapsAreForgottenOnceTheWindowIsFull() {
    GapWindow w = new GapWindow(4);
    for (int i = 0; i < 4; i++) {
      w.add(Duration.ofSeconds(30));
    }
    for (int i = 0; i < 4; i++) {
      w.add(Duration.ofMillis(10));
    }
    assertEquals(4, w.size());
    assertEquals(Duration.ofMillis(10), w.percentile(1.0), "the quiet morning is out of the window");
  }

  @Test
  void aPartlyFilledWindowUsesOnlyTheGapsItHolds() {
    GapWindow w = new GapWindow(100);
    w.add(Duration.ofSeconds(1));
    w.add(Duration.ofSeconds(2));
    w.add(Duration.ofSeconds(3));
    assertEquals(Duration.ofSeconds(2), w.percentile(0.5));
    assertEquals(Duration.ofSeconds(3), w.percentile(0.99));
  }

  @Test
  void anEmptyWindowHasNoPercentile() {
    assertThrows(IllegalStateException.class, () -> new GapWindow(3).percentile(0.99));
  }
}
