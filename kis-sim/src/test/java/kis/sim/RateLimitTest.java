package kis.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RateLimitTest {
  @Test
  void requestsBeyondThePerSecondLimitGetEgw00201AndTheWindowSlides() {
    try (KisSimulator sim = SimTestSupport.start("rate-limit-per-second = 2")) {
      WireClient kis = new WireClient(sim);
      kis.issueToken();
      int ok = 0;
      int throttled = 0;
      for (int i = 0; i < 10; i++) {
        WireClient.Reply r = kis.quote("inquire-price", "FHKST01010100", "005930", Map.of());
        if (r.rtCd().equals("0")) {
          ok++;
        } else {
          assertEquals("EGW00201", r.msgCd());
          assertEquals(500, r.status());
          throttled++;
        }
      }
      assertTrue(ok >= 2, "the first two fit");
      assertTrue(throttled >= 1, "ten back-to-back calls exceed 2/s");
      assertTrue(SimTestSupport.eventually(
          () -> kis.quote("inquire-price", "FHKST01010100", "005930", Map.of()).rtCd().equals("0"),
          java.time.Duration.ofSeconds(5)), "the one-second window slides");
    }
  }

  @Test
  void flavourFigureIsOnePerSecondOnPaper() {
    SimConfig c = SimTestSupport.config("rate-limit-per-second = 0");
    assertEquals(1, c.effectiveRateLimit());
    assertEquals(18, SimTestSupport.config("rate-limit-per-second = 0, flavour = REAL").effectiveRateLimit());
    assertEquals(0, SimTestSupport.config("rate-limit-per-second = -1").effectiveRateLimit());
  }
}
