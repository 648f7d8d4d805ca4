package kis.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each venue's sessions on the simulator's clock (REAL flavour, a clock the test sets), over the wire. */
class VenueSessionsTest {
  SteppedClock clock;
  KisSimulator sim;
  WireClient kis;

  @BeforeEach
  void start() {
    clock = new SteppedClock("2026-11-23T10:00:00"); // a Monday
    sim = KisSimulator.start(SimTestSupport.config("flavour = REAL\nsession-mode = KRX\n"), clock);
    kis = new WireClient(sim);
    kis.issueToken();
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private WireClient.Reply buy(String ordDvsn, long price, String excg) {
    Map<String, String> b = kis.account();
    b.put("PDNO", "005930");
    b.put("ORD_DVSN", ordDvsn);
    b.put("ORD_QTY", "1");
    b.put("ORD_UNPR", Long.toString(price));
    b.put("EXCG_ID_DVSN_CD", excg);
    return kis.post("trading/order-cash", "TTTC0012U", b);
  }

  private JsonNode row(String odno) {
    Map<String, String> q = kis.account();
    for (String k : new String[] {"INQR_STRT_DT", "INQR_END_DT", "PDNO", "ORD_GNO_BRNO", "INQR_DVSN_1",
        "CTX_AREA_FK100", "CTX_AREA_NK100"}) {
      q.put(k, "");
    }
    q.put("SLL_BUY_DVSN_CD", "00");
    q.put("INQR_DVSN", "01");
    q.put("CCLD_DVSN", "00");
    q.put("ODNO", odno);
    q.put("INQR_DVSN_3", "00");
    q.put("EXCG_ID_DVSN_CD", "ALL");
    return kis.get("trading/inquire-daily-ccld", "TTTC0081R", q).body().path("output1").get(0);
  }

  @Test
  void aSimulatorStartedMidSessionHasTheDaysMinuteBarsSinceEachBooksFirstSession() {
    Map<String, String> q = new java.util.LinkedHashMap<>();
    q.put("FID_ETC_CLS_CODE", "");
    q.put("FID_COND_MRKT_DIV_CODE", "J");
    q.put("FID_INPUT_ISCD", "005930");
    q.put("FID_INPUT_HOUR_1", "100000");
    q.put("FID_PW_DATA_INCU_YN", "Y");
    JsonNode krx = kis.get("quotations/inquire-time-itemchartprice", "FHKST03010200", q).body();
    JsonNode bars = krx.path("output2");
    assertEquals(30, bars.size());
    assertEquals("095900", bars.get(0).path("stck_cntg_hour").asText());
    assertEquals("093000", bars.get(29).path("stck_cntg_hour").asText());
    assertEquals(krx.path("output1").path("stck_prpr").asText(), bars.get(0).path("stck_prpr").asText(),
        "the last bar closes at the current price");
    q.put("FID_COND_MRKT_DIV_CODE", "NX");
    q.put("FID_INPUT_HOUR_1", "084500");
    JsonNode nxt = kis.get("quotations/inquire-time-itemchartprice", "FHKST03010200", q).body().path("output2");
    assertEquals("084500", nxt.get(0).path("stck_cntg_hour").asText(), "NXT's pre-market bars");
  }

  @Test
  void anNxtOrderOutlivesKrxsCloseAndExpiresAtTwentyWhileAKrxOrderExpiresAtTheClose() {
    String krx = buy("00", 69_000, "KRX").output().path("ODNO").asText();
    String nxt = buy("00", 69_000, "NXT").output().path("ODNO").asText();
    clock.set("2026-11-23T15:31:00");
    assertEquals("0", row(krx).path("rmn_qty").asText(), "KRX's regular order expired at 15:30");
    assertEquals("1", row(nxt).path("rmn_qty").asText(), "the NXT order still works");
    clock.set("2026-11-23T20:00:00");
    assertEquals("0", row(nxt).path("rmn_qty").asText(), "NXT's day ends at 20:00");
    assertEquals("NXT", row(nxt).path("excg_id_dvsn_Cd").asText());
  }

  @Test
  void nxtTakesOrdersInItsPreMarketButNotInItsHaltsAndSorRoutesToTheOnlyOpenBook() {
    clock.set("2026-11-23T08:10:00");
    assertEquals("0", buy("00", 69_000, "NXT").rtCd(), "NXT pre-market");
    assertNotEquals("0", buy("00", 69_000, "KRX").rtCd(), "KRX takes orders from 08:30");
    assertEquals("0", buy("00", 69_000, "SOR").rtCd(), "SOR finds NXT's pre-market");
    clock.set("2026-11-23T08:55:00");
    assertNotEquals("0", buy("00", 69_000, "NXT").rtCd(), "NXT halts 08:50-09:00");
    clock.set("2026-11-23T15:25:00");
    assertNotEquals("0", buy("00", 69_000, "NXT").rtCd(), "NXT halts during KRX's closing auction");
    assertEquals("0", buy("00", 69_000, "KRX").rtCd(), "KRX's closing auction takes it");
  }

  @Test
  void aHolidayIsClosedOnEveryVenueAndTheStatusShowsEachVenuesPhase() {
    JsonNode status = kis.control("GET", "/sim/status", null).body();
    assertEquals("OPEN", status.path("phase").asText());
    assertEquals("CONTINUOUS", status.path("venues").path("NXT").asText());
    clock.set("2026-12-25T10:00:00");
    for (String v : new String[] {"KRX", "NXT", "SOR"}) {
      WireClient.Reply r = buy("00", 69_000, v);
      assertNotEquals("0", r.rtCd(), v);
    }
    assertEquals("CLOSED", kis.control("GET", "/sim/status", null).body().path("venues").path("SOR").asText());
  }

  @Test
  void theAfterMarketCodeIsRefusedOutsideKrxsAfterMarketAndOnNxt() {
    assertNotEquals("0", buy("41", 69_000, "KRX").rtCd(), "41 at 10:00");
    clock.set("2026-11-23T17:00:00");
    assertNotEquals("0", buy("41", 69_000, "NXT").rtCd(), "41 is KRX's");
    assertEquals("0", buy("41", 69_000, "KRX").rtCd());
  }
}
