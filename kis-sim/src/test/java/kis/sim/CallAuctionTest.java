package kis.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * KRX's opening and closing call auctions on the real flavour: orders are taken without matching
 * and those marketable at the single price all fill at it when the auction ends.
 */
class CallAuctionTest {
  SteppedClock clock;
  KisSimulator sim;
  WireClient kis;

  @BeforeEach
  void start() {
    clock = new SteppedClock("2026-11-23T08:40:00"); // a Monday, KRX's opening auction
    sim = KisSimulator.start(SimTestSupport.config("flavour = REAL\nsession-mode = KRX\n"), clock);
    kis = new WireClient(sim);
    kis.issueToken();
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private WireClient.Reply order(boolean buy, String ordDvsn, long qty, long price) {
    Map<String, String> b = kis.account();
    b.put("PDNO", "005930");
    b.put("ORD_DVSN", ordDvsn);
    b.put("ORD_QTY", Long.toString(qty));
    b.put("ORD_UNPR", Long.toString(price));
    b.put("EXCG_ID_DVSN_CD", "KRX");
    return kis.post("trading/order-cash", buy ? "TTTC0012U" : "TTTC0011U", b);
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
    q.put("EXCG_ID_DVSN_CD", "KRX");
    return kis.get("trading/inquire-daily-ccld", "TTTC0081R", q).body().path("output1").get(0);
  }

  private String odno(WireClient.Reply r) {
    assertEquals("0", r.rtCd(), r.body().toString());
    return r.output().path("ODNO").asText();
  }

  @Test
  void theOpeningAuctionFillsEveryOrderMarketableAtTheSinglePriceAtTheOpenAndTheCloseLikewise() {
    String atPrice = odno(order(true, "00", 2, 71_000)); // the last price: the single price
    String below = odno(order(true, "00", 1, 70_000));
    String market = odno(order(true, "01", 1, 0));
    assertNotEquals("0", order(true, "11", 1, 71_000).rtCd(), "no IOC in a call auction");
    assertEquals(400, kis.control("POST", "/sim/trade", Map.of("symbol", "005930", "price", 71_000, "qty", 1))
        .status(), "KRX prints only at the match");
    assertEquals("0", row(atPrice).path("tot_ccld_qty").asText(), "nothing matches before the open");

    clock.set("2026-11-23T09:00:00");
    assertEquals("2", row(atPrice).path("tot_ccld_qty").asText());
    assertEquals("71000", row(atPrice).path("avg_prvs").asText());
    assertEquals("1", row(market).path("tot_ccld_qty").asText());
    assertEquals("71000", row(market).path("avg_prvs").asText());
    assertEquals("1", row(below).path("rmn_qty").asText(), "not marketable at the single price: it rests");

    clock.set("2026-11-23T15:25:00");
    String sell = odno(order(false, "00", 3, 70_000));
    assertEquals("0", row(sell).path("tot_ccld_qty").asText(), "a marketable sell waits for the closing match");
    clock.set("2026-11-23T15:30:00");
    assertEquals("3", row(sell).path("tot_ccld_qty").asText());
    assertEquals("71000", row(sell).path("avg_prvs").asText(), "at the single price, not its limit");
    assertEquals("0", row(below).path("rmn_qty").asText(), "the unmatched buy expired at the close");
    assertEquals("1", row(below).path("cnc_cfrm_qty").asText());
  }
}
