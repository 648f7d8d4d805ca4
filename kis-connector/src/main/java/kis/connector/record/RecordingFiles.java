package kis.connector.record;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where recordings live: {@code <data-dir>/recordings/YYYY-MM-DD.frames.gz}, one file per KST day
 * of receipt, each a run of gzip members (one per engine run that day).
 */
public final class RecordingFiles {
  /** Days are KIS's: a frame belongs to the Korean date it arrived on. */
  public static final ZoneId KST = ZoneId.of("Asia/Seoul");
  public static final String FOLDER = "recordings";
  public static final String SUFFIX = ".frames.gz";

  private RecordingFiles() {}

  /** The recordings folder of a data dir. */
  public static Path folderOf(Path dataDir) {
    return dataDir.resolve(FOLDER);
  }

  /** The file of {@code day} in {@code folder}. */
  public static Path fileOf(Path folder, LocalDate day) {
    return folder.resolve(day + SUFFIX);
  }

  /** The day a recording file is named after; empty for any other file. */
  public static Optional<LocalDate> dayOf(Path file) {
    String name = file.getFileName().toString();
    if (!name.endsWith(SUFFIX)) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.parse(name.substring(0, name.length() - SUFFIX.length())));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /**
   * The recording files {@code path} names, oldest day first: the file itself, or every
   * {@code *.frames.gz} in a folder (a data dir's {@code recordings/} is looked into too).
   */
  public static List<Path> list(Path path) throws IOException {
    if (Files.isRegularFile(path)) {
      return List.of(path);
    }
    if (!Files.isDirectory(path)) {
      throw new IOException("no recording file or folder at " + path);
    }
    Path folder = Files.isDirectory(folderOf(path)) ? folderOf(path) : path;
    List<Path> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(folder)) {
      s.filter(p -> Files.isRegularFile(p) && dayOf(p).isPresent()).sorted().forEach(out::add);
    }
    return out;
  }

  /** Bytes held by the folder's recordings (0 when there is none). */
  public static long totalBytes(Path folder) {
    if (!Files.isDirectory(folder)) {
      return 0;
    }
    try (Stream<Path> s = Files.list(folder)) {
      return s.filter(p -> dayOf(p).isPresent()).mapToLong(p -> {
        try {
          return Files.size(p);
        } catch (IOException e) {
          return 0;
        }
      }).sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Deletes the recordings of days more than {@code retentionDays} before {@code today} (so
   * {@code retentionDays} = 1 keeps yesterday and today); returns what it deleted. 0 or less keeps
   * everything.
   */
  public static List<Path> deleteOlderThan(Path folder, LocalDate today, int retentionDays) throws IOException {
    List<Path> deleted = new ArrayList<>();
    if (retentionDays <= 0 || !Files.isDirectory(folder)) {
      return deleted;
    }
    LocalDate oldestKept = today.minusDays(retentionDays);
    for (Path p : list(folder)) {
      Optional<LocalDate> day = dayOf(p);
      if (day.isPresent() && day.get().isBefore(oldestKept)) {
        Files.deleteIfExists(p);
        deleted.add(p);
      }
    }
    return deleted;
  }
}
