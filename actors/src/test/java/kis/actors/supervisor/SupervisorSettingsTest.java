package kis.actors.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SupervisorSettingsTest {

  @Test
  void watchdogLimitsComeFromConfigurationWhereSet() {
    SupervisorSettings s = SupervisorSettings.fromConfig(ConfigFactory.parseString(
        "kis-trader.supervisor { stale-without-frames = 3s, watchdog-every = 500ms }"));
    assertEquals(Duration.ofSeconds(3), s.watchdog().heartbeatSilence());
    assertEquals(Duration.ofMillis(500), s.watchdogInterval());
    assertEquals(SupervisorSettings.defaults().watchdog().tradeSilence(), s.watchdog().tradeSilence(),
        "an unset limit keeps its default");
  }

  @Test
  void withoutASupervisorBlockTheDefaultsApply() {
    assertEquals(SupervisorSettings.defaults(), SupervisorSettings.fromConfig(ConfigFactory.empty()));
  }

  @Test
  void aNonPositiveLimitIsRefusedNamingTheBlock() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SupervisorSettings.fromConfig(
        ConfigFactory.parseString("kis-trader.supervisor.stale-without-frames = 0s")));
    assertTrue(e.getMessage().contains("kis-trader.supervisor"), e.getMessage());
  }
}
