package kis.engine.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AlertDeliveryTest {
  private final AlertReceiver receiver = new AlertReceiver();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T01:00:00Z"));

  @AfterEach
  void stop() {
    receiver.close();
  }

  private static Alert parked(String agent) {
    return new Alert(Alert.Kind.AGENT_PARKED, agent, "agent " + agent + " parked", Instant.parse("2026-11-24T01:00:00Z"));
  }

  @Test
  void postsTheAlertAsJsonToTheConfiguredUrl() throws Exception {
    AlertDelivery hook = new AlertDelivery(receiver.url(), Duration.ofMinutes(1), 10, clock);

    List<Integer> status = hook.send(parked("a1")).orElseThrow().get(10, TimeUnit.SECONDS);

    assertEquals(List.of(204), status);
    JsonNode body = receiver.next();
    assertNotNull(body);
    assertEquals("AGENT_PARKED", body.get("kind").asText());
    assertEquals("a1", body.get("subject").asText());
    assertEquals("2026-11-24T01:00:00Z", body.get("at").asText());
    assertEquals(0, body.get("suppressed").asInt());
  }

  @Test
  void repeatsOfOneKeyWithinTheIntervalAreDroppedAndCountedOnTheNextOneSent() throws Exception {
    AlertDelivery hook = new AlertDelivery(receiver.url(), Duration.ofMinutes(1), 10, clock);
    hook.send(parked("a1")).orElseThrow().get(10, TimeUnit.SECONDS);

    assertTrue(hook.send(parked("a1")).isEmpty());
    assertTrue(hook.send(parked("a1")).isEmpty());
    hook.send(parked("a2")).orElseThrow().get(10, TimeUnit.SECONDS); // another key is not held back
    clock.advance(Duration.ofSeconds(61));
    hook.send(parked("a1")).orElseThrow().get(10, TimeUnit.SECONDS);

    assertEquals("a1", receiver.next().get("subject").asText());
    assertEquals("a2", receiver.next().get("subject").asText());
    JsonNode after = receiver.next();
    assertEquals("a1", after.get("subject").asText());
    assertEquals(2, after.get("suppressed").asInt());
  }

  @Test
  void aStormIsCappedAtTheGlobalRatePerMinute() throws Exception {
    AlertDelivery hook = new AlertDelivery(receiver.url(), Duration.ofMinutes(1), 3, clock);
    int sent = 0;
    for (int i = 0; i < 50; i++) {
      var d = hook.send(parked("agent-" + i));
      if (d.isPresent()) {
        d.get().get(10, TimeUnit.SECONDS);
        sent++;
      }
    }
    assertEquals(3, sent);
    clock.advance(Duration.ofSeconds(60));
    assertEquals(List.of(204), hook.send(parked("agent-49")).orElseThrow().get(10, TimeUnit.SECONDS), "the window rolls on");
  }

  @Test
  void anUnreachableReceiverFailsQuietly() throws Exception {
    receiver.close();
    AlertDelivery hook = new AlertDelivery(URI.create(receiver.url().toString()), Duration.ofMinutes(1), 3, clock);
    assertEquals(List.of(-1), hook.send(parked("a1")).orElseThrow().get(20, TimeUnit.SECONDS));
  }

  @Test
  void aMinuteFullOfFillsNeverSilencesAWarning() throws Exception {
    AlertDelivery hook = new AlertDelivery(receiver.url(), Duration.ofMinutes(1), 3, clock);
    for (int i = 0; i < 10; i++) {
      hook.send(new Alert(Alert.Kind.FILL, "a1/o" + i, "bought", clock.instant()))
          .ifPresent(d -> d.join());
    }
    assertEquals(List.of(204), hook.send(parked("a1")).orElseThrow().get(10, TimeUnit.SECONDS),
        "the fills used up their own budget, not the warnings'");
  }
}
