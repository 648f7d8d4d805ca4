package kis.engine.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The keeper's marks per commit group: a marks thread behind its writer marks every group queued
 * meanwhile in one call, and each group still gets its own mark, so a repair keeps every group before
 * a damaged one. Files written when one call made one line per persistence id are read and marked on.
 */
class MarkKeeperTest {
  @TempDir Path dir;

  /**
   * A journal with no events: a chain that starts at #1 rebuilds from it as empty; one that would
   * have to be rebuilt past #1 instead of continuing from its mark fails ("the journal ends at #0").
   */
  static final MarkKeeper.Source NO_JOURNAL = (pid, v) -> { };

  static MarkKeeper.Written ev(String pid, long seq) {
    return new MarkKeeper.Written(pid, seq, new byte[] {(byte) seq, (byte) pid.length()});
  }

  /** The chain hash of {@code pid}'s events #1..#upTo as {@link #ev} makes them. */
  static String hashUpTo(String pid, long upTo) {
    EventChain c = EventChain.empty();
    for (long s = 1; s <= upTo; s++) {
      c.add(s, ev(pid, s).bytes());
    }
    return c.hex();
  }

  static List<Long> markedSeqs(Path file, String pid) throws IOException {
    return JournalMarks.load(file).history().get(pid).stream().map(JournalMarks.Mark::seq).toList();
  }

  @Test
  void commitGroupsMarkedInOneCallGetOneLinePerPersistenceIdPerGroup() throws IOException {
    Path file = dir.resolve("journal.marks");
    try (MarkKeeper k = MarkKeeper.open(file, false, NO_JOURNAL)) {
      // Three commits that queued while the marks thread was busy.
      k.marked(List.of(
          List.of(ev("Agent|a", 1), ev("Agent|a", 2), ev("Agent|b", 1)),
          List.of(ev("Agent|a", 3)),
          List.of(ev("Agent|b", 2), ev("Agent|a", 4))));
      assertEquals(4, k.mark("Agent|a").orElseThrow().seq());
    }
    assertEquals(List.of(2L, 3L, 4L), markedSeqs(file, "Agent|a"), "one mark per group, at its last event");
    assertEquals(List.of(1L, 2L), markedSeqs(file, "Agent|b"));
    for (JournalMarks.Mark m : JournalMarks.load(file).history().get("Agent|a")) {
      assertEquals(hashUpTo("Agent|a", m.seq()), m.hash(), "the chain up to #" + m.seq());
    }
    assertEquals(1 + 5, Files.readAllLines(file).size(), "the header and five marks");
  }

  @Test
  void groupsMarkedTogetherWriteTheSameFileAsGroupsMarkedOneByOne() throws IOException {
    List<List<MarkKeeper.Written>> groups = List.of(List.of(ev("Agent|a", 1), ev("Agent|b", 1)),
        List.of(ev("Agent|b", 2)), List.of(ev("Agent|a", 2), ev("Agent|a", 3)));
    Path together = dir.resolve("together.marks");
    Path oneByOne = dir.resolve("one-by-one.marks");
    try (MarkKeeper k = MarkKeeper.open(together, false, NO_JOURNAL)) {
      k.marked(groups);
    }
    try (MarkKeeper k = MarkKeeper.open(oneByOne, false, NO_JOURNAL)) {
      for (List<MarkKeeper.Written> g : groups) {
        k.marked(List.of(g));
      }
    }
    assertEquals(Files.readString(oneByOne), Files.readString(together));
  }

  /** Before marks per group, a lagging marks thread wrote one line for all the groups it marked at once. */
  @Test
  void aMarksFileWithOneLineForSeveralGroupsIsReadAndMarkedOn() throws IOException {
    Path file = dir.resolve("journal.marks");
    try (JournalMarks.Appender old = JournalMarks.Appender.open(file, false)) {
      old.append(List.of(new JournalMarks.Mark("Agent|a", 5, hashUpTo("Agent|a", 5))));
      old.append(List.of(new JournalMarks.Mark("Agent|a", 15, hashUpTo("Agent|a", 15)))); // #6..#10 and #11..#15
    }
    try (MarkKeeper k = MarkKeeper.open(file, false, NO_JOURNAL)) {
      assertEquals(15, k.mark("Agent|a").orElseThrow().seq());
      k.marked(List.of(List.of(ev("Agent|a", 16)), List.of(ev("Agent|a", 17))));
    }
    JournalMarks.Loaded loaded = JournalMarks.load(file);
    assertTrue(loaded.problems().isEmpty(), loaded.problems().toString());
    assertEquals(List.of(5L, 15L, 16L, 17L), markedSeqs(file, "Agent|a"));
    assertEquals(hashUpTo("Agent|a", 17), loaded.marks().get("Agent|a").hash(), "the chain went on from the old mark");
  }

  @Test
  void aHeldKeeperMarksNothingUntilReleased() throws Exception {
    Path file = dir.resolve("journal.marks");
    try (MarkKeeper k = MarkKeeper.open(file, false, NO_JOURNAL)) {
      Thread marks;
      try (MarkKeeper.Hold hold = MarkKeeper.Hold.of(file)) {
        marks = new Thread(() -> {
          try {
            k.marked(List.of(List.of(ev("Agent|a", 1))));
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
        marks.start();
        marks.join(50); // bounded: it must still be held, whatever the load
        assertTrue(marks.isAlive(), "held");
        assertTrue(k.mark("Agent|a").isEmpty());
      }
      marks.join();
      assertEquals(1, k.mark("Agent|a").orElseThrow().seq());
    }
  }
}
