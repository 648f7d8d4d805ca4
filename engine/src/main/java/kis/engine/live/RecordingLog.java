package kis.engine.live;

import java.time.Duration;
import kis.actors.live.RecordingWatch;
import kis.connector.record.RecordingStatus;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the market-data recording in the log where an operator looks ({@code kis-trader.recording},
 * README "Record and replay"): its size every few minutes, a stopped recording (its cause) as a
 * warning each time, and frames the writer had to drop as soon as they grow. Reads this node's
 * {@link RecordingWatch}, so both profiles report the node where the account's desk runs.
 */
public final class RecordingLog {
  private static final Logger LOG = LoggerFactory.getLogger(RecordingLog.class);
  /** Size lines are rarer than status lines: one in this many. */
  static final int SIZE_EVERY = 60;

  private long ticks;
  private long droppedSeen;
  private boolean failureSeen;

  RecordingLog() {}

  /** Checks the recording every {@code every} (the status log's period) on {@code system}'s scheduler. */
  public static void start(ActorSystem<?> system, Duration every) {
    RecordingLog log = new RecordingLog();
    RecordingWatch watch = RecordingWatch.get(system);
    system.scheduler().scheduleWithFixedDelay(every, every, () -> log.tick(watch.status()),
        system.executionContext());
  }

  /** What one check logs, if anything (package-private for the test). */
  String tick(RecordingStatus s) {
    boolean sizeDue = ticks++ % SIZE_EVERY == 0;
    if (s.failure().isPresent()) {
      // The recorder logged the error when it stopped; this keeps the flag in sight.
      boolean first = !failureSeen;
      failureSeen = true;
      return first || sizeDue ? warn(s) : null;
    }
    if (s.dropped() > droppedSeen) {
      droppedSeen = s.dropped();
      return warn(s);
    }
    if (sizeDue && s.recording()) {
      String line = s.describe();
      LOG.info(line);
      return line;
    }
    return null;
  }

  private static String warn(RecordingStatus s) {
    String line = s.describe();
    LOG.warn(line);
    return line;
  }
}
