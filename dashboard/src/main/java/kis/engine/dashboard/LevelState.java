package kis.engine.dashboard;

import java.time.Instant;

/**
 * The state of one level of the KIS connection.
 *
 * @param state a {@code ConnectionState} name from the KIS supervisor ({@code LIVE}, {@code STALE},
 *     {@code DISCONNECTED}, ...); only {@code LIVE} counts as up
 * @param since when it entered this state, null if unknown
 * @param detail a short human note (never a secret), may be empty
 */
public record LevelState(String state, Instant since, String detail) {
  public static final String LIVE = "LIVE";

  public static LevelState unknown() {
    return new LevelState("UNKNOWN", null, "");
  }

  public boolean up() {
    return LIVE.equals(state);
  }
}
