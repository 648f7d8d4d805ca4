package kis.actors.live;

import java.time.Instant;
import java.util.Optional;

/**
 * How the account's reconciliations have been going: when the last one succeeded, when and why
 * the last one failed, and how many failed in a row since the last success. Written by the
 * engine's reconcile watch (every run asked of the reconciler, periodic ones included), read by
 * the dashboard from any thread.
 */
public final class ReconcileOutcomes {

  /** A reconciliation that did not finish: when its failure came back, and why. */
  public record Failure(Instant at, String reason) {}

  /**
   * @param consecutiveFailures failures since the last success (0 after a success)
   * @param failures failures since the engine started
   */
  public record Snapshot(Optional<Instant> lastSuccess, Optional<Failure> lastFailure, int consecutiveFailures,
      long failures) {
    public static Snapshot none() {
      return new Snapshot(Optional.empty(), Optional.empty(), 0, 0);
    }
  }

  private Snapshot current = Snapshot.none();

  synchronized void succeeded(Instant at) {
    current = new Snapshot(Optional.of(at), current.lastFailure(), 0, current.failures());
  }

  synchronized void failed(Instant at, String reason) {
    current = new Snapshot(current.lastSuccess(), Optional.of(new Failure(at, reason)),
        current.consecutiveFailures() + 1, current.failures() + 1);
  }

  /** The outcomes so far. */
  public synchronized Snapshot snapshot() {
    return current;
  }
}
