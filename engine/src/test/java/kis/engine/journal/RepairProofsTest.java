package kis.engine.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kis.actors.manager.JournalHealth;
import kis.journal.AgentId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepairProofsTest {
  @TempDir Path data;

  private Path journal() {
    return data.resolve("journal");
  }

  @Test
  void onlyARepairWhoseMarkReachedPastWhatWasKeptIsAProof() {
    Instant at = Instant.parse("2026-12-06T01:00:00Z");
    List<RepairProofs.Proof> proofs = RepairProofs.of(List.of(
        new JournalRepair.Repaired("Agent|a", 40, 0, 41, 57, List.of("lost tail")),
        new JournalRepair.Repaired("Agent|b", 0, 0, 1, 0, List.of("no mark"))), at);
    assertEquals(List.of(new RepairProofs.Proof("Agent|a", at, 40, 57, 0)), proofs);
    assertTrue(proofs.get(0).text().contains("its high-water mark says #57 was written, the journal held #1..#40 whole"
        + " (17 event(s) lost"), proofs.get(0).text());
  }

  @Test
  void recordedProofsAreOwnerOnlyAndTheLatestOfAnAgentWins() throws IOException {
    Instant first = Instant.parse("2026-12-05T01:00:00Z");
    Instant second = Instant.parse("2026-12-06T01:00:00Z");
    RepairProofs.record(journal(), List.of(new RepairProofs.Proof("Agent|a", first, 10, 20, 3)));
    RepairProofs.record(journal(), List.of(new RepairProofs.Proof("Agent|a", second, 30, 35, 0),
        new RepairProofs.Proof("KillSwitch", second, 1, 2, 0)));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
        RepairProofs.fileFor(journal()))));
    List<String> problems = new ArrayList<>();
    Map<String, RepairProofs.Proof> loaded = RepairProofs.load(journal(), problems::add);
    assertEquals(List.of(), problems);
    assertEquals(new RepairProofs.Proof("Agent|a", second, 30, 35, 0), loaded.get("Agent|a"));
    Map<AgentId, JournalHealth.TailProof> agents = RepairProofs.forAgents(loaded);
    assertEquals(List.of(new AgentId("a")), List.copyOf(agents.keySet()), "only agents' journals are booked back");
  }

  @Test
  void aProofIsOfferedOnlyForTheTradingDayOfItsRepairInSeoul() throws IOException {
    // 16:30 UTC is 01:30 the next day in Seoul.
    RepairProofs.record(journal(), List.of(new RepairProofs.Proof("Agent|a", Instant.parse("2026-12-05T16:30:00Z"),
        5, 9, 0)));
    JournalHealth health = new JournalHealth(Map.of(), RepairProofs.forAgents(RepairProofs.load(journal(), p -> {})));
    assertTrue(health.proof(new AgentId("a"), LocalDate.parse("2026-12-06")).orElseThrow()
        .contains("says #9 was written"));
    assertEquals(Optional.empty(), health.proof(new AgentId("a"), LocalDate.parse("2026-12-05")));
    assertEquals(Optional.empty(), health.proof(new AgentId("a"), LocalDate.parse("2026-12-07")));
    assertEquals(Optional.empty(), health.proof(new AgentId("b"), LocalDate.parse("2026-12-06")));
  }

  @Test
  void anUnreadableLineIsSkippedAndSaid() throws IOException {
    RepairProofs.record(journal(), List.of(new RepairProofs.Proof("Agent|a", Instant.parse("2026-12-06T01:00:00Z"),
        5, 9, 0)));
    Files.writeString(RepairProofs.fileFor(journal()), "r garbage\n", java.nio.file.StandardOpenOption.APPEND);
    List<String> problems = new ArrayList<>();
    assertEquals(1, RepairProofs.load(journal(), problems::add).size());
    assertEquals(1, problems.size(), problems.toString());
  }
}
