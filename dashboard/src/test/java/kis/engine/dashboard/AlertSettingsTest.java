package kis.engine.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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

  @Test
  void aFillAndTheKillSwitchReachATelegramChatInItsFormat() throws Exception {
    try (AlertReceiver telegram = new AlertReceiver()) {
      AlertSettings s = AlertSettings.fromConfig(ConfigFactory.parseString(
          "kis.alerts.telegram { chat-id = \"777\", bot-token = \"9:tok\", api-url = \"" + telegram.base() + "\" }"));
      MutableClock clock = new MutableClock(Instant.parse("2026-11-24T01:00:00Z"));
      DemoEngine engine = new DemoEngine(clock, 2);
      AlertMonitor monitor = s.monitor(clock);
      monitor.check(engine.snapshot());

      engine.fill("samsung-mr", kis.journal.Side.SELL, 5, 71_100);
      monitor.check(engine.snapshot());
      AlertReceiver.Posted fill = telegram.nextPost();
      assertNotNull(fill, "the fill reached the chat");
      assertEquals("/bot9:tok/sendMessage", fill.path());
      assertEquals("777", fill.body().get("chat_id").asText());
      assertTrue(fill.body().get("text").asText().contains("FILL samsung-mr/"), fill.body().toString());
      assertTrue(fill.body().get("text").asText().contains("sold 5 005930 at 71,100 won"), fill.body().toString());

      engine.killSwitchOn(new Operator("ops"), "too much loss");
      monitor.check(engine.snapshot());
      AlertReceiver.Posted kill = telegram.nextPost();
      assertNotNull(kill, "the kill switch reached the chat");
      assertTrue(kill.body().get("text").asText().contains("KILL_SWITCH engine: kill switch engaged by ops: too much loss"),
          kill.body().toString());
    }
  }

  @Test
  void onlyTheKindsListedInSendAreDeliveredButEveryKindIsRaised() throws Exception {
    try (AlertReceiver hook = new AlertReceiver()) {
      AlertSettings s = AlertSettings.fromConfig(ConfigFactory.parseString(
          "kis.alerts { webhook-url = \"" + hook.url() + "\", send = [KILL_SWITCH] }"));
      MutableClock clock = new MutableClock(Instant.parse("2026-11-24T01:00:00Z"));
      DemoEngine engine = new DemoEngine(clock, 2);
      AlertMonitor monitor = s.monitor(clock);
      monitor.check(engine.snapshot());
      engine.fill("samsung-mr", kis.journal.Side.SELL, 5, 71_100);
      assertEquals(List.of(Alert.Kind.FILL), monitor.check(engine.snapshot()).stream().map(Alert::kind).toList());
      engine.killSwitchOn(new Operator("ops"), "stop");
      monitor.check(engine.snapshot());

      assertEquals("KILL_SWITCH", hook.next().get("kind").asText(), "the fill was not delivered, the kill switch was");
      assertEquals(0, hook.pending());
    }
  }

  @Test
  void aHalfConfiguredTelegramAndAnUnknownKindAreRefusedNamingTheKey() {
    ConfigException noToken = assertThrows(ConfigException.class, () -> AlertSettings.fromConfig(
        ConfigFactory.parseString("kis.alerts.telegram.chat-id = \"1\"")));
    assertTrue(noToken.getMessage().contains("telegram.bot-token"), noToken.getMessage());
    ConfigException badKind = assertThrows(ConfigException.class, () -> AlertSettings.fromConfig(
        ConfigFactory.parseString("kis.alerts.send = [FILLS]")));
    assertTrue(badKind.getMessage().contains("'FILLS' is not an alert kind"), badKind.getMessage());
    ConfigException badUrl = assertThrows(ConfigException.class, () -> AlertSettings.fromConfig(
        ConfigFactory.parseString("kis.alerts.slack.webhook-url = \"hooks.slack.com/services/T0/B0/secret\"")));
    assertFalse(badUrl.getMessage().contains("secret"), "a credential is never echoed: " + badUrl.getMessage());
  }
}
