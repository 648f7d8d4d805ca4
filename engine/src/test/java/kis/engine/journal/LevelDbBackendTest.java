package kis.engine.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.iq80.leveldb.CompressionType;
import org.iq80.leveldb.DB;
import org.iq80.leveldb.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kis-trader.journal.native} picks the journal's LevelDB, and a journal written by either
 * LevelDB is read by the other: the two share one on-disk format, Snappy-compressed tables included.
 */
class LevelDbBackendTest {
  @TempDir Path dir;

  private static Config conf(String hocon) {
    return ConfigFactory.parseString(hocon);
  }

  @Test
  void offAndOnForceTheBackendAndSetPekkosJournalAccordingly() {
    assertEquals(LevelDbBackend.JAVA, LevelDbBackend.chosen(conf("kis-trader.journal.native = off")));
    assertEquals(LevelDbBackend.NATIVE, LevelDbBackend.chosen(conf("kis-trader.journal.native = on")));
    Config off = LevelDbBackend.configure(conf("kis-trader.journal.native = off"));
    assertFalse(off.getBoolean("pekko.persistence.journal.leveldb.native"));
    assertEquals(LevelDbBackend.JAVA, LevelDbBackend.of(off));
    assertTrue(LevelDbBackend.configure(conf("kis-trader.journal.native = on"))
        .getBoolean("pekko.persistence.journal.leveldb.native"));
  }

  @Test
  void autoIsNativeExactlyWhenItsLibraryLoadsHere() {
    LevelDbBackend auto = LevelDbBackend.chosen(conf("kis-trader.journal.native = auto"));
    assertEquals(LevelDbBackend.NativeLevelDb.unavailable().isEmpty() ? LevelDbBackend.NATIVE : LevelDbBackend.JAVA,
        auto);
    assertEquals(auto, LevelDbBackend.chosen(ConfigFactory.empty()), "auto is the default");
  }

  @Test
  void theEnginesConfigurationDefaultsToAutoAndHonoursTheKey() {
    Config c = EngineConfig.load(Optional.empty(), Optional.of(dir));
    assertEquals("auto", c.getString(LevelDbBackend.KEY));
    System.setProperty(LevelDbBackend.KEY, "off");
    ConfigFactory.invalidateCaches(); // system properties are cached
    try {
      assertEquals(LevelDbBackend.JAVA, LevelDbBackend.of(EngineConfig.load(Optional.empty(), Optional.of(dir))));
    } finally {
      System.clearProperty(LevelDbBackend.KEY);
      ConfigFactory.invalidateCaches();
    }
  }

  @Test
  void aMisspeltModeIsRefusedNamingTheKey() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> LevelDbBackend.chosen(conf("kis-trader.journal.native = maybe")));
    assertTrue(e.getMessage().contains(LevelDbBackend.KEY) && e.getMessage().contains("auto, on or off"),
        e.getMessage());
  }

  @Test
  void aJournalWrittenByTheNativeLevelDbIsReadByTheJavaOne() throws IOException {
    roundTrip(LevelDbBackend.NATIVE, LevelDbBackend.JAVA);
  }

  @Test
  void aJournalWrittenByTheJavaLevelDbIsReadByTheNativeOne() throws IOException {
    roundTrip(LevelDbBackend.JAVA, LevelDbBackend.NATIVE);
  }

  /**
   * Enough compressible data that both the write-ahead log and Snappy-compressed table files are on
   * disk (a reopen turns the log into a table), read back by the other implementation.
   */
  private void roundTrip(LevelDbBackend writer, LevelDbBackend reader) throws IOException {
    org.junit.jupiter.api.Assumptions.assumeTrue(LevelDbBackend.NativeLevelDb.unavailable().isEmpty(),
        "needs the native LevelDB: " + LevelDbBackend.NativeLevelDb.unavailable().orElse(""));
    Path db = dir.resolve("journal");
    Options options = new Options().createIfMissing(true).compressionType(CompressionType.SNAPPY);
    try (DB w = writer.factory().open(db.toFile(), options)) {
      for (int i = 0; i < 3_000; i++) {
        w.put(key(i), value(i));
      }
    }
    try (DB w = writer.factory().open(db.toFile(), options)) {
      for (int i = 3_000; i < 4_000; i++) { // these stay in the log
        w.put(key(i), value(i));
      }
    }
    try (Stream<Path> files = Files.list(db)) {
      assertTrue(files.anyMatch(f -> f.toString().endsWith(".ldb") || f.toString().endsWith(".sst")),
          "a table file was written");
    }
    // Read through one iterator, as the journal's replay does: it holds the database's version, so
    // a compaction the open started (the Java LevelDB turns the log into a table and may merge
    // tables meanwhile) cannot delete a table under it. Point reads do not hold it in
    // org.iq80.leveldb 0.12, and under load one read a table the compaction had just deleted.
    java.util.Map<String, byte[]> read = new java.util.HashMap<>();
    try (DB r = reader.factory().open(db.toFile(), new Options().createIfMissing(false));
        org.iq80.leveldb.DBIterator it = r.iterator()) {
      for (it.seekToFirst(); it.hasNext(); ) {
        java.util.Map.Entry<byte[], byte[]> e = it.next();
        read.put(new String(e.getKey(), StandardCharsets.UTF_8), e.getValue());
      }
    }
    assertEquals(4_000, read.size());
    for (int i = 0; i < 4_000; i++) {
      assertArrayEquals(value(i), read.get(new String(key(i), StandardCharsets.UTF_8)), "key " + i);
    }
  }

  private static byte[] key(int i) {
    return String.format("Agent|a%02d-%08d", i % 7, i).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] value(int i) {
    return ("{\"event\":\"OrderFilled\",\"seq\":" + i + ",\"symbol\":\"005930\",\"price\":71000}")
        .repeat(1 + i % 5).getBytes(StandardCharsets.UTF_8);
  }
}
