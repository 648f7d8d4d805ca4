package kis.engine.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class AlertChannelsTest {
  private static final String TOKEN = "123456:AAE-secret-bot-token";
  private final AlertReceiver fake = new AlertReceiver();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T01:00:00Z"));

  @AfterEach
  void stop() {
    fake.close();
  }

  private static Alert killSwitch() {
    return new Alert(Alert.Kind.KILL_SWITCH, "engine", "kill switch engaged by ops: loss", Instant.parse("2026-11-24T01:00:00Z"));
  }

  private AlertDelivery deliveringTo(AlertChannel channel) {
    return new AlertDelivery(List.of(channel), Duration.ofMinutes(1), 10, clock);
  }

  @Test
  void telegramGetsSendMessageOnItsBotPathWithTheChatAndOneReadableLine() throws Exception {
    AlertDelivery d = deliveringTo(new AlertChannel.Telegram(fake.base(), TOKEN, "-100200300"));

    assertEquals(List.of(204), d.send(killSwitch()).orElseThrow().get(10, TimeUnit.SECONDS));

    AlertReceiver.Posted p = fake.nextPost();
    assertNotNull(p);
    assertEquals("/bot" + TOKEN + "/sendMessage", p.path());
    assertEquals("-100200300", p.body().get("chat_id").asText());
    assertEquals("[kis-trader] KILL_SWITCH engine: kill switch engaged by ops: loss - 2026-11-24 10:00:00 KST",
        p.body().get("text").asText());
  }

  @Test
  void slackGetsTextAndDiscordGetsContentCutToItsLimit() throws Exception {
    URI hook = fake.url();
    deliveringTo(new AlertChannel.Slack(hook)).send(killSwitch()).orElseThrow().get(10, TimeUnit.SECONDS);
    assertTrue(fake.next().get("text").asText().startsWith("[kis-trader] KILL_SWITCH engine"));

    Alert longOne = new Alert(Alert.Kind.RECONCILE_DRIFT, "reconciler", "x".repeat(5000), clock.instant());
    deliveringTo(new AlertChannel.Discord(hook)).send(longOne).orElseThrow().get(10, TimeUnit.SECONDS);
    String content = fake.next().get("content").asText();
    assertEquals(AlertChannel.Discord.MAX_CONTENT, content.length());
  }

  @Test
  void oneAlertGoesToEveryChannelAndAFailedOneIsLoggedByNameNeverByItsCredential() throws Exception {
    Logger log = (Logger) LoggerFactory.getLogger(AlertDelivery.class);
    ListAppender<ILoggingEvent> seen = new ListAppender<>();
    seen.start();
    log.addAppender(seen);
    Level quiet = log.getLevel(); // the suite's logback-test.xml keeps delivery failures quiet
    log.setLevel(Level.WARN);
    try {
      AlertReceiver gone = new AlertReceiver();
      gone.close();
      AlertDelivery d = new AlertDelivery(List.of(new AlertChannel.Slack(fake.url()),
          new AlertChannel.Telegram(gone.base(), TOKEN, "42")), Duration.ofMinutes(1), 10, clock);

      assertEquals(List.of(204, -1), d.send(killSwitch()).orElseThrow().get(20, TimeUnit.SECONDS));

      assertNotNull(fake.next(), "the reachable channel got it");
      assertEquals(1, seen.list.size(), "the failure is logged");
      String line = seen.list.get(0).getFormattedMessage();
      assertTrue(line.contains("telegram"), line);
      assertFalse(line.contains(TOKEN) || line.contains("secret"), line);
      assertFalse(new AlertChannel.Telegram(gone.base(), TOKEN, "42").toString().contains(TOKEN));
    } finally {
      log.setLevel(quiet);
      log.detachAppender(seen);
    }
  }
}
