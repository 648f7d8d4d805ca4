package kis.engine.dashboard.live;

import java.time.Instant;
import kis.engine.dashboard.LevelState;

/**
 * One connection level's state from what the engine observes; thread-safe. {@code since} is when
 * the level went up or down, not when its state name last changed: a connection cycling through
 * CONNECTING and DISCONNECTED stays down since it was last up, so "down for longer than N seconds"
 * alerts fire however many reconnects it tries.
 */
public final class LevelTracker {
  private volatile LevelState current = LevelState.unknown();

  /** Records the level's state as of {@code at}. */
  public synchronized void mark(String state, Instant at, String detail) {
    LevelState before = current;
    boolean wasUp = before.up();
    boolean isUp = LevelState.LIVE.equals(state);
    boolean known = !LevelState.unknown().state().equals(before.state());
    Instant since = known && wasUp == isUp && before.since() != null ? before.since() : at;
    if (!state.equals(before.state()) || !detail.equals(before.detail()) || !since.equals(before.since())) {
      current = new LevelState(state, since, detail);
    }
  }

  public LevelState get() {
    return current;
  }
}
