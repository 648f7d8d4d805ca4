package kis.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionClockTest {
  // 2026-11-24 is a Tuesday.
  static final String KRX = "session-mode = KRX\nsession-start = \"2026-11-24T08:50:00\"\n";

  @Test
  void ordersBeforeTheOpenAreRefusedAndAcceptedOnceTheSessionOpens() {
    try (KisSimulator sim = SimTestSupport.start(KRX)) {
      WireClient kis = new WireClient(sim);
      kis.issueToken();
      WireClient.Reply early = kis.buy("005930", 1, 70_000);
      assertEquals("40560000", early.msgCd());
      assertEquals("모의투자 장시작전 입니다.", early.body().path("msg1").asText());
      kis.control("POST", "/sim/clock/advance", Map.of("minutes", 15));
      assertEquals("OPEN", kis.control("GET", "/sim/status", null).body().path("phase").asText());
      assertEquals("0", kis.buy("005930", 1, 70_000).rtCd());
    }
  }

  @Test
  void unfilledOrdersExpireAtTheCloseAndLaterOrdersAreRefused() {
    try (KisSimulator sim = SimTestSupport.start("session-mode = KRX\nsession-start = \"2026-11-24T15:00:00\"\n")) {
      WireClient kis = new WireClient(sim);
      kis.issueToken();
      String odno = kis.buy("005930", 3, 69_000).output().path("ODNO").asText();
      kis.control("POST", "/sim/clock/advance", Map.of("minutes", 31));
      JsonNode row = kis.dailyCcld("", "", "").body().path("output1").get(0);
      assertEquals(odno, row.path("odno").asText());
      assertEquals("0", row.path("rmn_qty").asText());
      assertEquals("3", row.path("cnc_cfrm_qty").asText());
      WireClient.Reply late = kis.buy("005930", 1, 70_000);
      assertEquals("40580000", late.msgCd());
      assertEquals("모의투자 장종료 입니다.", late.body().path("msg1").asText());
    }
  }

  @Test
  void nextDayStartsFromYesterdaysCloseAndKeepsHoldings() {
    try (KisSimulator sim = SimTestSupport.start("")) {
      WireClient kis = new WireClient(sim);
      kis.issueToken();
      kis.order(true, "005930", "01", 2, 0);
      kis.trade("005930", 72_000, 1);
      kis.control("POST", "/sim/session/end-of-day", null);
      JsonNode price = kis.quote("inquire-price", "FHKST01010100", "005930", Map.of()).body().path("output");
      assertEquals("72000", price.path("stck_sdpr").asText());
      assertEquals("93600", price.path("stck_mxpr").asText());
      JsonNode h = kis.balance("", "", "").body().path("output1").get(0);
      assertEquals("2", h.path("hldg_qty").asText());
      assertEquals("2", h.path("bfdy_buy_qty").asText());
      assertEquals("0", h.path("thdt_buyqty").asText());
      assertEquals(0, kis.dailyCcld("", "", "").body().path("output1").size(), "today has no orders yet");
      assertEquals(0, sim.account().todaysOrders().size());
      assertEquals(1, sim.account().orders().size());
      assertEquals(1, sim.account().fills().size());
      assertEquals(0, sim.account().todaysFills().size());
    }
  }

  @Test
  void timeCompressionRunsTheClockFaster() {
    SessionClock clock = new SessionClock(SessionMode.KRX, 600, java.util.Optional.of("2026-11-24T08:59:00"));
    SimTestSupport.eventually(() -> clock.phase(clock.now()) == kis.journal.calendar.MarketPhase.CONTINUOUS, java.time.Duration.ofSeconds(5));
    assertEquals(kis.journal.calendar.MarketPhase.CONTINUOUS, clock.phase(clock.now()), "a minute at 600x passes in 0.1 s");
  }
}
