package kis.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 20's "done when", client side: a client written from KIS's documentation alone (raw REST
 * and websocket JSON with the real server's TR ids, shared/kis-api.md and krx-nxt-2026.md; no
 * project connector) against the REAL flavour, on a market clock the test sets: Monday
 * 2026-11-23, first 10:00 (both books in continuous trading), then 17:00 (after-markets).
 */
class NxtSorOnTheWireTest {
  static final String SAMSUNG = "005930"; // on NXT by default
  static final String SAMSUNG_PREF = "005935"; // KRX only by default

  SteppedClock clock;
  KisSimulator sim;
  WireClient kis;
  WsProbe ws;
  Notices notices;

  @BeforeEach
  void start() throws Exception {
    clock = new SteppedClock("2026-11-23T10:00:00");
    sim = KisSimulator.start(SimTestSupport.config("flavour = REAL\nsession-mode = KRX\n"), clock);
    kis = new WireClient(sim);
    kis.issueToken();
    ws = new WsProbe(sim.websocketUrl() + "/tryitout");
    String approval = kis.approvalKey();
    notices = Notices.subscribe(ws, approval, sim.credentials().htsId());
    for (String tr : List.of("H0NXCNT0", "H0UNCNT0")) {
      assertEquals("OPSP0000", ws.subscribeAck(approval, tr, SAMSUNG).path("body").path("msg_cd").asText(), tr);
    }
  }

  @AfterEach
  void stop() {
    ws.close();
    sim.close();
  }

  // ---------------------------------------------------------------- the client, from the docs

  private WireClient.Reply order(boolean buy, String code, String ordDvsn, long qty, long price, String excg) {
    return kis.realOrder(buy, code, ordDvsn, qty, price, excg, null);
  }

  private WireClient.Reply cancel(String orgno, String odno, String excg) {
    Map<String, String> b = kis.account();
    b.put("KRX_FWDG_ORD_ORGNO", orgno);
    b.put("ORGN_ODNO", odno);
    b.put("ORD_DVSN", "00");
    b.put("RVSE_CNCL_DVSN_CD", "02");
    b.put("ORD_QTY", "0");
    b.put("ORD_UNPR", "0");
    b.put("QTY_ALL_ORD_YN", "Y");
    b.put("EXCG_ID_DVSN_CD", excg);
    return kis.post("trading/order-rvsecncl", "TTTC0013U", b);
  }

  private List<String> dailyOrderNumbers(String excg) {
    WireClient.Reply r = kis.realDailyCcld("20261123", excg);
    assertEquals("0", r.rtCd(), r.body().toString());
    List<String> out = new ArrayList<>();
    r.body().path("output1").forEach(row -> out.add(row.path("odno").asText()));
    return out;
  }

  private JsonNode quote(String path, String trId, String market, String code, Map<String, String> extra) {
    Map<String, String> q = new LinkedHashMap<>();
    q.put("FID_COND_MRKT_DIV_CODE", market);
    q.put("FID_INPUT_ISCD", code);
    q.putAll(extra);
    return kis.get("quotations/" + path, trId, q).body();
  }

  private String frame(String prefix) {
    String[] found = new String[1];
    SimTestSupport.eventually(() -> {
      for (String f : ws.all) {
        if (f.startsWith(prefix)) {
          found[0] = f;
          return true;
        }
      }
      return false;
    }, Duration.ofSeconds(5));
    return found[0];
  }

  private void nxtPrint(long price, long qty) {
    WireClient.Reply r = kis.control("POST", "/sim/trade", Map.of("symbol", SAMSUNG, "venue", "NXT", "price", price,
        "qty", qty));
    assertEquals(200, r.status(), r.body().toString());
  }

  // ---------------------------------------------------------------- the done-when list

