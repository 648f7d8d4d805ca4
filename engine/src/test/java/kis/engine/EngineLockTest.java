package kis.engine;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import kis.engine.journal.LevelDbProbe;
import org.fusesource.leveldbjni.JniDBFactory;
import org.iq80.leveldb.DB;
import org.iq80.leveldb.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineLockTest {
  @TempDir Path dir;

  @Test
  void aSecondEngineOnTheSameDataDirIsRefusedAtOnceAndMayStartAfterTheFirstStops() throws Exception {
    EngineLock first = EngineLock.acquire(dir);
    try {
      EngineLock.HeldException e = assertThrows(EngineLock.HeldException.class, () -> EngineLock.acquire(dir));
      assertTrue(e.getMessage().contains("in use by another kis-trader"), e.getMessage());
      assertTrue(e.getMessage().contains("pid " + ProcessHandle.current().pid()), e.getMessage());
    } finally {
      first.close();
    }
    EngineLock.acquire(dir).close();
  }

  @Test
  void theJournalProbeFailsFastWhileLevelDbIsHeldAndPassesOnceReleased() throws Exception {
    Path journal = dir.resolve("journal");
    DB held = JniDBFactory.factory.open(journal.toFile(), new Options().createIfMissing(true));
    try {
      LevelDbProbe.JournalUnavailableException e = assertThrows(LevelDbProbe.JournalUnavailableException.class,
          () -> LevelDbProbe.check(journal, true));
      assertTrue(e.getMessage().contains("locked by another process"), e.getMessage());
    } finally {
      held.close();
    }
    LevelDbProbe.check(journal, true);
  }

  @Test
  void theToolsDoNotCreateAJournalThatIsNotThere() {
    LevelDbProbe.JournalUnavailableException e = assertThrows(LevelDbProbe.JournalUnavailableException.class,
        () -> LevelDbProbe.check(dir.resolve("nothing"), false));
    assertTrue(e.getMessage().startsWith("no journal at"), e.getMessage());
  }
}
