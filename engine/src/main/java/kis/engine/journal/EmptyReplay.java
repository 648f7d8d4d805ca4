package kis.engine.journal;

import java.util.concurrent.CompletionException;

/**
 * Whether a recovery's replay has any event to send, by Pekko's own rule ({@code AsyncWriteJournal}:
 * replay up to the smaller of the requested end and the highest sequence number, nothing when that
 * is 0 or below the start), so that the journal answers the empty ones without Pekko's replay path.
 */
final class EmptyReplay {
  private EmptyReplay() {}

  /** True when {@code from..min(to, highest)} holds no sequence number. */
  static boolean nothingToReplay(long from, long to, long highest) {
    long last = Math.min(to, highest);
    return last <= 0L || from > last;
  }

  /** The failure a recovery is told: the read's own, not the future's wrapper around it. */
  static Throwable cause(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
  }
}
