package kis.engine.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The journal check {@code run} makes before Pekko opens the journal: a journal that should exist
 * is never created afresh, and every persistence id is {@link JournalAudit audited} against its
 * mark. Damaged agents are reported (the engine starts without them); a damaged journal of the
 * engine's own (the kill switch) or an unreadable id mapping refuses the start. Marks for events
 * written just before a crash, and for journals from before marks existed, are appended here.
 */
public final class JournalGate {
  private JournalGate() {}

  /** The engine must not start on this journal; the message names the data dir and what is wrong. */
  public static final class Refused extends Exception {
    Refused(String message) {
      super(message);
    }
  }

  /** Damaged persistence ids with their problems (empty when every journal is whole). */
  public record Outcome(Map<String, JournalAudit.Damaged> damaged) {}

  /**
   * @param backend the LevelDB the engine's journal runs on ({@link LevelDbBackend#of})
   * @param log told what the check found beyond "all whole" (adopted and advanced marks, damage)
   */
  public static Outcome check(Path dataDir, Path journalDir, LevelDbBackend backend, Consumer<String> log)
      throws Refused {
    Path marksFile = JournalMarks.fileFor(journalDir);
    if (!Files.exists(journalDir.resolve("CURRENT"))) {
      List<String> history = history(journalDir, marksFile);
      if (!history.isEmpty()) {
        throw new Refused("data dir " + dataDir.toAbsolutePath() + " has journal history (" + String.join(", ", history)
            + ") but " + journalDir.toAbsolutePath().resolve("CURRENT") + " is missing: refusing to create a new, empty"
            + " journal over it (LevelDB would delete the old tables). Restore the journal from a backup, or see README"
            + " \"Damaged journal\"");
      }
      return new Outcome(Map.of()); // a first start: Pekko creates the journal
    }
    JournalMarks.Loaded marks;
    try {
      marks = JournalMarks.load(marksFile);
    } catch (IOException e) {
      throw new Refused("cannot read the journal marks " + marksFile + ": " + e.getMessage());
    }
    marks.problems().forEach(p -> log.accept("journal marks: " + p + " (the marks before it still count)"));
    Map<String, JournalAudit.Verdict> verdicts;
    try (RawJournal raw = RawJournal.open(journalDir, backend)) {
      verdicts = JournalAudit.audit(raw, marks, log);
    } catch (LevelDbProbe.JournalUnavailableException e) {
      throw new Refused(e.getMessage());
    } catch (RawJournal.ReadFailure e) {
      throw new Refused("the journal at " + journalDir.toAbsolutePath() + " is unreadable: " + e.getMessage()
          + " (README \"Damaged journal\")");
    }
    Map<String, JournalAudit.Damaged> damaged = new LinkedHashMap<>();
    List<JournalMarks.Mark> newMarks = new ArrayList<>();
    for (JournalAudit.Verdict v : verdicts.values()) {
      if (v instanceof JournalAudit.Damaged d) {
        if (!d.persistenceId().startsWith("Agent|")) {
          throw new Refused("the journal of " + d.persistenceId() + " in " + dataDir.toAbsolutePath() + " is damaged: "
              + String.join("; ", d.problems()) + " (README \"Damaged journal\")");
        }
        damaged.put(d.persistenceId(), d);
        log.accept(d.persistenceId() + ": journal DAMAGED, not started: " + String.join("; ", d.problems()));
      } else if (v instanceof JournalAudit.Sound s && (s.adopted() || s.unmarked() > 0)) {
        newMarks.add(s.mark());
        log.accept(s.persistenceId() + (s.adopted() ? ": no mark yet, marked at #" + s.mark().seq()
            : ": " + s.unmarked() + " event(s) written after the last mark (a crash between the write and its mark),"
                + " marked at #" + s.mark().seq()));
      }
    }
    if (!newMarks.isEmpty()) {
      try (JournalMarks.Appender a = JournalMarks.Appender.open(marksFile)) {
        a.append(newMarks);
      } catch (IOException e) {
        throw new Refused("cannot write the journal marks " + marksFile + ": " + e.getMessage());
      }
    }
    return new Outcome(damaged);
  }

  /** What shows that a journal was here: the marks, LevelDB's own files, snapshots. */
  private static List<String> history(Path journalDir, Path marksFile) {
    List<String> found = new ArrayList<>();
    if (Files.exists(marksFile)) {
      found.add(marksFile.getFileName().toString());
    }
    if (Files.isDirectory(journalDir)) {
      try (Stream<Path> files = Files.list(journalDir)) {
        files.map(p -> p.getFileName().toString())
            .filter(n -> n.endsWith(".sst") || n.endsWith(".ldb") || n.endsWith(".log") || n.startsWith("MANIFEST-"))
            .sorted().limit(5).forEach(n -> found.add("journal/" + n));
      } catch (IOException e) {
        found.add(journalDir.getFileName() + " (unlistable: " + e.getMessage() + ")");
      }
    }
    return found;
  }
}
