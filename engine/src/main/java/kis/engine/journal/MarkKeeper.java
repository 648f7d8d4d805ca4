package kis.engine.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.iq80.leveldb.DB;

/**
 * A journal writer's {@link JournalMarks high-water marks}: the running {@link EventChain} of every
 * persistence id it writes and the marks file it appends to. {@link #marked} is called by one
 * writer thread, after the events it is told of are in LevelDB; {@link #mark} may be read from any
 * thread.
 *
 * <p>Each commit group gets marks of its own, however many groups one call marks (a marks thread
 * behind its writer marks every group queued meanwhile at once): a repair keeps the events up to the
 * last mark before the damage, so a mark per group lets it keep every group before the damaged one.
 */
final class MarkKeeper implements AutoCloseable {
  /** One event as LevelDB stored it. */
  record Written(String persistenceId, long seq, byte[] bytes) {}

  /** Reads a persistence id's stored events from the journal, to rebuild a chain the writer lost. */
  interface Source {
    void scan(String persistenceId, RawJournal.Visitor visitor) throws IOException;
  }

  private final Map<String, EventChain> chains = new HashMap<>();
  private final Map<String, JournalMarks.Mark> marks = new ConcurrentHashMap<>();
  private final JournalMarks.Appender appender;
  private final Path file;
  private final Source source;

  private MarkKeeper(Path file, JournalMarks.Appender appender, Source source) {
    this.file = file;
    this.appender = appender;
    this.source = source;
  }

  /** Loads the marks of {@code file} and opens it for appending (fsynced when {@code fsync}). */
  static MarkKeeper open(Path file, boolean fsync, Source source) throws IOException {
    MarkKeeper k = new MarkKeeper(file, JournalMarks.Appender.open(file, fsync), source);
    k.marks.putAll(JournalMarks.load(file).marks());
    return k;
  }

  /**
   * The marks file beside a LevelDB journal dir, its parent created first: LevelDB creates the journal
   * dir but not its parent, and the snapshot store may be creating that parent at the same moment
   * ("IO error: .../LOCK: No such file or directory").
   */
  static Path fileBeside(Path journalDir) {
    Path file = JournalMarks.fileFor(journalDir);
    try {
      Files.createDirectories(file.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + file.getParent(), e);
    }
    return file;
  }

  /** The keeper of a running LevelDB journal's marks, scanning that journal to verify them. */
  static MarkKeeper openOver(Path file, boolean fsync, DB leveldb, Path journalDir,
      java.util.function.ToIntFunction<String> numericId) {
    try {
      return open(file, fsync, (pid, v) -> RawJournal.over(leveldb, journalDir).scan(numericId.applyAsInt(pid), v));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot use the journal marks " + file, e);
    }
  }

  Path file() {
    return file;
  }

  Optional<JournalMarks.Mark> mark(String persistenceId) {
    return Optional.ofNullable(marks.get(persistenceId));
  }

  /**
   * Marks {@code groups}, the commit groups in commit order, each in write order: one line per
   * persistence id per group (at the group's last event of it), one append and one fsync for them
   * all. On failure the chains are dropped (rebuilt from LevelDB on the next write) and nothing is
   * marked.
   */
  void marked(List<List<Written>> groups) throws IOException {
    Hold.awaitRelease(file);
    try {
      List<JournalMarks.Mark> lines = new ArrayList<>();
      Map<String, JournalMarks.Mark> latest = new HashMap<>();
      Map<String, JournalMarks.Mark> group = new LinkedHashMap<>();
      for (List<Written> written : groups) {
        group.clear();
        for (Written w : written) {
          EventChain chain = chainFor(w.persistenceId(), w.seq());
          chain.add(w.seq(), w.bytes());
          group.put(w.persistenceId(), new JournalMarks.Mark(w.persistenceId(), chain.seq(), chain.hex()));
        }
        lines.addAll(group.values());
        latest.putAll(group);
      }
      appender.append(lines);
      marks.putAll(latest);
    } catch (IOException | RuntimeException e) {
      chains.clear();
      throw e;
    }
  }

  /**
   * The chain that {@code seq} continues: resumed from the mark, or rebuilt from LevelDB when the
   * mark does not end right before it (events written without a mark, a persistence id new to the
   * marks). A rebuild that contradicts the mark refuses to mark over it.
   */
  private EventChain chainFor(String pid, long seq) {
    EventChain c = chains.get(pid);
    if (c != null && c.seq() == seq - 1) {
      return c;
    }
    JournalMarks.Mark m = marks.get(pid);
    if (c == null && m != null && m.seq() == seq - 1) {
      c = EventChain.resume(m.seq(), m.hash());
    } else {
      c = rebuild(pid, seq - 1, m);
    }
    chains.put(pid, c);
    return c;
  }

  private EventChain rebuild(String pid, long upTo, JournalMarks.Mark mark) {
    EventChain c = EventChain.empty();
    try {
      source.scan(pid, e -> {
        if (e.sequenceNr() <= upTo && e.sequenceNr() == c.seq() + 1) {
          c.add(e.sequenceNr(), e.bytes());
          if (mark != null && e.sequenceNr() == mark.seq() && !mark.hash().equals(c.hex())) {
            throw new IOException(pid + ": the journal differs from its mark at #" + mark.seq());
          }
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (c.seq() != upTo) {
      throw new IllegalStateException(pid + ": the journal ends at #" + c.seq() + ", the next write is #" + (upTo + 1));
    }
    return c;
  }

  @Override
  public void close() throws IOException {
    appender.close();
  }

  /**
   * Holds the marking of one marks file until closed: a test makes the marks thread lag its writer
   * deterministically (the commits made meanwhile queue for it, as under a CPU hog) instead of
   * hoping a hog does. Nothing holds a keeper outside tests: one map lookup per marking.
   */
  static final class Hold implements AutoCloseable {
    private static final Map<Path, CountDownLatch> HELD = new ConcurrentHashMap<>();
    private final Path file;
    private final CountDownLatch released = new CountDownLatch(1);

    private Hold(Path file) {
      this.file = file;
    }

    /** Holds the keeper of {@code marksFile} ({@link JournalMarks#fileFor}) from its next marking on. */
    static Hold of(Path marksFile) {
      Hold h = new Hold(marksFile.toAbsolutePath().normalize());
      if (HELD.putIfAbsent(h.file, h.released) != null) {
        throw new IllegalStateException(marksFile + " is held already");
      }
      return h;
    }

    private static void awaitRelease(Path file) {
      CountDownLatch held = HELD.isEmpty() ? null : HELD.get(file.toAbsolutePath().normalize());
      if (held == null) {
        return;
      }
      try {
        held.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void close() {
      HELD.remove(file, released);
      released.countDown();
    }
  }
}
