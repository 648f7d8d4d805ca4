package kis.actors.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.pekko.persistence.JournalProtocol;
import org.apache.pekko.persistence.RecoveryPermitter;
import org.apache.pekko.persistence.SnapshotProtocol;
import org.junit.jupiter.api.Test;

/**
 * The replays an agent's tries asked for, counted off the very messages Pekko sends the agent: a
 * try is clean only if no earlier replay was still running when it asked for its own, and an end
 * that arrives while one may still run is not taken for the try's own.
 */
class ReplaysInFlightTest {
  static final Object PERMIT = RecoveryPermitter.RecoveryPermitGranted$.MODULE$;
  static final Object NO_SNAPSHOT = new SnapshotProtocol.LoadSnapshotResult(scala.Option.empty(), Long.MAX_VALUE);
  static final Object EVENT = new JournalProtocol.ReplayedMessage(null);
  static final Object END = new JournalProtocol.RecoverySuccess(8);

  /** Delivers {@code msg} as the agent's interceptor does; returns whether the behavior saw it. */
  static boolean deliver(ReplaysInFlight replays, Object msg) {
    boolean seen = replays.arriving(msg);
    if (seen) {
      replays.handled(msg);
    }
    return seen;
  }

  static void askForReplay(ReplaysInFlight replays) {
    assertTrue(deliver(replays, PERMIT));
    assertTrue(deliver(replays, NO_SNAPSHOT));
  }

  @Test
  void aFirstTryIsCleanAndCompletesOnItsOwnEnd() {
    ReplaysInFlight replays = new ReplaysInFlight();
    askForReplay(replays);
    assertFalse(replays.interfered());
    assertTrue(deliver(replays, EVENT));
    assertTrue(deliver(replays, END));
    assertTrue(replays.endIsOwn());
    replays.completed();
    assertEquals(0, replays.running());
  }

  @Test
  void aTimedOutTrysReplayRunsOnThroughTheNextTriesUntilItsEndArrives() {
    ReplaysInFlight replays = new ReplaysInFlight();
    askForReplay(replays);
    replays.tryFailed(); // timed out: its replay is not cancelled

    askForReplay(replays);
    assertTrue(replays.interfered(), "asked while the first replay still ran");
    assertTrue(deliver(replays, END));
    assertFalse(replays.endIsOwn(), "the first end after it may be the earlier replay's");
    replays.tryFailed();

    askForReplay(replays);
    assertTrue(replays.interfered(), "the second try's replay may still run");
    assertTrue(deliver(replays, END));
    assertFalse(replays.endIsOwn());
    replays.tryFailed();
    assertTrue(deliver(replays, PERMIT));
    assertFalse(deliver(replays, END), "an end between tries reaches no try");
    assertTrue(deliver(replays, NO_SNAPSHOT));
    assertFalse(replays.interfered(), "every earlier replay had ended when it asked");
    assertTrue(deliver(replays, END));
    assertTrue(replays.endIsOwn());
    assertEquals(0, replays.running());
  }

  @Test
  void aTryThatFailsOnItsSnapshotAsksForNoReplay() {
    ReplaysInFlight replays = new ReplaysInFlight();
    assertTrue(deliver(replays, PERMIT));
    Object failed = new SnapshotProtocol.LoadSnapshotFailed(new IllegalStateException("unreadable snapshot"));
    assertTrue(replays.arriving(failed));
    replays.tryFailed(); // signalled while the behavior handled the answer
    replays.handled(failed);
    assertEquals(0, replays.running());
    askForReplay(replays);
    assertFalse(replays.interfered());
  }

  @Test
  void whatAReplaySendsOutsideAnyTrysReplayingIsKeptFromTheBehaviorAndOtherMessagesAreNot() {
    ReplaysInFlight replays = new ReplaysInFlight();
    askForReplay(replays);
    replays.tryFailed();
    assertFalse(deliver(replays, EVENT), "in backoff: Pekko would stash it and stall its unstashing later");
    assertFalse(deliver(replays, END));
    assertTrue(deliver(replays, "a command"));
    askForReplay(replays);
    assertTrue(deliver(replays, EVENT));
    assertTrue(deliver(replays, END));
    replays.completed();
    assertFalse(deliver(replays, EVENT), "recovered: a stale replay's event is unexpected");
    assertTrue(deliver(replays, "a command"));
  }
}
