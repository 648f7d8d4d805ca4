package kis.engine.dashboard;

import java.time.Instant;
import java.util.List;

/**
 * The outcome of the last reconcile run.
 *
 * @param at when it finished, null if it never ran
 * @param result {@code CLEAN}, {@code REPAIRED}, {@code DRIFT} or {@code FAILED}; {@code NEVER} before the first
 * @param drift differences left unrepaired (each one line of text); empty when clean
 */
public record ReconcileStatus(Instant at, String result, List<String> drift) {
  public ReconcileStatus {
    drift = List.copyOf(drift);
  }

  public static ReconcileStatus never() {
    return new ReconcileStatus(null, "NEVER", List.of());
  }
}
