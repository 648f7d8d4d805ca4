package kis.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** KRX's volatility interruption on the real flavour: a 6 % jump becomes a two-minute single-price call. */
class VolatilityInterruptionTest {
  SteppedClock clock;
  KisSimulator sim;
  WireClient kis;

  @BeforeEach
  void start() {
    clock = new SteppedClock("2026-11-23T10:00:00");
    sim = KisSimulator.start(SimTestSupport.config("flavour = REAL\nsession-mode = KRX\n"), clock);
    kis = new WireClient(sim);
    kis.issueToken();
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private JsonNode price() {
    return kis.get("quotations/inquire-price", "FHKST01010100",
        Map.of("FID_COND_MRKT_DIV_CODE", "J", "FID_INPUT_ISCD", "005930")).body().path("output");
  }

  private WireClient.Reply print(long price) {
    return kis.control("POST", "/sim/trade", Map.of("symbol", "005930", "price", price, "qty", 5));
  }

  @Test
  void aSixPercentJumpStartsATwoMinuteCallThatMatchesAtTheTriggeringPrice() {
    assertEquals(200, print(71_300).status());
    assertEquals("71300", price().path("stck_prpr").asText(), "a small move prints");
    assertEquals(200, print(75_600).status()); // +6.03 % from 71,300
    assertEquals("71300", price().path("stck_prpr").asText(), "the jump did not print");
    assertEquals("Y", price().path("vi_cls_code").asText());

    Map<String, String> b = kis.account();
    b.put("PDNO", "005930");
    b.put("ORD_DVSN", "00");
    b.put("ORD_QTY", "2");
    b.put("ORD_UNPR", "75600");
    b.put("EXCG_ID_DVSN_CD", "KRX");
    WireClient.Reply buy = kis.post("trading/order-cash", "TTTC0012U", b);
    assertEquals("0", buy.rtCd(), buy.body().toString());
    assertEquals(2, sim.account().todaysOrders().get(0).remainingQty(), "no continuous match during the VI");
    assertEquals(400, print(75_700).status(), "no prints during the VI");

    clock.set("2026-11-23T10:02:00");
    JsonNode p = price();
    assertEquals("75600", p.path("stck_prpr").asText(), "the call matched at the triggering price");
    assertEquals("N", p.path("vi_cls_code").asText());
    assertEquals(0, sim.account().todaysOrders().get(0).remainingQty());
    assertEquals(75_600, sim.account().todaysFills().get(0).price());
    assertEquals(200, print(75_700).status(), "continuous trading resumes");
  }

  /** Fields of an {@code H0STMKO0} frame. */
  private static String[] status(String frame) {
    assertNotNull(frame, "an H0STMKO0 frame");
    return frame.split("\\|", 4)[3].split("\\^", -1);
  }

  @Test
  void theVisStartAndEndArePublishedOnTheMarketStatusFeedOfTheStock() throws Exception {
    try (WsProbe ws = new WsProbe(sim.websocketUrl() + "/tryitout")) {
      String approval = kis.approvalKey();
      assertEquals("OPSP0000", ws.subscribeAck(approval, "H0STMKO0", "005930").path("body").path("msg_cd").asText());
      assertEquals("OPSP0000", ws.subscribeAck(approval, "H0STMKO0", "000660").path("body").path("msg_cd").asText());
      assertEquals(200, print(71_300).status());
      assertEquals(200, print(75_600).status()); // +6.03 %: the VI
      String[] start = status(ws.next(f -> f.startsWith("0|H0STMKO0|001|"), Duration.ofSeconds(10)));
      assertEquals(11, start.length, "the columns of KIS's market_status_krx sample");
      assertEquals("005930", start[0]);
      assertEquals("N", start[1], "TRHT_YN: not halted");
      assertEquals("Y", start[8], "VI_CLS_CODE during the VI");

      clock.set("2026-11-23T10:02:00");
      price(); // any call runs the session check that ends the VI
      String[] end = status(ws.next(f -> f.startsWith("0|H0STMKO0|001|"), Duration.ofSeconds(10)));
      assertEquals("005930", end[0]);
      assertEquals("N", end[8], "VI_CLS_CODE once it ended");
      assertEquals(0, ws.all.stream().filter(f -> f.startsWith("0|H0STMKO0|") && f.contains("|000660^")).count(),
          "nothing for a stock without a VI");
    }
  }

  @Test
  void anAlwaysOpenSimulatorOfTheRealFlavourPrintsAJumpWithoutAVi() {
    try (KisSimulator open = KisSimulator.start(SimTestSupport.config("flavour = REAL\nsession-mode = ALWAYS_OPEN\n"))) {
      WireClient client = new WireClient(open);
      client.issueToken();
      assertEquals(200, client.control("POST", "/sim/trade", Map.of("symbol", "005930", "price", 71_300, "qty", 5))
          .status());
      assertEquals(200, client.control("POST", "/sim/trade", Map.of("symbol", "005930", "price", 79_000, "qty", 5))
          .status(), "a jump of 10.8 % prints: every book trades continuously, always");
      JsonNode p = client.get("quotations/inquire-price", "FHKST01010100",
          Map.of("FID_COND_MRKT_DIV_CODE", "J", "FID_INPUT_ISCD", "005930")).body().path("output");
      assertEquals("79000", p.path("stck_prpr").asText());
      assertEquals("N", p.path("vi_cls_code").asText());
    }
  }
}
