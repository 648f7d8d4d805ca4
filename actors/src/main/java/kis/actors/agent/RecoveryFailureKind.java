package kis.actors.agent;

import java.sql.SQLTransientException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.pattern.CircuitBreakerOpenException;
import org.apache.pekko.persistence.RecoveryTimedOut;

/**
 * Why a recovery failed, as far as the agent's books are concerned: the journal did not answer in
 * time ({@link #SLOW}: retried without end, never damage) or it answered with something that cannot
 * be folded ({@link #UNREADABLE}: counted toward {@code max-recovery-failures}, then DAMAGED), or its
 * replay did not deliver the events each once in order ({@link #OUT_OF_SEQUENCE}: the agent decides,
 * from the replays its earlier tries left running ({@link ReplaysInFlight}), whether that is a stale
 * replay's interference or the journal's own damage). The same test of slow decides whether a failed
 * journal write counts toward parking the agent: a write the journal did not confirm in time does not.
 *
 * <p>Slow is decided from the cause chain alone, by type: a {@link TimeoutException} (the journal
 * plugin's circuit breaker's "Circuit Breaker Timed out", an ask timeout), the breaker being open
 * ({@link CircuitBreakerOpenException}: it fails calls fast after timeouts), Pekko's
 * {@link RecoveryTimedOut} (no snapshot or event within {@code recovery-event-timeout}), and a
 * {@link SQLTransientException} (the cluster's PostgreSQL pool had no connection in time: JDBC's own
 * "retrying may succeed"). Everything else is a read failure: a checksum or missing table file,
 * a deserialization failure, the replay filter's sequence or writer findings, the journal's
 * lost-tail check against its marks.
 */
public enum RecoveryFailureKind {
  /** The journal did not answer in time; nothing was found wrong with what it holds. */
  SLOW,
  /** The journal answered and what it holds cannot be read into the books. */
  UNREADABLE,
  /**
   * An event replayed again, out of order or skipped, or the replay ended before the last event
   * ({@link ReplaySequence}): nothing was folded from it. With an earlier try's replay still running
   * it is that replay, which its try gave up on but the journal did not cancel, still sending to the agent.
   */
  OUT_OF_SEQUENCE;

  /** The kind of {@code failure}, from its whole cause chain (a cycle ends the walk). */
  public static RecoveryFailureKind of(Throwable failure) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
      if (t instanceof ReplaySequence.OutOfSequence) {
        return OUT_OF_SEQUENCE;
      }
      if (t instanceof TimeoutException || t instanceof CircuitBreakerOpenException || t instanceof RecoveryTimedOut
          || t instanceof SQLTransientException) {
        return SLOW;
      }
    }
    return UNREADABLE;
  }
}
