package kis.engine.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The marks file: what survives a torn append, what counts as damage, and the hash chain. */
class JournalMarksTest {
  @TempDir Path dir;

  static final String H1 = "a".repeat(64);
  static final String H2 = "b".repeat(64);

  @Test
  void theLastMarkOfEachIdWinsAndEveryMarkIsKeptInItsHistory() throws IOException {
    Path f = JournalMarks.fileFor(dir.resolve("journal"));
    assertEquals(dir.resolve("journal.marks").toAbsolutePath(), f);
    try (JournalMarks.Appender a = JournalMarks.Appender.open(f)) {
      a.append(List.of(new JournalMarks.Mark("Agent|a", 5, H1), new JournalMarks.Mark("Agent|b", 2, H1)));
      a.append(List.of(new JournalMarks.Mark("Agent|a", 9, H2)));
    }
    JournalMarks.Loaded l = JournalMarks.load(f);
    assertTrue(l.problems().isEmpty(), l.problems().toString());
    assertEquals(new JournalMarks.Mark("Agent|a", 9, H2), l.marks().get("Agent|a"));
    assertEquals(2, l.history().get("Agent|a").size());
    assertEquals(2, l.marks().get("Agent|b").seq());
  }

  @Test
  void aTornLastLineIsIgnoredButADamagedLineBeforeItIsReported() throws IOException {
    Path f = dir.resolve("journal.marks");
    try (JournalMarks.Appender a = JournalMarks.Appender.open(f)) {
      a.append(List.of(new JournalMarks.Mark("Agent|a", 5, H1)));
    }
    Files.writeString(f, "m 1234", StandardCharsets.UTF_8, StandardOpenOption.APPEND); // a crash mid-append
    JournalMarks.Loaded torn = JournalMarks.load(f);
    assertTrue(torn.problems().isEmpty(), torn.problems().toString());
    assertEquals(5, torn.marks().get("Agent|a").seq());

    String text = Files.readString(f).replace("m 1234", "").replace(" 5 ", " 6 "); // a changed digit: CRC fails
    Files.writeString(f, text + JournalMarks.line(new JournalMarks.Mark("Agent|b", 1, H2)));
    JournalMarks.Loaded bad = JournalMarks.load(f);
    assertEquals(1, bad.problems().size(), bad.problems().toString());
    assertFalse(bad.marks().containsKey("Agent|a"));
    assertTrue(bad.marks().containsKey("Agent|b"));
  }

  @Test
  void aLineCountsAsSoundOnlyWithItsCrcSpelledAsEightLowercaseHexDigits() throws IOException {
    Path f = dir.resolve("journal.marks");
    StringBuilder text = new StringBuilder(JournalMarks.HEADER).append('\n');
    java.util.Map<String, String> spellings = new java.util.LinkedHashMap<>();
    for (int i = 0; i < 64; i++) { // enough ids that some CRCs start with a zero digit or hold a-f
      String body = i + " " + H1 + " Agent|id-" + i;
      java.util.zip.CRC32 c = new java.util.zip.CRC32();
      c.update(body.getBytes(StandardCharsets.UTF_8));
      String written = String.format("%08x", c.getValue()); // the spelling every marks file so far holds
      assertEquals("m " + written + " " + body + "\n", JournalMarks.line(new JournalMarks.Mark("Agent|id-" + i, i, H1)));
      String spelled = switch (i % 4) {
        case 0 -> written;
        case 1 -> written.toUpperCase(java.util.Locale.ROOT).equals(written) ? "+" + written.substring(1)
            : written.toUpperCase(java.util.Locale.ROOT); // the same value, not the same text
        case 2 -> written.substring(1); // seven digits
        default -> "0" + written; // nine digits
      };
      spellings.put("Agent|id-" + i, spelled);
      text.append("m ").append(spelled).append(' ').append(body).append('\n');
    }
    Files.writeString(f, text.toString(), StandardCharsets.UTF_8);
    JournalMarks.Loaded l = JournalMarks.load(f);
    assertEquals(48, l.problems().size(), l.problems().toString());
    for (int i = 0; i < 64; i++) {
      assertEquals(i % 4 == 0, l.marks().containsKey("Agent|id-" + i), "Agent|id-" + i + " spelled " + spellings.get("Agent|id-" + i));
    }
  }

  @Test
  void theChainHashChangesWithEveryByteAndSequenceNumber() {
    EventChain a = EventChain.empty();
    EventChain b = EventChain.empty();
    EventChain c = EventChain.empty();
    a.add(1, new byte[] {1, 2, 3});
    b.add(1, new byte[] {1, 2, 2});
    c.add(2, new byte[] {1, 2, 3});
    assertNotEquals(a.hex(), b.hex());
    assertNotEquals(a.hex(), c.hex());
    EventChain resumed = EventChain.resume(a.seq(), a.hex());
    a.add(2, new byte[] {9});
    resumed.add(2, new byte[] {9});
    assertEquals(a.hex(), resumed.hex());
    assertEquals(64, EventChain.EMPTY.length());
  }
}
