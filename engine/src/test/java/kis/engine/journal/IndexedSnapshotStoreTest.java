package kis.engine.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.pattern.Patterns;
import org.apache.pekko.persistence.Persistence;
import org.apache.pekko.persistence.SelectedSnapshot;
import org.apache.pekko.persistence.SnapshotMetadata;
import org.apache.pekko.persistence.SnapshotProtocol;
import org.apache.pekko.persistence.SnapshotSelectionCriteria;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexedSnapshotStoreTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String ID = "Agent|a-1";

  @TempDir
  Path dir;

  /** A system with Pekko's local store ("pekko-local") and this one ("indexed") on the same directory. */
  private ActorSystem system() {
    String d = dir.toAbsolutePath().toString().replace("\\", "/");
    Config c = ConfigFactory.parseString("""
        pekko.loglevel = OFF
        pekko.persistence.journal.plugin = "pekko.persistence.journal.inmem"
        pekko.persistence.snapshot-store.plugin = "indexed"
        indexed = ${pekko.persistence.snapshot-store.local} { class = "kis.engine.journal.IndexedSnapshotStore", dir = "%s" }
        pekko-local = ${pekko.persistence.snapshot-store.local} { dir = "%s" }
        """.formatted(d, d)).withFallback(ConfigFactory.load()).resolve();
    return ActorSystem.create("snapshots", c);
  }

  private static ActorRef store(ActorSystem s, String id) {
    return Persistence.get(s).snapshotStoreFor(id, ConfigFactory.empty());
  }

  private static Object ask(ActorRef store, Object message) throws Exception {
    return Patterns.ask(store, message, WAIT).toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static void save(ActorRef store, long seqNr, long timestamp, String data) throws Exception {
    Object r = ask(store, new SnapshotProtocol.SaveSnapshot(new SnapshotMetadata(ID, seqNr, timestamp), data));
    assertTrue(r instanceof org.apache.pekko.persistence.SaveSnapshotSuccess, String.valueOf(r));
  }

  private static SelectedSnapshot load(ActorRef store, SnapshotSelectionCriteria criteria) throws Exception {
    Object r = ask(store, new SnapshotProtocol.LoadSnapshot(ID, criteria, Long.MAX_VALUE));
    return ((SnapshotProtocol.LoadSnapshotResult) r).snapshot().getOrElse(() -> null);
  }

  private static void shutdown(ActorSystem s) throws Exception {
    s.terminate();
    s.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** The files, each without its timestamp (the store stamps a save with the time it is taken). */
  private List<String> files() throws Exception {
    try (Stream<Path> f = Files.list(dir)) {
      return f.map(p -> p.getFileName().toString().replaceAll("-[0-9]+$", "")).sorted().toList();
    }
  }

  private Path fileOf(long seqNr) throws Exception {
    try (Stream<Path> f = Files.list(dir)) {
      return f.filter(p -> p.getFileName().toString().contains("-" + seqNr + "-")).findFirst().orElseThrow();
    }
  }

  @Test
  void readsWhatPekkosStoreWroteAndPekkosStoreReadsWhatItWrites() throws Exception {
    ActorSystem s = system();
    try {
      save(store(s, "pekko-local"), 10, 1000, "by pekko");
      save(store(s, "indexed"), 20, 2000, "indexed");
    } finally {
      shutdown(s);
    }
    assertEquals(List.of("snapshot-Agent%7Ca-1-10", "snapshot-Agent%7Ca-1-20"), files());
    ActorSystem again = system();
    try {
      assertEquals("indexed", load(store(again, "pekko-local"), SnapshotSelectionCriteria.latest()).snapshot());
      SelectedSnapshot older = load(store(again, "indexed"), SnapshotSelectionCriteria.create(15, Long.MAX_VALUE));
      assertEquals("by pekko", older.snapshot());
      assertEquals(10, older.metadata().sequenceNr());
    } finally {
      shutdown(again);
    }
  }

  @Test
  void loadsTheNewestSelectedAndFallsBackToAnOlderOneWhenItCannotBeRead() throws Exception {
    ActorSystem s = system();
    try {
      ActorRef store = store(s, "indexed");
      assertNull(load(store, SnapshotSelectionCriteria.latest()));
      save(store, 10, 1000, "ten");
      save(store, 20, 2000, "twenty");
      assertEquals("twenty", load(store, SnapshotSelectionCriteria.latest()).snapshot());
      Files.write(fileOf(20), new byte[] {1, 2, 3});
      assertEquals("ten", load(store, SnapshotSelectionCriteria.latest()).snapshot());
    } finally {
      shutdown(s);
    }
  }

  @Test
  void deletesWhatTheCriteriaSelectAndLoadsNothingDeleted() throws Exception {
    ActorSystem s = system();
    try {
      ActorRef store = store(s, "indexed");
      save(store, 10, 1000, "ten");
      save(store, 20, 2000, "twenty");
      save(store, 30, 3000, "thirty");
      Object r = ask(store, new SnapshotProtocol.DeleteSnapshots(ID, SnapshotSelectionCriteria.create(20, Long.MAX_VALUE)));
      assertTrue(r instanceof org.apache.pekko.persistence.DeleteSnapshotsSuccess, String.valueOf(r));
      assertEquals(List.of("snapshot-Agent%7Ca-1-30"), files());
      r = ask(store, new SnapshotProtocol.DeleteSnapshot(new SnapshotMetadata(ID, 30, 0)));
      assertTrue(r instanceof org.apache.pekko.persistence.DeleteSnapshotSuccess, String.valueOf(r));
      assertEquals(List.of(), files());
      assertNull(load(store, SnapshotSelectionCriteria.latest()));
    } finally {
      shutdown(s);
    }
  }

  @Test
  void fileNamesOfOtherFormsAreNotSnapshots() {
    assertNull(SnapshotIndex.parse("snapshot-Agent%7Ca-1-20-2000.tmp"));
    assertNull(SnapshotIndex.parse("engine.lock"));
    assertNull(SnapshotIndex.parse("snapshot-20-2000"));
    SnapshotMetadata md = SnapshotIndex.parse("snapshot-Agent%7Cbench-000-10000-1796650918729");
    assertEquals("Agent|bench-000", md.persistenceId());
    assertEquals(10000, md.sequenceNr());
    assertEquals(1796650918729L, md.timestamp());
    assertFalse(SnapshotIndex.of(null).matching(ID, SnapshotSelectionCriteria.latest()).iterator().hasNext());
  }
}
