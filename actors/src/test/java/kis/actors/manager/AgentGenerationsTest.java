package kis.actors.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import kis.actors.reconcile.EarlierOrders;
import kis.journal.AgentId;
import kis.journal.OrderNo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fresh starts' record of the numbers each earlier journal placed, kept across restarts. */
class AgentGenerationsTest {
  static final LocalDate DAY = LocalDate.parse("2026-11-24");
  static final AgentId A = new AgentId("a");

  @Test
  void everyFreshStartRecordsTheNumbersItsJournalLeftBehindAndTheRecordSurvivesARestart(@TempDir Path dir) {
    Path file = dir.resolve("generations.properties");
    AgentGenerations g = AgentGenerations.at(file);
    assertEquals(new AgentId("a.g1"), g.freshStart(A, DAY, List.of(OrderNo.of("0000101"), OrderNo.of("0000102"))));
    assertEquals(new AgentId("a.g2"), g.freshStart(A, DAY, List.of(OrderNo.of("0000150"))));
    assertTrue(Files.exists(file));
    java.util.Properties plain = new java.util.Properties();
    try (var in = Files.newInputStream(file)) {
      plain.load(in);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    assertEquals(Map.of("a", "2"), Map.copyOf(plain), "the generations file keeps one number per agent (migrate reads it)");

    EarlierOrders e = AgentGenerations.at(file).earlierOrders(DAY, List.of(A));

    assertEquals(Map.of(OrderNo.of("0000101"), "a", OrderNo.of("0000102"), "a", OrderNo.of("0000150"), "a.g1"),
        e.byNumber());
    assertTrue(e.isComplete("a.g2"));
    assertTrue(AgentGenerations.at(file).earlierOrders(DAY.plusDays(1), List.of(A)).byNumber().isEmpty(),
        "another day's orders are never listed today");
  }

  @Test
  void aFreshStartWithoutARecordLeavesTheAgentIncompleteAndOneNeverFreshStartedIsComplete() {
    AgentGenerations g = AgentGenerations.inMemory();
    g.freshStart(A);
    g.freshStart(A, DAY, List.of(OrderNo.of("0000150")));

    EarlierOrders e = g.earlierOrders(DAY, List.of(A, new AgentId("b")));

    assertFalse(e.isComplete("a.g2"), "the first fresh start recorded nothing: the heuristics still apply to a");
    assertEquals("a.g1", e.journalOf(OrderNo.of("0000150")).orElseThrow());
    assertTrue(e.isComplete("b"));
  }
}
