package kis.engine.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import kis.engine.dashboard.demo.DemoEngine;
import org.junit.jupiter.api.Test;

class AlertSettingsTest {

  @Test
  void defaultsWithoutAnAlertsBlock() {
    AlertSettings s = AlertSettings.fromConfig(ConfigFactory.empty());
    assertEquals(Optional.empty(), s.webhookUrl());
    assertEquals(Duration.ofSeconds(30), s.disconnectAfter());
    assertEquals(10, s.maxPerMinute());
  }

  @Test
  void aConfiguredMonitorPostsToTheWebhook() throws Exception {
    try (AlertReceiver receiver = new AlertReceiver()) {
      AlertSettings s = AlertSettings.fromConfig(ConfigFactory.parseString(
          "kis.alerts { webhook-url = \"" + receiver.url() + "\", disconnect-after = 10s }"));
      MutableClock clock = new MutableClock(Instant.parse("2026-11-24T01:00:00Z"));
      DemoEngine engine = new DemoEngine(clock, 2);
      AlertMonitor monitor = s.monitor(clock);
      engine.setLevel("session", new LevelState("DISCONNECTED", clock.instant(), "REST unreachable"));
      clock.advance(Duration.ofSeconds(10));

      monitor.check(engine.snapshot());

      JsonNode posted = receiver.next();
      assertNotNull(posted, "posted within 10 s");
      assertEquals("DISCONNECTED", posted.get("kind").asText());
      assertEquals("session", posted.get("subject").asText());
    }
  }
}
