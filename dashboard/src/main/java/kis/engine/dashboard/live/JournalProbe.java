package kis.engine.dashboard.live;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import kis.journal.event.AgentEvent;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * Finds places in an agent's journal by reading single events (a LevelDB seek each), so a long
 * journal is never read through to find its end or the start of a day. An agent's sequence
 * numbers run from 1 without gaps (agents never delete events).
 */
final class JournalProbe {
  private JournalProbe() {}

  /** The event at {@code seq} or the first after it, if any. */
  static CompletionStage<Optional<EventEnvelope>> at(ActorSystem<?> system, JournalFeed.Queries q, String pid,
      long seq) {
    return q.current(pid, seq).take(1).runWith(Sink.headOption(), system);
  }

  /** The highest sequence number, 0 for an empty journal: doubling to past the end, then halving. */
  static CompletionStage<Long> highest(ActorSystem<?> system, JournalFeed.Queries q, String pid) {
    return exists(system, q, pid, 1).thenCompose(any -> any ? grow(system, q, pid, 1)
        : CompletableFuture.completedFuture(0L));
  }

  private static CompletionStage<Long> grow(ActorSystem<?> system, JournalFeed.Queries q, String pid, long known) {
    long next = known * 2;
    return exists(system, q, pid, next).thenCompose(there -> there ? grow(system, q, pid, next)
        : lastWithin(system, q, pid, known, next));
  }

  /** The last existing number in {@code [present, absent)}. */
  private static CompletionStage<Long> lastWithin(ActorSystem<?> system, JournalFeed.Queries q, String pid,
      long present, long absent) {
    if (absent - present <= 1) {
      return CompletableFuture.completedFuture(present);
    }
    long mid = present + (absent - present) / 2;
    return exists(system, q, pid, mid).thenCompose(there -> there ? lastWithin(system, q, pid, mid, absent)
        : lastWithin(system, q, pid, present, mid));
  }

  private static CompletionStage<Boolean> exists(ActorSystem<?> system, JournalFeed.Queries q, String pid, long seq) {
    return at(system, q, pid, seq).thenApply(Optional::isPresent);
  }

  /**
   * The first sequence number whose event was recorded at or after {@code from}, or
   * {@code highest + 1} if none was: a binary search on recording times, which grow with the
   * sequence numbers.
   */
  static CompletionStage<Long> firstAtOrAfter(ActorSystem<?> system, JournalFeed.Queries q, String pid, Instant from,
      long highest) {
    return search(system, q, pid, from, 1, highest + 1);
  }

  /** The answer lies in {@code [lo, hi]}; {@code hi} is known to qualify (or is past the end). */
  private static CompletionStage<Long> search(ActorSystem<?> system, JournalFeed.Queries q, String pid, Instant from,
      long lo, long hi) {
    if (lo >= hi) {
      return CompletableFuture.completedFuture(hi);
    }
    long mid = lo + (hi - lo) / 2;
    return at(system, q, pid, mid).thenCompose(env -> {
      boolean late = env.isEmpty() || !(env.get().event() instanceof AgentEvent e) || !e.recordedAt().isBefore(from);
      return late ? search(system, q, pid, from, lo, mid) : search(system, q, pid, from, mid + 1, hi);
    });
  }
}
