package kis.engine.journal;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import org.apache.pekko.persistence.SnapshotMetadata;
import org.apache.pekko.persistence.SnapshotSelectionCriteria;

/**
 * Which snapshot files a snapshot directory holds, per persistence id, in the file names Pekko's
 * local snapshot store writes ({@code snapshot-<url-encoded id>-<sequence nr>-<timestamp>}). Built
 * from one listing of the directory and kept current by the store (a file is added once it is
 * renamed into place, removed before it is deleted), so a recovery finds its snapshots without
 * listing the directory: Pekko's store listed and filtered every file of the directory for each
 * agent's load, 100 agents x 200 files on the snapshot store's one actor at every start.
 * Thread-safe: saves and deletes finish on the store's I/O threads.
 */
final class SnapshotIndex {
  private static final String PREFIX = "snapshot-";
  private static final Comparator<SnapshotMetadata> ORDER =
      Comparator.comparingLong(SnapshotMetadata::sequenceNr).thenComparingLong(SnapshotMetadata::timestamp);

  private final ConcurrentHashMap<String, NavigableSet<SnapshotMetadata>> byId = new ConcurrentHashMap<>();

  /** The index of a directory listing ({@code names} as {@code File.list} gives them; null: none). */
  static SnapshotIndex of(String[] names) {
    SnapshotIndex index = new SnapshotIndex();
    if (names != null) {
      for (String name : names) {
        SnapshotMetadata md = parse(name);
        if (md != null) {
          index.add(md);
        }
      }
    }
    return index;
  }

  /** The file name of a snapshot (plus {@code extension}, e.g. ".tmp" while it is written). */
  static String fileName(SnapshotMetadata md, String extension) {
    return PREFIX + URLEncoder.encode(md.persistenceId(), StandardCharsets.UTF_8) + "-" + md.sequenceNr() + "-"
        + md.timestamp() + extension;
  }

  /** The snapshot a file name stands for, or null for any other file (a ".tmp" being written included). */
  static SnapshotMetadata parse(String name) {
    if (!name.startsWith(PREFIX)) {
      return null;
    }
    int lastDash = name.lastIndexOf('-');
    int idEnd = lastDash > PREFIX.length() ? name.lastIndexOf('-', lastDash - 1) : -1;
    if (idEnd <= PREFIX.length()) {
      return null;
    }
    try {
      long seqNr = Long.parseLong(name, idEnd + 1, lastDash, 10);
      long timestamp = Long.parseLong(name, lastDash + 1, name.length(), 10);
      String id = URLDecoder.decode(name.substring(PREFIX.length(), idEnd), StandardCharsets.UTF_8);
      return new SnapshotMetadata(id, seqNr, timestamp);
    } catch (IllegalArgumentException e) { // a number or an escape that does not parse
      return null; // not a snapshot file of this form; Pekko's store skips it as well
    }
  }

  void add(SnapshotMetadata md) {
    byId.computeIfAbsent(md.persistenceId(), id -> new ConcurrentSkipListSet<>(ORDER)).add(md);
  }

  void remove(SnapshotMetadata md) {
    NavigableSet<SnapshotMetadata> set = byId.get(md.persistenceId());
    if (set != null) {
      set.remove(md);
    }
  }

  /**
   * The snapshots of {@code persistenceId} that {@code criteria} selects, oldest first; a
   * {@code timestamp} of 0 in {@code criteria}'s sense is left to {@link SnapshotSelectionCriteria#matches}.
   */
  List<SnapshotMetadata> matching(String persistenceId, SnapshotSelectionCriteria criteria) {
    NavigableSet<SnapshotMetadata> set = byId.get(persistenceId);
    List<SnapshotMetadata> out = new ArrayList<>();
    if (set != null) {
      for (SnapshotMetadata md : set) {
        if (criteria.matches(md)) {
          out.add(md);
        }
      }
    }
    return out;
  }

  /** The snapshots a delete of {@code md} means: its sequence number, and its timestamp unless that is 0. */
  List<SnapshotMetadata> deletedBy(SnapshotMetadata md) {
    NavigableSet<SnapshotMetadata> set = byId.get(md.persistenceId());
    List<SnapshotMetadata> out = new ArrayList<>();
    if (set != null) {
      for (SnapshotMetadata s : set) {
        if (s.sequenceNr() == md.sequenceNr() && (md.timestamp() == 0L || s.timestamp() == md.timestamp())) {
          out.add(s);
        }
      }
    }
    return out;
  }
}
