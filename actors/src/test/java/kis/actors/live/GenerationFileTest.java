package kis.actors.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import kis.actors.agent.GenerationStore;
import kis.actors.reconcile.EarlierOrders;
import kis.journal.AgentId;
import kis.journal.OrderNo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The single node's generation store: a data dir written by any earlier version keeps its fresh
 * starts (the old properties files are read as they are), and every fresh start records the
 * numbers its journal left behind, which the desk turns into the reconciler's earlier orders.
 */
class GenerationFileTest {
  static final AgentId DEMO = new AgentId("demo-1");
  static final AgentId OTHER = new AgentId("band-1");
  static final LocalDate DAY = LocalDate.parse("2026-11-24");

  @TempDir
  Path dataDir;

  /** Exactly what the engine wrote before (Properties.store: a comment, a date, one line per agent). */
  private void oldFiles() throws Exception {
    Files.writeString(dataDir.resolve("agent-generations.properties"),
        "#agent journal generations (fresh starts)\n#Sat Nov 28 09:12:44 KST 2026\ndemo-1=2\n",
        StandardCharsets.ISO_8859_1);
    Files.writeString(dataDir.resolve("agent-generations-left-behind.properties"),
        "#numbers of the day's orders each fresh start left behind\n#Sat Nov 28 09:12:44 KST 2026\n"
            + "demo-1.g2.left-behind=2026-11-24\\:0000101,0000102\n",
        StandardCharsets.ISO_8859_1);
  }

  @Test
  void anOldDataDirsGenerationsAndRecordsAreReadThroughTheStore() throws Exception {
    oldFiles();
    GenerationStore store = GenerationFile.in(dataDir);
    // The file store does not spawn anything: no actor context is needed.
    GenerationStore.Generation demo = store.open(null, DEMO);
    int n = demo.current().toCompletableFuture().get();
    assertEquals(2, n);
    assertEquals(new AgentId("demo-1.g2"), GenerationStore.journalId(DEMO, n));
    assertEquals(List.of(new GenerationStore.LeftBehind(2, DAY, List.of(OrderNo.of("0000101"), OrderNo.of("0000102")))),
        demo.leftBehind().toCompletableFuture().get(), "generation 1 was moved to without a record");
    assertEquals(0, store.open(null, OTHER).current().toCompletableFuture().get());
  }

  @Test
  void aFreshStartMovesOnFromTheOldGenerationRecordsItsNumbersAndSurvivesARestart() throws Exception {
    oldFiles();
    assertEquals(3, GenerationFile.in(dataDir).open(null, DEMO).next("operator", DAY, List.of(OrderNo.of("0000150")))
        .toCompletableFuture().get());
    GenerationFile restarted = GenerationFile.in(dataDir);
    assertEquals(new AgentId("demo-1.g3"), restarted.current(DEMO));
    assertEquals(OTHER, restarted.current(OTHER));
    java.util.Properties plain = new java.util.Properties();
    try (var in = Files.newInputStream(dataDir.resolve("agent-generations.properties"))) {
      plain.load(in);
    }
    assertEquals(Map.of("demo-1", "3"), Map.copyOf(plain), "one number per agent (journal migrate reads it)");

    List<GenerationStore.LeftBehind> records = restarted.open(null, DEMO).leftBehind().toCompletableFuture().get();
    EarlierOrders e = AccountDesk.earlierOrders(Map.of(DEMO, restarted.current(DEMO)), Map.of(DEMO, records), DAY);
    assertEquals(Map.of(OrderNo.of("0000101"), "demo-1.g1", OrderNo.of("0000102"), "demo-1.g1",
        OrderNo.of("0000150"), "demo-1.g2"), e.byNumber());
    assertTrue(!e.isComplete("demo-1.g3"), "the move to generation 1 recorded nothing: the heuristics still apply");
    assertTrue(AccountDesk.earlierOrders(Map.of(DEMO, restarted.current(DEMO)), Map.of(DEMO, records), DAY.plusDays(1))
        .byNumber().isEmpty(), "another day's orders are never listed today");
  }
}
