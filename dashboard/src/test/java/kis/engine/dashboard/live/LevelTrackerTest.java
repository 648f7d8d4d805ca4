package kis.engine.dashboard.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import kis.engine.dashboard.LevelState;
import org.junit.jupiter.api.Test;

class LevelTrackerTest {
  static final Instant T0 = Instant.parse("2026-11-24T01:00:00Z");
  private final LevelTracker level = new LevelTracker();

  @Test
  void aLevelCyclingThroughReconnectStatesStaysDownSinceItWasLastUp() {
    level.mark("LIVE", T0, "");
    level.mark("DISCONNECTED", T0.plusSeconds(10), "socket closed");
    level.mark("CONNECTING", T0.plusSeconds(11), "");
    level.mark("DISCONNECTED", T0.plusSeconds(12), "refused");

    assertEquals(new LevelState("DISCONNECTED", T0.plusSeconds(10), "refused"), level.get());

    level.mark("LIVE", T0.plusSeconds(20), "");
    level.mark("LIVE", T0.plusSeconds(21), "");
    assertEquals(new LevelState("LIVE", T0.plusSeconds(20), ""), level.get());
  }

  @Test
  void theFirstObservationSetsSinceEvenWhenDown() {
    level.mark("CONNECTING", T0, "");
    assertEquals(new LevelState("CONNECTING", T0, ""), level.get());
  }
}
