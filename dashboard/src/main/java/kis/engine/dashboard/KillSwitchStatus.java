package kis.engine.dashboard;

import java.time.Instant;

/** Whether the kill switch is engaged, since when, by whom and why. */
public record KillSwitchStatus(boolean engaged, Instant since, String by, String reason) {
  public static KillSwitchStatus off() {
    return new KillSwitchStatus(false, null, null, null);
  }
}
