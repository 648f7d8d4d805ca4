package kis.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import kis.engine.journal.EngineConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class LogFileTest {
  private static final Logger LOG = LoggerFactory.getLogger("kis.engine.LogFileTest");
  @TempDir Path data;

  private static Config shipped(String overrides) {
    return ConfigFactory.parseString(overrides).withFallback(EngineConfig.load(Optional.empty(), Optional.empty()));
  }

  @Test
  void theLogGoesToTheDataDirBesideTheConsoleUntilTheEngineStops() throws Exception {
    // The journal tools cut a JVM's logging to errors (JournalReader.quietLogs); this logger speaks anyway.
    ((ch.qos.logback.classic.Logger) LOG).setLevel(ch.qos.logback.classic.Level.WARN);
    LogFile log = LogFile.attach(data, shipped("")).orElseThrow();
    Path file = data.resolve("log").resolve("kis-trader.log");
    assertEquals(file.toAbsolutePath(), log.path());
    LOG.warn("order flow open");
    log.close();
    LOG.warn("after the engine stopped");

    // Other engines of the same test JVM may still be logging as they stop: look for this line only.
    List<String> lines = Files.readAllLines(file);
    assertTrue(lines.stream().anyMatch(l -> l.matches(
        "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3} WARN .*LogFileTest.* - order flow open")), String.join("\n", lines));
    assertFalse(lines.stream().anyMatch(l -> l.contains("after the engine stopped")), "detached when the engine stops");
  }

  @Test
  void fileOffKeepsTheConsoleOnly() {
    assertEquals(Optional.empty(), LogFile.attach(data, shipped("kis-trader.log.file = off")));
    assertFalse(Files.exists(data.resolve("log").resolve("kis-trader.log")));
  }

  @Test
  void aSizeThatIsNotOneIsRefusedNamingTheKey() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> LogFile.attach(data, shipped("kis-trader.log.max-file-size = lots")));
    assertTrue(e.getMessage().contains("max-file-size"), e.getMessage());
  }
}
