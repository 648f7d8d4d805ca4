package kis.engine.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.iq80.leveldb.DB;
import org.iq80.leveldb.Options;

/**
 * Opens and closes the LevelDB journal once before Pekko does. When another process holds the
 * database, Pekko's journal actor fails to start and persistent actors then wait forever; this
 * probe turns that into an immediate, clear error.
 */
public final class LevelDbProbe {
  private LevelDbProbe() {}

  /** The journal cannot be opened: held by another process, or not a journal. */
  public static final class JournalUnavailableException extends Exception {
    JournalUnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * @param create whether a missing journal may be created (the engine) or must exist (the tools)
   */
  public static void check(Path journalDir, boolean create) throws JournalUnavailableException {
    check(journalDir, create, LevelDbBackend.chosen(com.typesafe.config.ConfigFactory.empty()));
  }

  /**
   * @param create whether a missing journal may be created (the engine) or must exist (the tools)
   * @param backend the LevelDB Pekko's journal will open it with
   */
  public static void check(Path journalDir, boolean create, LevelDbBackend backend) throws JournalUnavailableException {
    if (!create && !Files.isDirectory(journalDir)) {
      throw new JournalUnavailableException("no journal at " + journalDir.toAbsolutePath(), null);
    }
    Options options = new Options().createIfMissing(create);
    try (DB db = backend.factory().open(journalDir.toFile(), options)) {
      db.getSnapshot().close();
    } catch (IOException | RuntimeException e) {
      String m = String.valueOf(e.getMessage());
      String why = m.contains("lock") || m.contains("LOCK")
          ? "it is locked by another process (a running kis-trader engine?)"
          : m;
      throw new JournalUnavailableException("cannot open the journal at " + journalDir.toAbsolutePath() + ": " + why, e);
    }
  }
}
