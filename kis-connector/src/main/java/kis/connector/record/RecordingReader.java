package kis.connector.record;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads recordings back in the order they were received: the files of a folder by day, each file's
 * gzip members (one per engine run) in turn. A file that ends inside a member (the engine died
 * mid-write) gives every whole line before the tear and a warning; so does a line that does not
 * parse. Only an unreadable file is an error.
 */
public final class RecordingReader {

  /**
   * What a recording holds.
   *
   * @param warnings one sentence per torn member or unreadable line, naming the file
   */
  public record Recording(List<RecordedFrame> frames, List<String> warnings) {
    public Recording {
      frames = List.copyOf(frames);
      warnings = List.copyOf(warnings);
    }
  }

  private RecordingReader() {}

  /** The recording at {@code path}: a day's file, a recordings folder, or a data dir holding one. */
  public static Recording read(Path path) throws IOException {
    List<RecordedFrame> frames = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (Path f : RecordingFiles.list(path)) {
      readFile(f, frames, warnings);
    }
    return new Recording(frames, warnings);
  }

  private static void readFile(Path file, List<RecordedFrame> frames, List<String> warnings) throws IOException {
    int before = frames.size();
    long lineNo = 0;
    // Bytes, not a Reader: a Reader decodes ahead, and what it held when the tear was met would be
    // lost with the exception; here every whole line is handed on as soon as its '\n' is read.
    ByteArrayOutputStream line = new ByteArrayOutputStream(512);
    byte[] buf = new byte[1 << 16];
    try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(file)), 1 << 16)) {
      int n;
      while ((n = in.read(buf)) > 0) {
        int from = 0;
        for (int i = 0; i < n; i++) {
          if (buf[i] == '\n') {
            line.write(buf, from, i - from);
            add(file, line, ++lineNo, frames, warnings);
            from = i + 1;
          }
        }
        line.write(buf, from, n - from);
      }
      if (line.size() > 0) {
        warnings.add(file.getFileName() + " line " + (lineNo + 1) + " skipped: no line end");
      }
    } catch (EOFException | ZipException e) {
      // Sync-flushed members decode up to the tear; the half line at the tear is not returned.
      warnings.add(file.getFileName() + " ends in a torn gzip member (the engine stopped mid-write, "
          + e.getClass().getSimpleName() + "); " + (frames.size() - before) + " frame(s) read before it");
    }
  }

  private static void add(Path file, ByteArrayOutputStream line, long lineNo, List<RecordedFrame> frames,
      List<String> warnings) {
    try {
      frames.add(RecordedFrame.parse(line.toString(StandardCharsets.UTF_8)));
    } catch (IllegalArgumentException e) {
      warnings.add(file.getFileName() + " line " + lineNo + " skipped: " + e.getMessage());
    }
    line.reset();
  }
}
