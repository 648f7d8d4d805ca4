package kis.connector.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingFilesTest {
  @TempDir Path dir;

  @Test
  void retentionDeletesTheDaysBeforeTheWindowAndKeepsTheRestAndOtherFiles() throws Exception {
    Path folder = RecordingFiles.folderOf(dir);
    Files.createDirectories(folder);
    for (String d : List.of("2026-10-20", "2026-10-24", "2026-10-25", "2026-11-23", "2026-11-24")) {
      Files.write(folder.resolve(d + RecordingFiles.SUFFIX), new byte[] {1});
    }
    Files.writeString(folder.resolve("README.txt"), "keep me");
    // 2026-11-24 10:00 KST, keeping 30 days: the 25th of October is the oldest day kept.
    Clock clock = Clock.fixed(Instant.parse("2026-11-24T01:00:00Z"), ZoneOffset.UTC);
    try (FrameRecorder r = FrameRecorder.start(new RecordingSettings(true, 30, 16, folder), clock)) {
      assertTrue(r.status().recording());
      assertEquals(3, r.status().bytes(), "the size shown is what the folder holds after the retention");
    }
    assertFalse(Files.exists(folder.resolve("2026-10-20.frames.gz")));
    assertFalse(Files.exists(folder.resolve("2026-10-24.frames.gz")));
    assertEquals(List.of(folder.resolve("2026-10-25.frames.gz"), folder.resolve("2026-11-23.frames.gz"),
        folder.resolve("2026-11-24.frames.gz")), RecordingFiles.list(folder));
    assertTrue(Files.exists(folder.resolve("README.txt")));
  }

  @Test
  void retentionZeroKeepsEverything() throws Exception {
    Files.write(dir.resolve("2020-01-01.frames.gz"), new byte[] {1});
    assertEquals(List.of(), RecordingFiles.deleteOlderThan(dir, LocalDate.of(2026, 11, 24), 0));
    assertTrue(Files.exists(dir.resolve("2020-01-01.frames.gz")));
  }

  @Test
  void aFolderThatCannotBeMadeDisablesRecordingWithAFlag() throws Exception {
    Path blocked = dir.resolve("data");
    Files.writeString(blocked, "a file where the data dir should be");
    RecordingSettings s = new RecordingSettings(true, 30, 16, RecordingFiles.folderOf(blocked));
    try (FrameRecorder r = FrameRecorder.start(s, Clock.systemUTC())) {
      r.marketFrame("0|H0STCNT0|001|005930^090000");
      assertFalse(r.status().recording());
      assertTrue(r.status().failure().isPresent());
    }
  }
}
