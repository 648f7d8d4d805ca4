package kis.engine.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * The journal's high-water marks, kept outside LevelDB so that LevelDB's own damage cannot erase
 * them: per persistence id the highest sequence number written and the {@link EventChain} hash up
 * to it. An append-only text log next to the journal dir ({@code data/journal.marks} for
 * {@code data/journal}), one line per persistence id per commit group (one synced LevelDB batch),
 * fsynced once per append (which may hold several groups). A file written before marks were kept
 * per group may hold one line for several groups: the same format, its marks only fewer.
 *
 * <p>Format v1: a header line {@value #HEADER}, then lines
 * {@code m <crc32-hex> <seq> <hash-hex> <persistence id>}; the CRC covers the text after it. The
 * last line for an id wins. A torn last line (crash while appending) is ignored: the batch it
 * marked is in LevelDB already and shows as an unmarked tail, which the start check accepts and
 * marks. Rewritten compactly (one line per id) at every engine start.
 */
public final class JournalMarks {
  public static final String HEADER = "kis-trader journal marks v1";

  /** What the marks say of one persistence id. */
  public record Mark(String persistenceId, long seq, String hash) {}

  /**
   * The marks read from a file, and the lines that could not be read (empty when sound).
   *
   * @param marks the latest mark of each persistence id
   * @param history every mark of each persistence id in file order (a repair proves a prefix by them)
   */
  public record Loaded(Map<String, Mark> marks, Map<String, List<Mark>> history, List<String> problems,
      boolean exists) {
    public static Loaded none() {
      return new Loaded(Map.of(), Map.of(), List.of(), false);
    }
  }

  private JournalMarks() {}

  /** The marks file that belongs to {@code journalDir}. */
  public static Path fileFor(Path journalDir) {
    Path abs = journalDir.toAbsolutePath().normalize();
    return abs.resolveSibling(abs.getFileName() + ".marks");
  }

  public static Loaded load(Path file) throws IOException {
    Map<String, Mark> marks = new TreeMap<>();
    Map<String, List<Mark>> history = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    if (!Files.exists(file)) {
      return new Loaded(marks, history, problems, false);
    }
    byte[] all = Files.readAllBytes(file);
    String text = new String(all, StandardCharsets.UTF_8);
    boolean tornTail = !text.isEmpty() && !text.endsWith("\n");
    String[] lines = text.split("\n", -1);
    int last = lines.length - 1; // after the final newline: "" (or the torn line)
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isEmpty() && i == last) {
        continue;
      }
      if (i == 0) {
        if (!HEADER.equals(line)) {
          problems.add(file + ": not a marks file of a known version (first line '" + abbreviate(line) + "')");
          return new Loaded(marks, history, problems, true);
        }
        continue;
      }
      Mark m = parse(line);
      if (m == null) {
        if (i == last && tornTail) {
          continue; // a torn append: see the class comment
        }
        problems.add(file + ": line " + (i + 1) + " is damaged");
        continue;
      }
      marks.put(m.persistenceId(), m);
      history.computeIfAbsent(m.persistenceId(), k -> new ArrayList<>()).add(m);
    }
    return new Loaded(marks, history, problems, true);
  }

  static String line(Mark m) {
    String body = m.seq() + " " + m.hash() + " " + m.persistenceId();
    return "m " + crc(body) + " " + body + "\n";
  }

  private static Mark parse(String line) {
    String[] p = line.split(" ", 5);
    if (p.length != 5 || !"m".equals(p[0])) {
      return null;
    }
    String body = p[2] + " " + p[3] + " " + p[4];
    if (!crc(body).equals(p[1]) || p[3].length() != 64) {
      return null;
    }
    try {
      return new Mark(p[4], Long.parseLong(p[2]), p[3]);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String crc(String s) {
    CRC32 c = new CRC32();
    c.update(s.getBytes(StandardCharsets.UTF_8));
    // "%08x" by hand: String.format's parsing was most of the marks thread's garbage per line.
    String hex = Long.toHexString(c.getValue());
    return hex.length() == 8 ? hex : "0".repeat(8 - hex.length()) + hex;
  }

  private static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }

  /** Replaces {@code file} with exactly {@code marks}, atomically (write, fsync, rename). */
  public static void rewrite(Path file, Collection<Mark> marks) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    StringBuilder sb = new StringBuilder(HEADER).append('\n');
    marks.forEach(m -> sb.append(line(m)));
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer b = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
      while (b.hasRemaining()) {
        ch.write(b);
      }
      ch.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    syncDir(file.getParent());
  }

  private static void syncDir(Path dir) {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Not every platform lets a directory be fsynced; the rename is still atomic.
    }
  }

  /** An open marks file for appending; one {@link #append} per journal write batch. */
  public static final class Appender implements AutoCloseable {
    private final FileChannel channel;
    private final boolean fsync;

    private Appender(FileChannel channel, boolean fsync) {
      this.channel = channel;
      this.fsync = fsync;
    }

    /** Opens {@code file} for appending (each append fsynced), writing the header when it is new. */
    public static Appender open(Path file) throws IOException {
      return open(file, true);
    }

    /**
     * As {@link #open(Path)}; {@code fsync} follows the journal's own {@code fsync} setting (a mark
     * synced ahead of unsynced events would claim what a crash can lose).
     */
    public static Appender open(Path file, boolean fsync) throws IOException {
      boolean fresh = !Files.exists(file) || Files.size(file) == 0;
      FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.APPEND);
      Appender a = new Appender(ch, fsync);
      if (fresh) {
        a.write(HEADER + "\n");
        ch.force(false);
        syncDir(file.toAbsolutePath().getParent());
      }
      return a;
    }

    /** Appends one line per mark and fsyncs once. */
    public void append(Collection<Mark> marks) throws IOException {
      if (marks.isEmpty()) {
        return;
      }
      StringBuilder sb = new StringBuilder();
      marks.forEach(m -> sb.append(line(m)));
      write(sb.toString());
      if (fsync) {
        channel.force(false);
      }
    }

    private void write(String s) throws IOException {
      ByteBuffer b = ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
      while (b.hasRemaining()) {
        channel.write(b);
      }
    }

    @Override
    public void close() throws IOException {
      channel.close();
    }
  }
}
