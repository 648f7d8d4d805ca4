package kis.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * KIS's stop-limit ({@code ORD_DVSN 22} with {@code CNDT_PRIC}) as a client written from the docs
 * sees it on the REAL flavour, Monday 2026-11-23 10:00 (both books in continuous trading): it
 * rests outside the book until a print of its own venue reaches the trigger, then is a limit order
 * at {@code ORD_UNPR}; daily orders show it with its trigger and the time it triggered; SOR, a
 * missing or off-grid trigger, a trigger already reached and KRX's closing auction refuse it; an
 * untriggered one can be revised and cancelled.
 */
class StopLimitOnTheWireTest {
  static final String SAMSUNG = "005930"; // KRX and NXT

  SteppedClock clock;
  KisSimulator sim;
  WireClient kis;
  WsProbe ws;
  Notices notices;
  String orgno;

  @BeforeEach
  void start() throws Exception {
    clock = new SteppedClock("2026-11-23T10:00:00");
    sim = KisSimulator.start(SimTestSupport.config("flavour = REAL\nsession-mode = KRX\n"), clock);
    kis = new WireClient(sim);
    kis.issueToken();
    ws = new WsProbe(sim.websocketUrl() + "/tryitout");
    notices = Notices.subscribe(ws, kis.approvalKey(), sim.credentials().htsId());
    // Ten shares to protect: a buy that sweeps KRX's asks.
    WireClient.Reply buy = order(true, "00", 10, 72_000, "KRX", null);
    assertEquals("0", buy.rtCd(), buy.body().toString());
    orgno = buy.output().path("KRX_FWDG_ORD_ORGNO").asText();
  }

  @AfterEach
  void stop() {
    ws.close();
    sim.close();
  }

  private WireClient.Reply order(boolean buy, String ordDvsn, long qty, long price, String excg, String cndtPric) {
    return kis.realOrder(buy, SAMSUNG, ordDvsn, qty, price, excg, cndtPric);
  }

  private WireClient.Reply modify(String odno, boolean cancel, String ordDvsn, long price, String cndtPric,
      String excg) {
    Map<String, String> b = kis.account();
    b.put("KRX_FWDG_ORD_ORGNO", orgno);
    b.put("ORGN_ODNO", odno);
    b.put("ORD_DVSN", ordDvsn);
    b.put("RVSE_CNCL_DVSN_CD", cancel ? "02" : "01");
    b.put("ORD_QTY", "0");
    b.put("ORD_UNPR", Long.toString(price));
    b.put("QTY_ALL_ORD_YN", "Y");
    b.put("CNDT_PRIC", cndtPric);
    b.put("EXCG_ID_DVSN_CD", excg);
    return kis.post("trading/order-rvsecncl", "TTTC0013U", b);
  }

  /** Today's inquire-daily-ccld row of {@code odno} (all venues). */
  private JsonNode dailyRow(String odno) {
    WireClient.Reply r = kis.realDailyCcld("20261123", "ALL");
    assertEquals("0", r.rtCd(), r.body().toString());
    for (JsonNode row : r.body().path("output1")) {
      if (row.path("odno").asText().equals(odno)) {
        return row;
      }
    }
    throw new AssertionError("no daily row for " + odno + ": " + r.body());
  }

  private void print(String venue, long price, long qty) {
    WireClient.Reply r = kis.control("POST", "/sim/trade", Map.of("symbol", SAMSUNG, "venue", venue, "price", price,
        "qty", qty));
    assertEquals(200, r.status(), r.body().toString());
  }

  @Test
  void aSellStopRestsOutsideTheBookUntilAPrintReachesItsTriggerThenFillsAsALimitOrder() {
    WireClient.Reply stop = order(false, "22", 10, 69_900, "KRX", "70000");
    assertEquals("0", stop.rtCd(), stop.body().toString());
    String odno = stop.output().path("ODNO").asText();
    String[] accepted = notices.of(odno, "1");
    assertEquals("22", accepted[6], "ODER_KIND");
    assertEquals("70000", accepted[18], "ORD_COND_PRC");

    JsonNode waiting = dailyRow(odno);
    assertEquals("22", waiting.path("ord_dvsn_cd").asText());
    assertEquals("스톱지정가", waiting.path("ord_dvsn_name").asText());
    assertEquals("70000", waiting.path("stpm_cndt_pric").asText());
    assertEquals("69900", waiting.path("ord_unpr").asText());
    assertEquals("", waiting.path("stpm_efct_occr_dtmd").asText(), "not triggered yet");
    assertEquals("10", waiting.path("rmn_qty").asText());

    // 70,100 is above the trigger: a resting sell limit at 69,900 would have filled; the stop does not.
    print("KRX", 70_100, 50);
    assertEquals("0", dailyRow(odno).path("tot_ccld_qty").asText(), "untriggered, outside the book");
    // A print on NXT at the trigger does not count for a KRX stop.
    print("NXT", 69_000, 50);
    assertEquals("", dailyRow(odno).path("stpm_efct_occr_dtmd").asText(), "another venue's print");

    clock.set("2026-11-23T10:00:05");
    print("KRX", 70_000, 3); // at the trigger: a sell stop fires at or below it
    print("KRX", 69_900, 100); // the limit order it became meets the next print at its price
    JsonNode done = dailyRow(odno);
    assertEquals("100005", done.path("stpm_efct_occr_dtmd").asText(), "triggered at the 70,000 print");
    assertEquals("10", done.path("tot_ccld_qty").asText(), done.toString());
    assertEquals("0", done.path("rmn_qty").asText());
    String[] fill = notices.of(odno, "2");
    assertTrue(Long.parseLong(fill[10]) >= 69_900, "a sell fills at its limit or better: " + fill[10]);
  }

