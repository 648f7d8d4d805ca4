package kis.engine.journal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Checks every persistence id's journal against its {@link JournalMarks mark}: events contiguous
 * from #1, the journal's own highest sequence number equal to the last event read, no read error,
 * and the {@link EventChain} hash equal to the mark's at the mark's sequence number. Events past
 * the mark (written just before a crash, their mark not yet appended) are accepted and counted.
 * A mark whose persistence id has no events at all is a journal that lost it.
 */
public final class JournalAudit {
  private JournalAudit() {}

  /** The finding for one persistence id. */
  public sealed interface Verdict permits Sound, Damaged {
    String persistenceId();
  }

  /**
   * The journal is whole as far as the mark can tell.
   *
   * @param unmarked events past the mark (0 normally); {@code mark} covers them from now on
   * @param adopted there was no mark at all (a journal from before marks existed): nothing to prove
   */
  public record Sound(String persistenceId, JournalMarks.Mark mark, long unmarked, boolean adopted) implements Verdict {}

  /**
   * The journal does not hold what was written.
   *
   * @param provable the events from #1 that are contiguous, read without error and, where the mark
   *     reaches, consistent with it (what {@code journal repair} keeps)
   */
  public record Damaged(String persistenceId, List<String> problems, long provable, Optional<JournalMarks.Mark> mark)
      implements Verdict {}

  /** Every persistence id in the journal or the marks; {@code progress} hears a line on large journals. */
  public static Map<String, Verdict> audit(RawJournal journal, JournalMarks.Loaded marks, Consumer<String> progress)
      throws RawJournal.ReadFailure {
    Map<String, Integer> ids = journal.ids();
    TreeSet<String> all = new TreeSet<>(ids.keySet());
    all.addAll(marks.marks().keySet());
    all.removeIf(p -> p.startsWith("$$$")); // Pekko's tag ids: copies of events, not books
    Map<String, Verdict> out = new LinkedHashMap<>();
    for (String pid : all) {
      out.put(pid, auditOne(journal, pid, ids.get(pid), marks.history().getOrDefault(pid, List.of()), progress));
    }
    return out;
  }

  static Verdict auditOne(RawJournal journal, String pid, Integer nid, List<JournalMarks.Mark> history,
      Consumer<String> progress) {
    Optional<JournalMarks.Mark> mark = history.isEmpty() ? Optional.empty() : Optional.of(history.get(history.size() - 1));
    List<String> problems = new ArrayList<>();
    if (nid == null) {
      problems.add("the journal has no events for it, the mark says #" + mark.map(JournalMarks.Mark::seq).orElse(0L)
          + " were written (the id mapping or the whole history was lost)");
      return new Damaged(pid, problems, 0, mark);
    }
    Map<Long, String> marked = new HashMap<>();
    history.forEach(m -> marked.put(m.seq(), m.hash())); // a later mark at the same number wins (a repair)
    EventChain chain = EventChain.empty();
    long[] proven = {0};
    boolean[] broken = {false};
    try {
      journal.scan(nid, e -> {
        if (broken[0]) {
          return;
        }
        if (e.sequenceNr() != chain.seq() + 1) {
          problems.add("sequence gap: after #" + chain.seq() + " comes #" + e.sequenceNr()
              + " (" + (e.sequenceNr() - chain.seq() - 1) + " event(s) missing)");
          broken[0] = true;
          return;
        }
        chain.add(e.sequenceNr(), e.bytes());
        String expected = marked.get(e.sequenceNr());
        if (expected != null) {
          if (!expected.equals(chain.hex())) {
            problems.add("events #1..#" + e.sequenceNr() + " differ from what was written (hash " + abbrev(chain.hex())
                + ", the mark says " + abbrev(expected) + "): an event was changed, dropped or added at or before #"
                + e.sequenceNr() + (proven[0] > 0 ? ", after #" + proven[0] : ""));
            broken[0] = true;
            return;
          }
          proven[0] = e.sequenceNr();
        }
        if (e.sequenceNr() % 100_000 == 0) {
          progress.accept(pid + ": " + e.sequenceNr() + " events checked");
        }
      });
    } catch (IOException e) {
      problems.add("read error after #" + chain.seq() + ": " + e.getMessage());
    }
    long read = chain.seq();
    if (mark.isPresent() && !broken[0] && read < mark.get().seq()) {
      problems.add("lost tail: the mark says #" + mark.get().seq() + " was written, the journal ends at #" + read
          + " (" + (mark.get().seq() - read) + " event(s) missing)");
    }
    if (problems.isEmpty()) {
      long highest;
      try {
        highest = journal.highest(nid);
      } catch (RawJournal.ReadFailure e) {
        problems.add(e.getMessage());
        highest = read;
      }
      if (highest != read) {
        problems.add("the journal's highest sequence number is #" + highest + " but its events end at #" + read);
      }
    }
    if (!problems.isEmpty()) {
      // Provable: contiguous from #1 and, where a mark reaches, equal to it. Past a hash mismatch only
      // the last matching mark stands; without one, every contiguous event read.
      boolean mismatch = problems.stream().anyMatch(p -> p.startsWith("events #1.."));
      long provable = mismatch ? proven[0] : read;
      return new Damaged(pid, problems, provable, mark);
    }
    return new Sound(pid, new JournalMarks.Mark(pid, read, chain.hex()), mark.map(m -> read - m.seq()).orElse(0L),
        mark.isEmpty());
  }

  private static String abbrev(String hash) {
    return hash.substring(0, 12);
  }
}
