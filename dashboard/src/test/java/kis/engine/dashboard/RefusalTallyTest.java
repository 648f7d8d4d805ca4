package kis.engine.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RefusalTallyTest {
  @TempDir Path dir;

  @Test
  void aFloodOfRefusalsWritesTheFirstOfEachReasonAndOneCountPerMinute() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-12-07T00:00:05Z"));
    Path file = dir.resolve("control-audit.jsonl");
    ControlAudit audit = new ControlAudit(clock, file);
    for (int i = 0; i < 10_000; i++) {
      audit.refused(new Operator("mallory"), "kill-switch", ControlRefusal.BAD_TOKEN);
    }
    audit.refused(new Operator("kim"), "reconcile", ControlRefusal.TOKEN_IN_QUERY);
    assertEquals(2, Files.readAllLines(file).size(), "the first of each reason, listed");

    clock.advance(Duration.ofSeconds(50)); // still the same minute
    audit.flushRefusals();
    assertEquals(2, Files.readAllLines(file).size(), "a minute is counted only once it is over");

    clock.advance(Duration.ofSeconds(10));
    audit.flushRefusals();
    List<String> lines = Files.readAllLines(file);
    assertEquals(3, lines.size(), lines.toString());
    var summary = Json.MAPPER.readTree(lines.get(2));
    assertEquals("refused-requests", summary.get("action").asText());
    assertEquals("2026-12-07T00:00:00Z", summary.get("at").asText());
    assertTrue(summary.get("outcome").asText().startsWith("refused: bad token: 9999 more in the minute"),
        summary.toString());
    audit.flushRefusals();
    assertEquals(3, Files.readAllLines(file).size(), "written once");
  }

  @Test
  void aNewMinuteListsTheFirstAgainAndClosingWritesThePendingCount() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-12-07T00:00:00Z"));
    ControlAudit audit = new ControlAudit(clock, null);
    audit.refused(new Operator("a"), "x", ControlRefusal.CROSS_SITE);
    audit.refused(new Operator("a"), "x", ControlRefusal.CROSS_SITE);
    clock.advance(Duration.ofMinutes(1));
    audit.refused(new Operator("b"), "y", ControlRefusal.CROSS_SITE); // closes the first minute on its way
    audit.refused(new Operator("b"), "y", ControlRefusal.CROSS_SITE);
    audit.refused(new Operator("b"), "y", ControlRefusal.CROSS_SITE);
    audit.close();
    List<String> outcomes = audit.recent().stream().map(ControlAudit.Entry::outcome).toList();
    assertEquals(List.of(
        "refused: cross site: 2 more in the minute from 2026-12-07T00:01:00Z (counted, not listed)",
        "refused: cross site",
        "refused: cross site: 1 more in the minute from 2026-12-07T00:00:00Z (counted, not listed)",
        "refused: cross site"), outcomes);
  }
}