  @Test
  void aBuyStopOnNxtTriggersOnNxtPrintsOnly() {
    WireClient.Reply stop = order(true, "22", 2, 71_800, "NXT", "71500");
    assertEquals("0", stop.rtCd(), stop.body().toString());
    String odno = stop.output().path("ODNO").asText();
    assertEquals("2", notices.of(odno, "1")[19], "ORD_EXG_GB: NXT");

    print("KRX", 71_500, 10);
    assertEquals("", dailyRow(odno).path("stpm_efct_occr_dtmd").asText(), "KRX's print does not trigger an NXT stop");
    print("NXT", 71_500, 10); // a buy stop fires at or above its trigger
    print("NXT", 71_800, 100);
    JsonNode done = dailyRow(odno);
    assertEquals("100000", done.path("stpm_efct_occr_dtmd").asText());
    assertEquals("2", done.path("tot_ccld_qty").asText(), done.toString());
  }

  @Test
  void stopLimitsAreRefusedOnSorWithoutOrOffGridTriggerWhenAlreadyReachedAndInTheClosingAuction() {
    WireClient.Reply sor = order(false, "22", 1, 69_900, "SOR", "70000");
    assertNotEquals("0", sor.rtCd());
    assertEquals("APBK1666", sor.msgCd(), sor.body().toString());
    assertTrue(sor.body().path("msg1").asText().contains("SOR"));

    WireClient.Reply missing = order(false, "22", 1, 69_900, "KRX", null);
    assertEquals("APBK1668", missing.msgCd(), missing.body().toString());
    WireClient.Reply blank = order(false, "22", 1, 69_900, "KRX", "");
    assertEquals("APBK1668", blank.msgCd(), blank.body().toString());
    WireClient.Reply offGrid = order(false, "22", 1, 69_900, "KRX", "70050");
    assertEquals("APBK0506", offGrid.msgCd(), offGrid.body().toString());
    long last = kis.get("quotations/inquire-price", "FHKST01010100",
        Map.of("FID_COND_MRKT_DIV_CODE", "J", "FID_INPUT_ISCD", SAMSUNG)).body().path("output").path("stck_prpr")
        .asLong();
    WireClient.Reply reached = order(false, "22", 1, 69_900, "KRX", Long.toString(last + 100));
    assertEquals("APBK1669", reached.msgCd(), "a sell stop above the last price " + last + ": " + reached.body());

    clock.set("2026-11-23T15:25:00"); // 15:25, KRX's closing auction
    WireClient.Reply auction = order(false, "22", 1, 69_900, "KRX", "70000");
    assertNotEquals("0", auction.rtCd(), auction.body().toString());
    assertEquals("APBK0510", auction.msgCd());
  }

  @Test
  void anUntriggeredStopCanBeRevisedToANewTriggerAndCancelled() {
    WireClient.Reply stop = order(false, "22", 10, 69_900, "KRX", "70000");
    String odno = stop.output().path("ODNO").asText();

    WireClient.Reply revised = modify(odno, false, "22", 69_400, "69500", "KRX");
    assertEquals("0", revised.rtCd(), revised.body().toString());
    String newNo = revised.output().path("ODNO").asText();
    JsonNode row = dailyRow(newNo);
    assertEquals("69500", row.path("stpm_cndt_pric").asText());
    assertEquals("69400", row.path("ord_unpr").asText());
    assertEquals(odno, row.path("orgn_odno").asText());

    print("KRX", 69_800, 10); // above the new trigger: nothing
    assertEquals("", dailyRow(newNo).path("stpm_efct_occr_dtmd").asText());

    WireClient.Reply cancel = modify(newNo, true, "22", 0, "", "KRX");
    assertEquals("0", cancel.rtCd(), cancel.body().toString());
    JsonNode gone = dailyRow(newNo);
    assertEquals("0", gone.path("rmn_qty").asText());
    assertEquals("10", gone.path("cnc_cfrm_qty").asText());
    print("KRX", 69_000, 100);
    assertEquals("0", dailyRow(newNo).path("tot_ccld_qty").asText(), "a cancelled stop never triggers");
    assertNotNull(notices.of(cancel.output().path("ODNO").asText(), "1"));
  }
}
