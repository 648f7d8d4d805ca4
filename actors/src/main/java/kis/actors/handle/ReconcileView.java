package kis.actors.handle;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The account's reconciliations: the last report's result and alarms, and the failures, in both profiles.
 *
 * @param result {@code NEVER}, {@code CLEAN}, {@code REPAIRED} or {@code DRIFT}
 * @param at when the last successful run ended (or was first seen), empty if none yet
 * @param drift the last report's alarms
 * @param lastFailureAt when the last failed run's failure came back
 * @param consecutiveFailures failures since the last success
 * @param failures failures since the engine (or, in the cluster, the account singleton) started
 */
public record ReconcileView(String result, Optional<Instant> at, List<String> drift, Optional<Instant> lastFailureAt,
    Optional<String> lastFailure, int consecutiveFailures, long failures) {

  public static ReconcileView never() {
    return new ReconcileView("NEVER", Optional.empty(), List.of(), Optional.empty(), Optional.empty(), 0, 0);
  }

  /** The result of a report: alarms make drift; differences still within their grace or on the user's own symbols do not. */
  public static String resultOf(kis.actors.reconcile.ReconcileReport r) {
    return !r.alarms().isEmpty() ? "DRIFT" : r.hasCorrections() ? "REPAIRED" : "CLEAN";
  }
}
