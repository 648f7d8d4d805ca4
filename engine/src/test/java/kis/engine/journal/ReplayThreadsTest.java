package kis.engine.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine journal's replay pool has a thread for every recovery Pekko runs at once, plus the queries'. */
class ReplayThreadsTest {
  @TempDir Path dir;

  @Test
  void theShippedJournalReplaysOnAPoolSizedToTheRecoveriesInFlight() {
    Config c = EngineConfig.load(Optional.empty(), Optional.of(dir));
    assertEquals(ReplayThreads.DISPATCHER, c.getString(ReplayThreads.JOURNAL_DISPATCHER));
    assertEquals(c.getInt(ReplayThreads.RECOVERIES) + ReplayThreads.QUERY_THREADS, c.getInt(ReplayThreads.POOL_SIZE));
    assertEquals(58, c.getInt(ReplayThreads.POOL_SIZE), "conf/application.conf's figure matches its 50 recoveries");
  }

  @Test
  void raisingTheRecoveriesInFlightRaisesThePool() {
    Config c = ReplayThreads.configure(ConfigFactory.parseString(ReplayThreads.RECOVERIES + " = 120")
        .withFallback(EngineConfig.load(Optional.empty(), Optional.of(dir))));
    assertEquals(128, c.getInt(ReplayThreads.POOL_SIZE));
  }

  @Test
  void aDispatcherOfTheUsersOwnIsLeftAsItIs() {
    Config own = ConfigFactory.parseString(ReplayThreads.JOURNAL_DISPATCHER + " = my-replays\n"
        + ReplayThreads.RECOVERIES + " = 120\n" + ReplayThreads.POOL_SIZE + " = 3");
    assertEquals(3, ReplayThreads.configure(own).getInt(ReplayThreads.POOL_SIZE));
  }

  @Test
  void noRecoveriesAtAllIsRefused() {
    Config none = ConfigFactory.parseString(ReplayThreads.RECOVERIES + " = 0")
        .withFallback(EngineConfig.load(Optional.empty(), Optional.of(dir)));
    assertThrows(IllegalArgumentException.class, () -> ReplayThreads.configure(none));
  }
}
