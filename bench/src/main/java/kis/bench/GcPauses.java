package kis.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The JVM's stop-the-world collections as {@link System#nanoTime()} intervals, from the collectors'
 * notifications (millisecond resolution, told after each collection): which latency samples a GC
 * pause fell into. G1's young and full collections are pauses; its concurrent cycle's short
 * remark and cleanup pauses are not reported by JDK 17 and so not counted.
 */
final class GcPauses {
  /** nanoTime at the JVM's start, as near as the uptime's millisecond allows. */
  private final long startNanos;
  private final List<long[]> pauses = new ArrayList<>();

  private GcPauses() {
    startNanos = System.nanoTime() - ManagementFactory.getRuntimeMXBean().getUptime() * 1_000_000L;
  }

  static GcPauses start() {
    GcPauses p = new GcPauses();
    for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (b instanceof NotificationEmitter e) {
        e.addNotificationListener((n, h) -> {
          if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
            var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData()).getGcInfo();
            p.add(info.getStartTime(), info.getEndTime());
          }
        }, null, null);
      }
    }
    return p;
  }

  private synchronized void add(long startMillis, long endMillis) {
    // Widened by a millisecond each side: the uptime's resolution.
    pauses.add(new long[] {startNanos + (startMillis - 1) * 1_000_000L, startNanos + (endMillis + 1) * 1_000_000L});
  }

  /** Nanoseconds of pauses that overlap [from, to] (0: none). */
  synchronized long within(long from, long to) {
    long sum = 0;
    for (long[] p : pauses) {
      long a = Math.max(from, p[0]);
      long b = Math.min(to, p[1]);
      if (b > a) {
        sum += b - a;
      }
    }
    return sum;
  }
}
