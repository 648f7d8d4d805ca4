package kis.engine.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.iq80.leveldb.DB;
import org.iq80.leveldb.DBIterator;
import org.iq80.leveldb.WriteBatch;
import org.iq80.leveldb.WriteOptions;

/**
 * {@code journal repair}: after a backup copy of the journal and its marks, each damaged agent's
 * journal is cut back to the events that can be proven (contiguous from #1 and, where a mark
 * reaches, equal to it: {@link JournalAudit.Damaged#provable}); the rest is removed from the
 * journal (it stays in the backup), one {@code AgentParked} event is appended so the agent comes
 * up parked, and the marks are rewritten (from the journal as it now is: one mark per id). The operator resumes it after a reconcile has compared
 * its books with the account.
 */
public final class JournalRepair {
  /**
   * What was done to one agent's journal.
   *
   * @param markSeq the highest sequence number its mark says was written (0 without a mark): past
   *     {@code kept}, a proven lost tail ({@link RepairProofs})
   */
  public record Repaired(String persistenceId, long kept, long dropped, long parkedAt, long markSeq,
      List<String> problems) {}

  /** The whole repair: where the backup is and each agent repaired. */
  public record Outcome(Path backup, List<Repaired> repaired) {}

  private JournalRepair() {}

  /** Copies the journal dir and its marks file to a new dir next to them, before anything is opened. */
  public static Path backup(Path journalDir, Clock clock) throws IOException {
    String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(clock.getZone()).format(clock.instant());
    Path target = journalDir.toAbsolutePath().resolveSibling(journalDir.getFileName() + ".backup-" + stamp);
    int n = 1;
    while (Files.exists(target)) {
      target = journalDir.toAbsolutePath().resolveSibling(journalDir.getFileName() + ".backup-" + stamp + "-" + n++);
    }
    Files.createDirectories(target.resolve("journal"));
    try (Stream<Path> files = Files.list(journalDir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(f) && !f.getFileName().toString().equals("LOCK")) {
          Files.copy(f, target.resolve("journal").resolve(f.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
    Path marks = JournalMarks.fileFor(journalDir);
    if (Files.exists(marks)) {
      Files.copy(marks, target.resolve(marks.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
    }
    return target;
  }

  /**
   * Repairs the damaged agents among {@code verdicts} (all of them, or only {@code onlyPid});
   * {@code parkedEvent} serializes the {@code AgentParked} event stored at a sequence number.
   * The journal must not be open elsewhere.
   */
  static List<Repaired> repair(RawJournal raw, Map<String, JournalAudit.Verdict> verdicts, String onlyPid,
      ParkedEvent parkedEvent) throws IOException {
    List<Repaired> out = new ArrayList<>();
    Map<String, JournalMarks.Mark> marks = new TreeMap<>();
    Path journalDir = raw.dir();
    DB db = raw.db();
    {
      Map<String, Integer> ids = raw.ids();
      for (JournalAudit.Verdict v : verdicts.values()) {
        if (v instanceof JournalAudit.Sound s) {
          marks.put(s.persistenceId(), s.mark());
          continue;
        }
        JournalAudit.Damaged d = (JournalAudit.Damaged) v;
        if (onlyPid != null && !onlyPid.equals(d.persistenceId())) {
          d.mark().ifPresent(m -> marks.put(m.persistenceId(), m)); // left as it was: still damaged
          continue;
        }
        int nid = ids.containsKey(d.persistenceId()) ? ids.get(d.persistenceId()) : newId(db, ids, d.persistenceId());
        long dropped = cut(db, nid, d.provable());
        long parkedAt = d.provable() + 1;
        String reason = "journal repaired: events after #" + d.provable() + " could not be proven (" + dropped
            + " removed, kept in the backup); resume after a reconcile has compared the books with the account";
        byte[] bytes = parkedEvent.bytes(d.persistenceId(), parkedAt, reason);
        try (WriteBatch b = db.createWriteBatch()) {
          b.put(RawJournal.key(nid, parkedAt, 0), bytes);
          b.put(RawJournal.key(nid, 0, 0), ByteBuffer.allocate(8).putLong(parkedAt).array());
          db.write(b, new WriteOptions().sync(true));
        }
        EventChain chain = EventChain.empty();
        raw.scan(nid, e -> chain.add(e.sequenceNr(), e.bytes()));
        if (chain.seq() != parkedAt) {
          throw new IOException(d.persistenceId() + ": after the repair the journal ends at #" + chain.seq()
              + ", expected #" + parkedAt);
        }
        marks.put(d.persistenceId(), new JournalMarks.Mark(d.persistenceId(), chain.seq(), chain.hex()));
        out.add(new Repaired(d.persistenceId(), d.provable(), dropped, parkedAt,
            d.mark().map(JournalMarks.Mark::seq).orElse(0L), d.problems()));
      }
    }
    JournalMarks.rewrite(JournalMarks.fileFor(journalDir), marks.values());
    return out;
  }

  /** Serializes the parking event as Pekko's journal stores it. */
  @FunctionalInterface
  public interface ParkedEvent {
    byte[] bytes(String persistenceId, long sequenceNr, String reason) throws IOException;
  }

  /** Removes every key of {@code nid} past {@code keep}; returns how many events went. */
  private static long cut(DB db, int nid, long keep) throws IOException {
    long n = 0;
    try (DBIterator it = db.iterator(); WriteBatch b = db.createWriteBatch()) {
      it.seek(RawJournal.key(nid, keep + 1, 0));
      while (it.hasNext()) {
        Map.Entry<byte[], byte[]> e = it.next();
        ByteBuffer k = ByteBuffer.wrap(e.getKey());
        if (e.getKey().length != 20 || k.getInt() != nid) {
          break;
        }
        b.delete(e.getKey());
        n++;
      }
      db.write(b, new WriteOptions().sync(true));
    } catch (RuntimeException e) {
      throw new IOException("cutting the journal failed: " + e.getMessage(), e);
    }
    return n;
  }

  /** Maps a persistence id whose mapping was lost to a fresh numeric id, as Pekko would. */
  private static int newId(DB db, Map<String, Integer> ids, String pid) {
    int nid = ids.values().stream().mapToInt(Integer::intValue).max().orElse(9) + 1;
    db.put(RawJournal.key(1, 0, nid), pid.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        new WriteOptions().sync(true));
    ids.put(pid, nid);
    return nid;
  }

}
