package kis.actors.supervisor;

import java.time.Duration;
import java.util.Arrays;

/**
 * The last {@code capacity} gaps between one stream's data frames, oldest overwritten first, and
 * a high percentile of them. Bounded so the figure follows the symbol through the day (a name that
 * quietens after the open is judged by its recent gaps, not by the morning's). Not thread-safe:
 * one owner (the supervisor's {@link StreamWatch}).
 */
final class GapWindow {
  private final long[] millis;
  private int next;
  private int count;
  private long[] sorted;

  GapWindow(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("a gap window holds at least one gap");
    }
    this.millis = new long[capacity];
  }

  void add(Duration gap) {
    millis[next] = Math.max(0, gap.toMillis());
    next = (next + 1) % millis.length;
    count = Math.min(count + 1, millis.length);
    sorted = null;
  }

  int size() {
    return count;
  }

  /**
   * The nearest-rank {@code q} percentile of the gaps held (q in (0, 1]): the smallest gap that at
   * least {@code q} of them do not exceed. One freak gap among many moves a high percentile by one
   * rank at most, where the maximum would jump to it.
   *
   * @throws IllegalStateException when no gap is held
   */
  Duration percentile(double q) {
    if (count == 0) {
      throw new IllegalStateException("no gap seen yet");
    }
    if (sorted == null) {
      // Sorted lazily: frames arrive far more often than the watchdog looks.
      sorted = Arrays.copyOf(millis, count);
      Arrays.sort(sorted);
    }
    int rank = (int) Math.ceil(q * count);
    return Duration.ofMillis(sorted[Math.min(count, Math.max(1, rank)) - 1]);
  }
}
