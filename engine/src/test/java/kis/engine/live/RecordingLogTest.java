package kis.engine.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Optional;
import kis.connector.record.RecordingStatus;
import org.junit.jupiter.api.Test;

class RecordingLogTest {
  static RecordingStatus ok(long bytes, long dropped) {
    return new RecordingStatus(true, Optional.empty(), bytes, 10, dropped);
  }

  @Test
  void theSizeIsLoggedAtStartAndThenEverySixtiethCheck() {
    RecordingLog log = new RecordingLog();
    assertEquals("recording 10 frames, 2.0 MiB on disk", log.tick(ok(2L << 20, 0)));
    for (int i = 1; i < RecordingLog.SIZE_EVERY; i++) {
      assertNull(log.tick(ok(2L << 20, 0)));
    }
    assertEquals("recording 10 frames, 3.0 MiB on disk", log.tick(ok(3L << 20, 0)));
  }

  @Test
  void aStoppedRecordingIsWarnedAboutAtOnceAndThenKeptInSight() {
    RecordingLog log = new RecordingLog();
    log.tick(ok(0, 0));
    RecordingStatus failed = new RecordingStatus(false, Optional.of("IOException: No space left on device"), 0, 10, 0);
    assertEquals("recording FAILED (IOException: No space left on device), trading goes on unrecorded",
        log.tick(failed));
    for (int i = 2; i < RecordingLog.SIZE_EVERY; i++) {
      assertNull(log.tick(failed));
    }
    assertEquals("recording FAILED (IOException: No space left on device), trading goes on unrecorded",
        log.tick(failed));
  }

  @Test
  void droppedFramesAreWarnedAboutWhenTheyGrow() {
    RecordingLog log = new RecordingLog();
    log.tick(ok(0, 0));
    assertEquals("recording 10 frames, 0.0 MiB on disk, 5 dropped", log.tick(ok(0, 5)));
    assertNull(log.tick(ok(0, 5)));
  }

  @Test
  void nothingIsLoggedWhereNoDeskRecords() {
    assertNull(new RecordingLog().tick(RecordingStatus.OFF));
  }
}
