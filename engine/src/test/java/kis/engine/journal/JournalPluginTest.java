package kis.engine.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which writer {@code kis-trader.journal.group-commit} gives the engine's LevelDB journal, as {@code run} loads it. */
class JournalPluginTest {
  private static final String PEKKO = "org.apache.pekko.persistence.journal.leveldb.LeveldbJournal";

  private static String journalClass(Path dir, String overrides) throws IOException {
    Path file = Files.writeString(dir.resolve("over.conf"), overrides);
    Config c = EngineConfig.load(Optional.of(file), Optional.of(dir.resolve("data")));
    return c.getString(JournalPlugin.CLASS_KEY);
  }

  @Test
  void theShippedConfigurationJournalsThroughGroupCommit(@TempDir Path dir) throws IOException {
    assertEquals(GroupCommitLeveldbJournal.class.getName(), journalClass(dir, ""));
  }

  @Test
  void groupCommitOffKeepsTheWriterThatFsyncsEachWriteRequest(@TempDir Path dir) throws IOException {
    assertEquals(MarkedLeveldbJournal.class.getName(), journalClass(dir, "kis-trader.journal.group-commit = off"));
  }

  @Test
  void aJournalClassConfiguredOnPurposeIsKeptWithGroupCommitOn(@TempDir Path dir) throws IOException {
    assertEquals(PEKKO, journalClass(dir, "pekko.persistence.journal.leveldb.class = \"" + PEKKO + "\""));
  }
}
