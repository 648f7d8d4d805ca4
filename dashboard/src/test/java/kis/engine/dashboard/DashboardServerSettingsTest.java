package kis.engine.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class DashboardServerSettingsTest {
  static final ActorTestKit testKit = ActorTestKit.create();

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  @Test
  void theServerWaitsLongerThanTheLongestControlInsteadOfPekkosTwentySeconds() {
    long seconds = (long) DashboardServer.serverSettings(testKit.system()).getTimeouts().requestTimeout()
        .toUnit(TimeUnit.SECONDS);
    assertEquals(75, seconds, "a reconcile or shutdown control may take its own 60 s before it answers");
  }
}
