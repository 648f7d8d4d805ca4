package kis.actors.risk;

import java.time.Instant;
import kis.journal.JournalSerializable;

/**
 * The latch and its audit trail.
 *
 * @param engaged whether new orders are blocked
 * @param reason why it was engaged (kept after a reset for the record)
 * @param engagedBy who or what engaged it (an operator name, or a rule such as {@code risk:daily-loss})
 * @param engagedAt when
 * @param resetBy the operator who last reset it, null if never
 * @param resetAt when
 */
public record KillSwitchState(
    boolean engaged, String reason, String engagedBy, Instant engagedAt, String resetBy, Instant resetAt)
    implements JournalSerializable {

  public static final KillSwitchState OFF = new KillSwitchState(false, null, null, null, null, null);

  KillSwitchState apply(KillSwitchEvent event) {
    if (event instanceof KillSwitchEngaged e) {
      return new KillSwitchState(true, e.reason(), e.by(), e.recordedAt(), resetBy, resetAt);
    }
    if (event instanceof KillSwitchReset r) {
      return new KillSwitchState(false, reason, engagedBy, engagedAt, r.by(), r.recordedAt());
    }
    return this;
  }
}
