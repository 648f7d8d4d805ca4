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
  void thePollersShareOfTheRateBudgetComesFromConfigurationAndAShareOutsideZeroToOneIsRefused() {
    SupervisorSettings s = SupervisorSettings.fromConfig(ConfigFactory.parseString(
        "kis-trader.supervisor.market-poll { budget-share = 0.25, min-interval = 3s }"));
    assertEquals(new PollSchedule.Budget(0.25, Duration.ofSeconds(3)), s.polling());
    assertEquals(PollSchedule.Budget.DEFAULT, SupervisorSettings.fromConfig(ConfigFactory.empty()).polling());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SupervisorSettings.fromConfig(
        ConfigFactory.parseString("kis-trader.supervisor.market-poll.budget-share = 2")));
    assertTrue(e.getMessage().contains("budget-share"), e.getMessage());
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

  @Test
  void degradedTriggersComeFromConfigurationWhereSet() {
    SupervisorSettings s = SupervisorSettings.fromConfig(ConfigFactory.parseString(
        "kis-trader.supervisor { degraded-throttled = 7, degraded-throttled-calm = 3s,"
            + " degraded-missed-notices-within = 2m }"));
    assertEquals(new SupervisorSettings.Trouble(7, SupervisorSettings.THROTTLED_DEFAULT.window(), Duration.ofSeconds(3)),
        s.throttled());
    assertEquals(new SupervisorSettings.Trouble(SupervisorSettings.MISSED_NOTICES_DEFAULT.limit(), Duration.ofMinutes(2),
        SupervisorSettings.MISSED_NOTICES_DEFAULT.calm()), s.missedNotices());
    assertThrows(IllegalArgumentException.class, () -> SupervisorSettings.fromConfig(
        ConfigFactory.parseString("kis-trader.supervisor.degraded-missed-notices = 0")));
  }

  @Test
  void theStreamWatchdogIsOnByDefaultAndTakesItsKeysFromTheSupervisorBlock() {
    assertEquals(AdaptiveStaleness.DEFAULTS, SupervisorSettings.fromConfig(ConfigFactory.empty()).streams());
    assertTrue(SupervisorSettings.defaults().streams().enabled());
    SupervisorSettings s = SupervisorSettings.fromConfig(ConfigFactory.parseString(
        "kis-trader.supervisor.stream-watchdog { enabled = off, floor = 3s, percentile = 0.95, multiple = 3,"
            + " window = 100, min-gaps = 20 }"));
    assertEquals(new AdaptiveStaleness(false, Duration.ofSeconds(3), 0.95, 3.0, 100, 20), s.streams());
  }

  @Test
  void aStreamWatchdogSettingOutOfRangeIsRefusedNamingIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SupervisorSettings.fromConfig(
        ConfigFactory.parseString("kis-trader.supervisor.stream-watchdog.multiple = 0.5")));
    assertTrue(e.getMessage().contains("kis-trader.supervisor") && e.getMessage().contains("multiple"),
        e.getMessage());
  }
}
