package kis.connector.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingReaderTest {
  @TempDir Path dir;

  static byte[] member(List<RecordedFrame> frames, boolean finished) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    GZIPOutputStream gz = new GZIPOutputStream(bytes, 512, true);
    for (RecordedFrame f : frames) {
      gz.write((f.line() + "\n").getBytes(StandardCharsets.UTF_8));
    }
    gz.flush(); // a sync flush, as the recorder does after each batch
    if (finished) {
      gz.close();
    }
    return bytes.toByteArray();
  }

  static List<RecordedFrame> frames(int from, int n) {
    List<RecordedFrame> out = new ArrayList<>();
    for (int i = from; i < from + n; i++) {
      out.add(new RecordedFrame(Instant.parse("2026-11-24T01:00:00Z").plusMillis(i), "0|H0STCNT0|001|005930^" + i));
    }
    return out;
  }

  @Test
  void aTornLastMemberGivesEveryWholeLineBeforeTheTearAndAWarningNamingTheFile() throws Exception {
    byte[] first = member(frames(0, 50), true);
    byte[] second = member(frames(50, 30), false); // the engine died: no trailer, the last bytes cut
    byte[] torn = java.util.Arrays.copyOf(second, second.length);
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    file.write(first);
    file.write(torn);
    // A few bytes of a next batch that never finished flushing.
    file.write(new byte[] {0x12, 0x34});
    Path day = RecordingFiles.fileOf(dir, LocalDate.of(2026, 11, 24));
    Files.write(day, file.toByteArray());

    RecordingReader.Recording rec = RecordingReader.read(dir);

    assertEquals(frames(0, 80), rec.frames());
    assertEquals(1, rec.warnings().size(), rec.warnings().toString());
    assertTrue(rec.warnings().get(0).startsWith("2026-11-24.frames.gz ends in a torn gzip member"),
        rec.warnings().get(0));
  }

  @Test
  void aMemberCutMidLineLosesOnlyThatLine() throws Exception {
    byte[] whole = member(frames(0, 10), false);
    Path day = RecordingFiles.fileOf(dir, LocalDate.of(2026, 11, 24));
    // The compressed stream cut short: only whole lines of what still inflates come back.
    Files.write(day, java.util.Arrays.copyOf(whole, whole.length - 8));
    RecordingReader.Recording rec = RecordingReader.read(day);
    assertTrue(rec.frames().size() < 10, "the cut lost the end");
    assertEquals(frames(0, rec.frames().size()), rec.frames(), "what is read is a prefix, whole lines only");
    assertEquals(1, rec.warnings().size());
  }

  @Test
  void filesOfSeveralDaysReadInDayOrderAndOtherFilesAreIgnored() throws Exception {
    Files.write(RecordingFiles.fileOf(dir, LocalDate.of(2026, 11, 25)), member(frames(5, 5), true));
    Files.write(RecordingFiles.fileOf(dir, LocalDate.of(2026, 11, 24)), member(frames(0, 5), true));
    Files.writeString(dir.resolve("notes.txt"), "not a recording");
    assertEquals(frames(0, 10), RecordingReader.read(dir).frames());
  }

  @Test
  void aLineThatDoesNotParseIsSkippedWithAWarning() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write((frames(0, 1).get(0).line() + "\nno tab here\n" + frames(1, 1).get(0).line() + "\n")
          .getBytes(StandardCharsets.UTF_8));
    }
    Path day = RecordingFiles.fileOf(dir, LocalDate.of(2026, 11, 24));
    Files.write(day, bytes.toByteArray());
    RecordingReader.Recording rec = RecordingReader.read(day);
    assertEquals(frames(0, 2), rec.frames());
    assertEquals(List.of("2026-11-24.frames.gz line 2 skipped: no tab between the instant and the frame"),
        rec.warnings());
  }
}