  @Test
  void aClientFromTheDocsTradesKrxNxtAndSorThroughTheDayAndTheEvening() throws Exception {
    // Quotes on NX and UN; a print on NXT moves the integrated price, not KRX's.
    nxtPrint(70_500, 10);
    JsonNode krx = quote("inquire-price", "FHKST01010100", "J", SAMSUNG, Map.of());
    JsonNode nxt = quote("inquire-price", "FHKST01010100", "NX", SAMSUNG, Map.of());
    JsonNode un = quote("inquire-price", "FHKST01010100", "UN", SAMSUNG, Map.of());
    assertEquals("0", nxt.path("rt_cd").asText(), nxt.toString());
    assertEquals("70500", nxt.path("output").path("stck_prpr").asText());
    assertEquals("71000", krx.path("output").path("stck_prpr").asText());
    assertEquals("70500", un.path("output").path("stck_prpr").asText());
    assertEquals(krx.path("output").path("acml_vol").asLong() + nxt.path("output").path("acml_vol").asLong(),
        un.path("output").path("acml_vol").asLong(), "the integrated volume is both books'");
    assertNotEquals("0", quote("inquire-price", "FHKST01010100", "NX", SAMSUNG_PREF, Map.of()).path("rt_cd").asText(),
        "a KRX-only stock has no NXT quote");
    JsonNode info = kis.get("quotations/search-stock-info", "CTPF1002R", Map.of("PRDT_TYPE_CD", "300", "PDNO",
        SAMSUNG)).body();
    assertEquals("Y", info.path("output").path("cptt_trad_tr_psbl_yn").asText());

    // The NXT print reached H0NXCNT0 and H0UNCNT0 in KIS's frame layout.
    String nxFrame = frame("0|H0NXCNT0|001|" + SAMSUNG + "^");
    assertNotNull(nxFrame, "an H0NXCNT0 frame");
    assertEquals("70500", nxFrame.split("\\|", 4)[3].split("\\^")[2]);
    assertEquals(46, nxFrame.split("\\|", 4)[3].split("\\^", -1).length);
    assertNotNull(frame("0|H0UNCNT0|001|" + SAMSUNG + "^"), "an H0UNCNT0 frame");

    // An NXT limit rests; an NXT market order is refused.
    WireClient.Reply nxtLimit = order(true, SAMSUNG, "00", 3, 69_000, "NXT");
    assertEquals("0", nxtLimit.rtCd(), nxtLimit.body().toString());
    String nxtOdno = nxtLimit.output().path("ODNO").asText();
    String orgno = nxtLimit.output().path("KRX_FWDG_ORD_ORGNO").asText();
    assertEquals("2", notices.of(nxtOdno, "1")[19], "ORD_EXG_GB of an NXT order");
    WireClient.Reply nxtMarket = order(true, SAMSUNG, "01", 1, 0, "NXT");
    assertNotEquals("0", nxtMarket.rtCd());
    assertTrue(nxtMarket.body().path("msg1").asText().contains("NXT"), nxtMarket.body().toString());

    // A buy through SOR goes to the better book: NXT asks from 70,600, KRX from 71,100.
    long krxAsk = quote("inquire-asking-price-exp-ccn", "FHKST01010200", "J", SAMSUNG, Map.of())
        .path("output1").path("askp1").asLong();
    long nxtAsk = quote("inquire-asking-price-exp-ccn", "FHKST01010200", "NX", SAMSUNG, Map.of())
        .path("output1").path("askp1").asLong();
    assertTrue(nxtAsk < krxAsk, nxtAsk + " < " + krxAsk);
    WireClient.Reply sor = order(true, SAMSUNG, "01", 1, 0, "SOR");
    assertEquals("0", sor.rtCd(), sor.body().toString());
    String[] sorFill = notices.of(sor.output().path("ODNO").asText(), "2");
    assertEquals("4", sorFill[19], "ORD_EXG_GB: SOR routed to NXT");
    assertEquals(nxtAsk, Long.parseLong(sorFill[10]), "filled at NXT's best ask");

    // The NXT order cannot be cancelled as KRX; as NXT it can.
    WireClient.Reply asKrx = cancel(orgno, nxtOdno, "KRX");
    assertNotEquals("0", asKrx.rtCd());
    assertTrue(asKrx.body().path("msg1").asText().contains("원주문 거래소[NXT]"), asKrx.body().toString());
    assertEquals("0", cancel(orgno, nxtOdno, "NXT").rtCd());

    // Daily orders: the NXT order is there with ALL and NXT, not with KRX (nor with the default, KRX).
    assertTrue(dailyOrderNumbers("ALL").contains(nxtOdno));
    assertTrue(dailyOrderNumbers("NXT").contains(nxtOdno));
    assertFalse(dailyOrderNumbers("KRX").contains(nxtOdno));
    assertFalse(dailyOrderNumbers("").contains(nxtOdno));
    assertTrue(dailyOrderNumbers("SOR").contains(sor.output().path("ODNO").asText()));

    // Holidays: Christmas and Dec 31 closed, Dec 24 open.
    Map<String, String> opnd = new LinkedHashMap<>();
    kis.get("quotations/chk-holiday", "CTCA0903R", Map.of("BASS_DT", "20261224", "CTX_AREA_NK", "", "CTX_AREA_FK", ""))
        .body().path("output").forEach(r -> opnd.put(r.path("bass_dt").asText(), r.path("opnd_yn").asText()));
    assertEquals("Y", opnd.get("20261224"));
    assertEquals("N", opnd.get("20261225"));
    assertEquals("N", opnd.get("20261231"));
    assertEquals("Y", opnd.get("20270104"));

    // A past day's minute candles (Friday 2026-11-20), ending in the close the daily chart shows.
    JsonNode minutes = quote("inquire-time-dailychartprice", "FHKST03010230", "J", SAMSUNG,
        Map.of("FID_INPUT_HOUR_1", "153000", "FID_INPUT_DATE_1", "20261120", "FID_PW_DATA_INCU_YN", "Y",
            "FID_FAKE_TICK_INCU_YN", ""));
    assertEquals("0", minutes.path("rt_cd").asText(), minutes.toString());
    JsonNode bars = minutes.path("output2");
    assertEquals(120, bars.size());
    assertEquals("20261120", bars.get(0).path("stck_bsop_date").asText());
    assertEquals("153000", bars.get(0).path("stck_cntg_hour").asText());
    assertEquals("151900", bars.get(1).path("stck_cntg_hour").asText(), "no continuous bars in the closing auction");
    JsonNode daily = quote("inquire-daily-itemchartprice", "FHKST03010100", "J", SAMSUNG,
        Map.of("FID_INPUT_DATE_1", "20261120", "FID_INPUT_DATE_2", "20261120", "FID_PERIOD_DIV_CODE", "D",
            "FID_ORG_ADJ_PRC", "0")).path("output2");
    String close = "";
    for (JsonNode d : daily) {
      if (d.path("stck_bsop_date").asText().equals("20261120")) {
        close = d.path("stck_clpr").asText();
      }
    }
    assertEquals(close, bars.get(0).path("stck_prpr").asText(), "the 15:30 bar closes at the day's close");

    // 17:00 on the Monday: a regular KRX limit is refused; NXT's and KRX's after-markets take limits.
    clock.set("2026-11-23T17:00:00");
    WireClient.Reply regular = order(true, SAMSUNG, "00", 1, 70_000, "KRX");
    assertNotEquals("0", regular.rtCd(), regular.body().toString());
    assertEquals("장운영시간이 아닙니다.", regular.body().path("msg1").asText());
    WireClient.Reply evening = order(true, SAMSUNG, "00", 1, 70_000, "NXT");
    assertEquals("0", evening.rtCd(), evening.body().toString());
    WireClient.Reply afterMarket = order(true, SAMSUNG, "41", 1, 70_000, "KRX");
    assertEquals("0", afterMarket.rtCd(), afterMarket.body().toString());
    String[] amNotice = notices.of(afterMarket.output().path("ODNO").asText(), "1");
    assertEquals("41", amNotice[6], "ODER_KIND of a KRX after-market limit");
    assertEquals("1", amNotice[19]);
    assertNotEquals("0", order(true, SAMSUNG, "01", 1, 0, "KRX").rtCd(), "no market order in KRX's after-market");
  }
}
