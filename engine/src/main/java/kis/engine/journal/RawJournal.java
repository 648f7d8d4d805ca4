package kis.engine.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.iq80.leveldb.DB;
import org.iq80.leveldb.DBIterator;
import org.iq80.leveldb.Options;
import org.iq80.leveldb.ReadOptions;

/**
 * Pekko's LevelDB journal read directly, key by key, with checksums verified: the persistence ids,
 * each one's highest sequence number and its events as stored bytes. Used by the start check and
 * the offline tools instead of Pekko's query stream, whose current-events stage stalls when one
 * event is left at a replay-batch boundary (200 events with the default buffer of 100), and which
 * cannot tell a read error from the end of a journal.
 *
 * <p>Key layout (Pekko {@code LeveldbKey}): 20 bytes, {@code int} numeric id, {@code long}
 * sequence number, {@code int} mapping id; numeric id 1 holds the id mapping (mapping id = numeric
 * id, value = the persistence id), sequence number 0 a persistence id's highest sequence number,
 * mapping id 1 a (legacy) deletion marker.
 */
public final class RawJournal implements AutoCloseable {
  private static final int MAPPING = 1;
  private static final int ID_OFFSET = 10;

  /** One stored event: its key's sequence number and the bytes Pekko wrote for it. */
  public record Stored(long sequenceNr, byte[] bytes) {}

  /** Told each stored event of a persistence id, in key order. */
  public interface Visitor {
    void event(Stored e) throws IOException;
  }

  /** A read failed part-way: LevelDB reported damage (a checksum mismatch, a missing table file). */
  public static final class ReadFailure extends IOException {
    ReadFailure(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final DB db;
  private final Path dir;
  private final boolean owned;

  private RawJournal(DB db, Path dir, boolean owned) {
    this.db = db;
    this.dir = dir;
    this.owned = owned;
  }

  /** Reads a database someone else opened (and closes): the journal plugin's own. */
  static RawJournal over(DB db, Path dir) {
    return new RawJournal(db, dir, false);
  }

  /**
   * Opens an existing journal; never creates one. LevelDB replays its {@code .log} into a table on
   * open, as Pekko's journal would.
   */
  public static RawJournal open(Path journalDir, LevelDbBackend backend) throws LevelDbProbe.JournalUnavailableException {
    if (!Files.isDirectory(journalDir)) {
      throw new LevelDbProbe.JournalUnavailableException("no journal at " + journalDir.toAbsolutePath(), null);
    }
    if (!Files.exists(journalDir.resolve("CURRENT"))) {
      throw new LevelDbProbe.JournalUnavailableException("the journal at " + journalDir.toAbsolutePath()
          + " has no CURRENT file: it is not a LevelDB database, or it was damaged (README \"Damaged journal\")", null);
    }
    try {
      DB db = backend.factory().open(journalDir.toFile(), new Options().createIfMissing(false));
      return new RawJournal(db, journalDir, true);
    } catch (IOException | RuntimeException e) {
      String m = String.valueOf(e.getMessage());
      String why = m.contains("lock") || m.contains("LOCK")
          ? "it is locked by another process (a running kis-trader engine?)" : m;
      throw new LevelDbProbe.JournalUnavailableException("cannot open the journal at " + journalDir.toAbsolutePath()
          + ": " + why, e);
    }
  }

  DB db() {
    return db;
  }

  public Path dir() {
    return dir;
  }

  private ReadOptions reads() {
    return new ReadOptions().verifyChecksums(true).fillCache(false);
  }

  /** Persistence id to numeric id, as the journal maps them. */
  public Map<String, Integer> ids() throws ReadFailure {
    Map<String, Integer> ids = new TreeMap<>();
    try (DBIterator it = db.iterator(reads())) {
      it.seek(key(MAPPING, 0, ID_OFFSET));
      while (it.hasNext()) {
        Map.Entry<byte[], byte[]> e = it.next();
        ByteBuffer k = ByteBuffer.wrap(e.getKey());
        if (e.getKey().length != 20 || k.getInt() != MAPPING) {
          break;
        }
        k.getLong();
        ids.put(new String(e.getValue(), StandardCharsets.UTF_8), k.getInt());
      }
    } catch (IOException | RuntimeException e) {
      throw new ReadFailure("reading the persistence id mapping failed: " + e.getMessage(), e);
    }
    return ids;
  }

  /** The highest sequence number the journal records for numeric id {@code nid} (0 when none). */
  public long highest(int nid) throws ReadFailure {
    // An iterator, not a point read: it pins the version it reads, so a compaction started by the
    // open cannot delete a table under it (org.iq80.leveldb 0.12's get does not, and failed under load).
    byte[] wanted = key(nid, 0, 0);
    try (DBIterator it = db.iterator(reads())) {
      it.seek(wanted);
      if (!it.hasNext()) {
        return 0;
      }
      Map.Entry<byte[], byte[]> e = it.next();
      return java.util.Arrays.equals(e.getKey(), wanted) ? ByteBuffer.wrap(e.getValue()).getLong() : 0;
    } catch (IOException | RuntimeException e) {
      throw new ReadFailure("reading the highest sequence number failed: " + e.getMessage(), e);
    }
  }

  /**
   * Visits the events of numeric id {@code nid} from sequence number 1 in key order, skipping
   * legacy deletion markers' targets as Pekko's replay does.
   *
   * @throws ReadFailure LevelDB reported damage; the events visited so far stand
   */
  public void scan(int nid, Visitor v) throws IOException {
    try (DBIterator it = db.iterator(reads())) {
      it.seek(key(nid, 1, 0));
      while (it.hasNext()) {
        Map.Entry<byte[], byte[]> e = it.next();
        ByteBuffer k = ByteBuffer.wrap(e.getKey());
        if (e.getKey().length != 20 || k.getInt() != nid) {
          break;
        }
        long seq = k.getLong();
        if (k.getInt() == 1) {
          continue; // a deletion marker itself
        }
        if (it.hasNext() && isDeletionOf(it.peekNext().getKey(), nid, seq)) {
          it.next();
          continue;
        }
        v.event(new Stored(seq, e.getValue()));
      }
    } catch (ReadFailure e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ReadFailure("LevelDB reported damage: " + e.getMessage(), e);
    }
  }

  private static boolean isDeletionOf(byte[] key, int nid, long seq) {
    if (key.length != 20) {
      return false;
    }
    ByteBuffer k = ByteBuffer.wrap(key);
    return k.getInt() == nid && k.getLong() == seq && k.getInt() == 1;
  }

  static byte[] key(int nid, long seq, int mapping) {
    return ByteBuffer.allocate(20).putInt(nid).putLong(seq).putInt(mapping).array();
  }

  @Override
  public void close() {
    if (!owned) {
      return;
    }
    try {
      db.close();
    } catch (IOException e) {
      // Closing a read-only use: nothing was written that could be lost.
    }
  }
}
