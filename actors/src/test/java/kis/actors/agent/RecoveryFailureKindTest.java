package kis.actors.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.NotSerializableException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.pattern.AskTimeoutException;
import org.apache.pekko.pattern.CircuitBreakerOpenException;
import org.apache.pekko.persistence.RecoveryTimedOut;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.internal.JournalFailureException;
import org.junit.jupiter.api.Test;
import scala.concurrent.duration.FiniteDuration;

/** Slow is a journal that did not answer in time; everything it answered and we cannot fold is damage. */
class RecoveryFailureKindTest {

  static Throwable wrapped(Throwable cause) {
    // How Pekko hands a failed replay to the signal handler the second time.
    return new JournalFailureException(PersistenceId.ofUniqueId("Agent|a"), 0, "Exception during recovery", cause);
  }

  @Test
  void theJournalBreakersTimeoutAndItsOpenStateAreSlowBareOrWrapped() {
    Throwable timedOut = new TimeoutException("Circuit Breaker Timed out.");
    Throwable open = new CircuitBreakerOpenException(FiniteDuration.apply(30, "s"), "Circuit Breaker is open");
    assertEquals(RecoveryFailureKind.SLOW, RecoveryFailureKind.of(timedOut));
    assertEquals(RecoveryFailureKind.SLOW, RecoveryFailureKind.of(wrapped(timedOut)));
    assertEquals(RecoveryFailureKind.SLOW, RecoveryFailureKind.of(open));
    assertEquals(RecoveryFailureKind.SLOW, RecoveryFailureKind.of(wrapped(open)));
  }

  @Test
  void replayAndAskTimeoutsAndATransientDatabaseAreSlow() {
    assertEquals(RecoveryFailureKind.SLOW, RecoveryFailureKind.of(wrapped(
        new RecoveryTimedOut("Replay timed out, didn't get event within [30s], highest sequence number seen [42]"))));
    assertEquals(RecoveryFailureKind.SLOW, RecoveryFailureKind.of(new AskTimeoutException("Ask timed out")));
    assertEquals(RecoveryFailureKind.SLOW, RecoveryFailureKind.of(wrapped(new IllegalStateException("query failed",
        new SQLTransientConnectionException("slick.db - Connection is not available, request timed out")))));
  }

  @Test
  void whatTheJournalAnsweredAndCannotBeReadIsDamage() {
    assertEquals(RecoveryFailureKind.UNREADABLE,
        RecoveryFailureKind.of(wrapped(new IllegalStateException("corruption in table file 000123.sst"))));
    assertEquals(RecoveryFailureKind.UNREADABLE,
        RecoveryFailureKind.of(wrapped(new NotSerializableException("kis.journal.event.OrderFilled"))));
    assertEquals(RecoveryFailureKind.UNREADABLE, RecoveryFailureKind.of(new IllegalStateException(
        "Invalid replayed event [sequenceNr=7, writerUUID=x] from a new writer")));
    assertEquals(RecoveryFailureKind.UNREADABLE, RecoveryFailureKind.of(new SQLException("relation does not exist")));
  }

  @Test
  void anEventOutOfSequenceIsItsOwnKindBareOrWrappedAndTheBooksAreCheckedAgainstTheSequence() {
    kis.journal.state.AgentState empty = kis.journal.state.AgentState.empty("a");
    ReplaySequence.checkNext(1, empty); // the first event of a journal
    ReplaySequence.checkEnd(0, empty);
    Throwable again = assertThrows(ReplaySequence.OutOfSequence.class,
        () -> ReplaySequence.checkNext(1, empty.apply(new kis.journal.event.AgentResumed("op", java.time.Instant.EPOCH))));
    assertEquals("replay out of sequence: expected #2, got #1 again (already folded)", again.getMessage());
    Throwable skipped = assertThrows(ReplaySequence.OutOfSequence.class, () -> ReplaySequence.checkNext(3, empty));
    assertEquals("replay out of sequence: expected #1, got #3 (2 event(s) skipped)", skipped.getMessage());
    Throwable early = assertThrows(ReplaySequence.OutOfSequence.class, () -> ReplaySequence.checkEnd(8, empty));
    assertEquals(RecoveryFailureKind.OUT_OF_SEQUENCE, RecoveryFailureKind.of(again));
    assertEquals(RecoveryFailureKind.OUT_OF_SEQUENCE, RecoveryFailureKind.of(wrapped(early)));
  }

  @Test
  void aCauseChainThatLoopsEndsTheWalk() {
    RuntimeException a = new RuntimeException("a");
    RuntimeException b = new RuntimeException("b", a);
    a.initCause(b);
    assertEquals(RecoveryFailureKind.UNREADABLE, RecoveryFailureKind.of(a));
  }
}
