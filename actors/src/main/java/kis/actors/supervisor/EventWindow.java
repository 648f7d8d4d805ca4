package kis.actors.supervisor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/** How many events happened within the last {@code window}. Not thread-safe: one actor's state. */
final class EventWindow {
  private record Seen(Instant at, long count) {}

  private final Duration window;
  private final Deque<Seen> seen = new ArrayDeque<>();
  private long total;

  EventWindow(Duration window) {
    this.window = window;
  }

  /** {@code count} events at {@code at} (times in non-decreasing order). */
  void add(Instant at, long count) {
    if (count > 0) {
      seen.addLast(new Seen(at, count));
      total += count;
    }
  }

  /** Events in {@code (now - window, now]}. */
  long count(Instant now) {
    Instant from = now.minus(window);
    while (!seen.isEmpty() && !seen.peekFirst().at().isAfter(from)) {
      total -= seen.removeFirst().count();
    }
    return total;
  }

  Duration window() {
    return window;
  }
}
