package kis.actors.supervisor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/** Events counted over a recent span of time. Not thread-safe: one actor's state. */
final class EventWindow {
  private record Seen(Instant at, long count) {}

  private final Duration retention;
  private final Deque<Seen> seen = new ArrayDeque<>();

  /** @param retention the longest span {@link #count} will be asked about */
  EventWindow(Duration retention) {
    this.retention = retention;
  }

  /** {@code count} events at {@code at} (times in non-decreasing order). */
  void add(Instant at, long count) {
    if (count > 0) {
      seen.addLast(new Seen(at, count));
    }
  }

  /** Events in {@code (now - within, now]}, for {@code within} up to the retention. */
  long count(Instant now, Duration within) {
    Instant kept = now.minus(retention);
    while (!seen.isEmpty() && !seen.peekFirst().at().isAfter(kept)) {
      seen.removeFirst();
    }
    Instant from = now.minus(within);
    return seen.stream().filter(s -> s.at().isAfter(from)).mapToLong(Seen::count).sum();
  }

  /** Forgets every event: a cause that has cleared starts counting afresh. */
  void clear() {
    seen.clear();
  }
}
