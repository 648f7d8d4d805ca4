package kis.engine.dashboard;

import java.time.Instant;
import java.util.List;

/**
 * The last reconcile run that finished, and next to it the last one that failed.
 *
 * @param at when the last successful run finished, null if none did
 * @param result that run's {@code CLEAN}, {@code REPAIRED} or {@code DRIFT}; {@code NEVER} before the first
 * @param drift differences it left unrepaired (each one line of text); empty when clean
 * @param failedAt when the last failed run failed, null if none did
 * @param failure why it failed (the reconciler's message: no secrets), null if none did
 * @param consecutiveFailures runs failed since the last success (0 once one succeeds)
 * @param failures runs failed since the engine started
 */
public record ReconcileStatus(Instant at, String result, List<String> drift, Instant failedAt, String failure,
    int consecutiveFailures, long failures) {
  public ReconcileStatus {
    drift = List.copyOf(drift);
  }

  /** A run's outcome with no failure so far. */
  public ReconcileStatus(Instant at, String result, List<String> drift) {
    this(at, result, drift, null, null, 0, 0);
  }

  public static ReconcileStatus never() {
    return new ReconcileStatus(null, "NEVER", List.of());
  }

  /** This status with the failures as they stand. */
  public ReconcileStatus withFailures(Instant failedAt, String failure, int consecutiveFailures, long failures) {
    return new ReconcileStatus(at, result, drift, failedAt, failure, consecutiveFailures, failures);
  }
}
