package kis.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Optional;
import kis.engine.journal.EngineConfig;
import org.junit.jupiter.api.Test;

/** The gate checks a configuration once per object: {@code run} and the start it calls both ask. */
class ConfigGateTest {
  private static Config shipped() {
    return EngineConfig.load(Optional.empty(), Optional.empty());
  }

  private static Config misspelt() {
    return ConfigFactory.parseString("kis-trader.reconcile-evry = 30s").withFallback(shipped()).resolve();
  }

  @Test
  void theShippedSchemaIsDerivedOncePerJvm() {
    assertSame(ConfigSchema.shipped(), ConfigSchema.shipped());
  }

  @Test
  void aConfigurationRefusedByRunIsRefusedAgainByTheStartWithTheSameProblems() {
    Config bad = misspelt();
    StringWriter printed = new StringWriter();
    assertTrue(ConfigGate.refuses(bad, "run", new PrintWriter(printed)));
    InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> ConfigGate.require(bad, "run"));
    assertTrue(e.getMessage().contains("kis-trader.reconcile-evry"), e.getMessage());
    assertSame(ConfigGate.problems(bad), ConfigGate.problems(bad));
  }

  @Test
  void anotherConfigurationIsCheckedAfreshNotGivenTheLastVerdict() {
    Config good = shipped();
    assertFalse(ConfigGate.refuses(good, "run", new PrintWriter(new StringWriter())));
    // A different object after a clean one: its own problems, not the clean verdict.
    assertEquals("kis-trader.reconcile-evry", ConfigGate.problems(misspelt()).get(0).path());
    assertEquals(java.util.List.of(), ConfigGate.problems(good));
  }
}
