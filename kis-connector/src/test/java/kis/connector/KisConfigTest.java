package kis.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class KisConfigTest {
  @Test
  void defaultsNeverPointAtARealHost() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> KisConfig.fromConfig(ConfigFactory.empty()));
    assertTrue(e.getMessage().contains("kis.rest-url"));
    String defaults = ConfigFactory.defaultReference().getConfig("kis").root().render();
    assertFalse(defaults.contains("koreainvestment.com"));
  }

  @Test
  void paperModeFillsInThePaperHostsTrIdsAndBudget() {
    KisConfig c = KisConfig.fromConfig(ConfigFactory.parseString("kis.mode = paper"));
    assertEquals("https://openapivts.koreainvestment.com:29443", c.restUrl());
    assertEquals("ws://ops.koreainvestment.com:31000/tryitout", c.wsUrl());
    assertTrue(c.paperTrIds());
    assertEquals(1, c.requestsPerWindow());
  }

  @Test
  void realModeUsesTheRealHostsAndBudget() {
    KisConfig c = KisConfig.fromConfig(ConfigFactory.parseString("kis.mode = real"));
    assertEquals("https://openapi.koreainvestment.com:9443", c.restUrl());
    assertEquals("ws://ops.koreainvestment.com:21000/tryitout", c.wsUrl());
    assertFalse(c.paperTrIds());
    assertEquals(18, c.requestsPerWindow());
  }

  @Test
  void simModeTakesExplicitUrlsAndOverrides() {
    KisConfig c = KisConfig.fromConfig(ConfigFactory.parseString(
        "kis { mode = sim, rest-url = \"http://127.0.0.1:5000/\", ws-url = \"ws://127.0.0.1:5001\","
            + " rate-limit { requests-per-window = 50, window = 200ms }, tr-ids = paper }"));
    assertEquals("http://127.0.0.1:5000", c.restUrl());
    assertEquals("ws://127.0.0.1:5001/tryitout", c.wsUrl());
    assertEquals(50, c.requestsPerWindow());
    assertEquals(Duration.ofMillis(200), c.rateWindow());
    assertTrue(c.paperTrIds());
    assertEquals(41, c.maxSubscriptions());
  }

  @Test
  void readQueueAndConnectDeadlinesHaveDefaultsAndTheConnectDeadlineStaysBelowTheCallTimeouts() {
    String sim = "kis { mode = sim, rest-url = \"http://127.0.0.1:5000\", ws-url = \"ws://127.0.0.1:5001\"";
    KisConfig d = KisConfig.fromConfig(ConfigFactory.parseString(sim + " }"));
    assertEquals(Duration.ofSeconds(30), d.readQueueTimeout());
    assertEquals(Duration.ofSeconds(3), d.connectTimeout());
    assertEquals(Duration.ofSeconds(3), d.effectiveConnectTimeout(), "3 s is below 3/4 of the 5 s call timeouts");

    KisConfig shortCalls = KisConfig.fromConfig(ConfigFactory.parseString(
        sim + ", read-timeout = 2s, order-timeout = 800ms }"));
    assertEquals(Duration.ofMillis(600), shortCalls.effectiveConnectTimeout(), "3/4 of the shorter call timeout");

    assertThrows(IllegalArgumentException.class,
        () -> KisConfig.fromConfig(ConfigFactory.parseString(sim + ", read-queue-timeout = 0s }")));
  }
}
