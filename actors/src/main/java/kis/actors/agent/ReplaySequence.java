package kis.actors.agent;

import kis.journal.state.AgentState;

/**
 * Proof that a recovery folded its journal's events each once and in order: the event replayed at
 * sequence number {@code n} must come to books that have folded exactly {@code n - 1} events (a
 * healthy journal numbers its events from #1 without a gap, so the books' event count, a snapshot's
 * included, is the sequence number of the last event folded), and the replay must end at the last
 * event folded. Pekko's replay checks neither, and a replay its journal's circuit breaker timed out
 * is not cancelled: it keeps sending its events to the same agent, where they interleave with the
 * next try's. Anything else than the next event fails the try instead of being folded.
 */
final class ReplaySequence {
  private ReplaySequence() {}

  /** A replay that did not deliver its journal's events each once, in order. */
  static final class OutOfSequence extends IllegalStateException {
    private final long expected;
    private final long actual;

    OutOfSequence(long expected, long actual, String what) {
      super("replay out of sequence: expected #" + expected + ", " + what);
      this.expected = expected;
      this.actual = actual;
    }

    /** The sequence number the books needed next. */
    long expected() {
      return expected;
    }

    /** What came instead (for a replay that ended early: the number it said it ended at). */
    long actual() {
      return actual;
    }
  }

  /** Throws unless {@code seqNr} is the event right after the ones {@code before} has folded. */
  static void checkNext(long seqNr, AgentState before) {
    long expected = before.eventCount() + 1;
    if (seqNr != expected) {
      throw new OutOfSequence(expected, seqNr, seqNr < expected
          ? "got #" + seqNr + " again (already folded)"
          : "got #" + seqNr + " (" + (seqNr - expected) + " event(s) skipped)");
    }
  }

  /**
   * Throws unless the end a try completes on is its own replay's ({@code own}): with an earlier
   * try's replay still running ({@code running} replays unfinished), an end that arrives may be that
   * replay's, said at the highest number it read then, while events were written after it.
   */
  static void checkEndIsOwn(boolean own, long highest, long running) {
    if (!own) {
      throw new OutOfSequence(highest + 1, highest, "the replay ended at #" + highest + " while " + running
          + " replay(s) of earlier tries were still running: the end may be theirs");
    }
  }

  /** Throws unless a replay said to end at {@code highest} has folded every event up to it into {@code state}. */
  static void checkEnd(long highest, AgentState state) {
    if (highest != state.eventCount()) {
      throw new OutOfSequence(state.eventCount() + 1, highest, "the replay ended at #" + highest + " with #"
          + state.eventCount() + " the last event folded");
    }
  }
}
