package kis.engine.dashboard.live;

import java.time.Instant;
import kis.engine.dashboard.LevelState;

/** One connection level's state and since when, from what the engine observes; thread-safe. */
final class LevelTracker {
  private volatile LevelState current = LevelState.unknown();

  synchronized void mark(String state, Instant now, String detail) {
    if (!state.equals(current.state())) {
      current = new LevelState(state, now, detail);
    }
  }

  LevelState get() {
    return current;
  }
}
