package kis.actors.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import kis.actors.agent.GenerationStore;
import kis.journal.AgentId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data dir written before the generation store existed keeps its fresh starts: the single node's
 * store reads the old properties file as it is, and moves on from the generation found there.
 */
class AgentGenerationsStoreTest {
  static final AgentId DEMO = new AgentId("demo-1");
  static final AgentId OTHER = new AgentId("band-1");

  @TempDir
  Path dataDir;

  /** Exactly what the engine wrote before (Properties.store: a comment, a date, one line per agent). */
  private Path oldFile() throws Exception {
    Path f = dataDir.resolve("agent-generations.properties");
    Files.writeString(f, "#agent journal generations (fresh starts)\n#Sat Nov 28 09:12:44 KST 2026\ndemo-1=2\n",
        StandardCharsets.ISO_8859_1);
    return f;
  }

  @Test
  void anOldDataDirsGenerationsAreReadThroughTheStore() throws Exception {
    GenerationStore store = AgentGenerations.at(oldFile());
    // The file store does not spawn anything: no actor context is needed.
    GenerationStore.Generation demo = store.open(null, DEMO);
    int n = demo.current().toCompletableFuture().get();
    assertEquals(2, n);
    assertEquals(new AgentId("demo-1.g2"), GenerationStore.journalId(DEMO, n));
    assertEquals(0, store.open(null, OTHER).current().toCompletableFuture().get());
    assertEquals(OTHER, GenerationStore.journalId(OTHER, 0));
  }

  @Test
  void aFreshStartThroughTheStoreMovesOnFromTheOldGenerationAndSurvivesARestart() throws Exception {
    Path f = oldFile();
    assertEquals(3, AgentGenerations.at(f).open(null, DEMO).next("operator").toCompletableFuture().get());
    AgentGenerations restarted = AgentGenerations.at(f);
    assertEquals(new AgentId("demo-1.g3"), restarted.current(DEMO));
    assertEquals(OTHER, restarted.current(OTHER));
  }
}
