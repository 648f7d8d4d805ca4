package kis.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import kis.journal.Symbol;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OrderRulesTest {
  static final String UNIVERSE = "universe = ["
      + "{ code = \"005930\", name = \"삼성전자\", base-price = 71000, volatility = 0.3, floating-shares = 5969782550 }\n"
      + "{ code = \"000660\", name = \"SK하이닉스\", base-price = 128500, volatility = 0.4, floating-shares = 728002365 }\n"
      + "{ code = \"114800\", name = \"KODEX 인버스\", base-price = 988, volatility = 0.2, floating-shares = 100000000 }\n"
      + "]\ninitial-cash = 10000000\n";

  KisSimulator sim;
  WireClient kis;

  @BeforeEach
  void start() {
    sim = SimTestSupport.start(UNIVERSE);
    kis = new WireClient(sim);
    kis.issueToken();
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private JsonNode ccldRow(String odno) {
    for (JsonNode r : kis.dailyCcld("", "", "").body().path("output1")) {
      if (r.path("odno").asText().equals(odno)) {
        return r;
      }
    }
    throw new AssertionError("order " + odno + " not in inquire-daily-ccld");
  }

  @Test
  void paperServerRefusesStocksUnderOneThousandWon() {
    WireClient.Reply r = kis.buy("114800", 1, 988);
    assertEquals("1", r.rtCd());
    assertEquals("40070000", r.msgCd());
    assertEquals("모의투자 주문처리가 안되었습니다(매매불가 종목)", r.body().path("msg1").asText());
  }

  @Test
  void offTickPriceIsRefused() {
    WireClient.Reply r = kis.buy("005930", 1, 70_050);
    assertEquals("40030000", r.msgCd());
  }

  @Test
  void priceBeyondThirtyPercentIsRefused() {
    // SK hynix base 128,500: the band is 90,000..167,000 (shared/kis-api.md §7.3).
    assertEquals("40040000", kis.buy("000660", 1, 167_100).msgCd());
    assertEquals("40040000", kis.buy("000660", 1, 89_900).msgCd());
    assertEquals("0", kis.buy("000660", 1, 90_000).rtCd());
  }

  @Test
  void buyBeyondCashIsRefused() {
    WireClient.Reply r = kis.buy("005930", 200, 70_000);
    assertEquals("40250000", r.msgCd());
    assertEquals("모의투자 주문가능금액이 부족합니다.", r.body().path("msg1").asText());
  }

  @Test
  void marketBuyReservesTheUpperLimitPrice() {
    // 10,000,000 won covers 130 shares at 71,100 but not at the upper limit 92,300.
    assertEquals("40250000", kis.order(true, "005930", "01", 130, 0).msgCd());
  }

  @Test
  void sellWithoutSharesIsRefused() {
    assertEquals("40240000", kis.sell("005930", 1, 72_000).msgCd());
  }

  @Test
  void marketBuyFillsAtTheBestAsk() {
    WireClient.Reply r = kis.order(true, "005930", "01", 1, 0);
    assertEquals("0", r.rtCd());
    JsonNode row = ccldRow(r.output().path("ODNO").asText());
    assertEquals("1", row.path("tot_ccld_qty").asText());
    assertEquals("71100", row.path("avg_prvs").asText());
    assertEquals("0", row.path("rmn_qty").asText());
    long fee = 71_100L * 140_527 / 1_000_000_000L;
    assertEquals(10_000_000 - 71_100 - fee, sim.account().cash());
  }

  @Test
  void anOrderFilledAtSeveralPricesIsChargedItsFeeRoundedDownOnceOnItsTotal() {
    // The best ask holds hundreds of shares: sweeping past it takes more than this class's cash.
    long cash = 100_000_000;
    try (KisSimulator rich = SimTestSupport.start(UNIVERSE.replace("initial-cash = 10000000", "initial-cash = " + cash))) {
      WireClient w = new WireClient(rich);
      w.issueToken();
      JsonNode book = w.quote("inquire-asking-price-exp-ccn", "FHKST01010200", "005930", Map.of()).body();
      long q1 = book.path("output1").path("askp_rsqn1").asLong();
      WireClient.Reply r = w.order(true, "005930", "01", q1 + 140, 0);
      assertEquals("0", r.rtCd(), r.body().toString());
      String odno = r.output().path("ODNO").asText();
      List<AccountView.FillView> fills = rich.account().fills().stream().filter(f -> f.odno().equals(odno)).toList();
      assertTrue(fills.stream().map(AccountView.FillView::price).distinct().count() > 1, "swept two levels: " + fills);
      long amount = fills.stream().mapToLong(f -> f.qty() * f.price()).sum();
      long fee = amount * 140_527 / 1_000_000_000L;
      long perFill = fills.stream().mapToLong(f -> f.qty() * f.price() * 140_527 / 1_000_000_000L).sum();
      assertNotEquals(fee, perFill, "the sweep must tell per-order from per-fill rounding apart: " + fills);
      assertEquals(fee, fills.stream().mapToLong(AccountView.FillView::fee).sum());
      assertEquals(cash - amount - fee, rich.account().cash());
    }
  }

  @Test
  void limitBuyLargerThanTheBestAskIsPartiallyFilledAndRestsTheRemainder() {
    JsonNode book = kis.quote("inquire-asking-price-exp-ccn", "FHKST01010200", "005930", Map.of()).body();
    long ask1 = book.path("output1").path("askp1").asLong();
    long q1 = book.path("output1").path("askp_rsqn1").asLong();
    assertEquals(71_100, ask1);
    long qty = Math.min(q1 + 5, 100);
    WireClient.Reply r = kis.buy("005930", qty, ask1);
    JsonNode row = ccldRow(r.output().path("ODNO").asText());
    assertEquals(Math.min(q1, qty), row.path("tot_ccld_qty").asLong());
    assertEquals(qty - Math.min(q1, qty), row.path("rmn_qty").asLong());
  }

  @Test
  void cancelTwiceFindsNothingLeftToCancel() {
    String odno = kis.buy("005930", 5, 69_000).output().path("ODNO").asText();
    WireClient.Reply c1 = kis.cancel(odno, true, 0);
    assertEquals("0", c1.rtCd());
    assertEquals("40630000", c1.msgCd());
    assertNotEquals(odno, c1.output().path("ODNO").asText());
    WireClient.Reply c2 = kis.cancel(odno, true, 0);
    assertEquals("40330000", c2.msgCd());
    assertEquals("모의투자 정정/취소할 수량이 없습니다.", c2.body().path("msg1").asText());
    JsonNode cancelRow = ccldRow(c1.output().path("ODNO").asText());
    assertEquals(odno, cancelRow.path("orgn_odno").asText());
    assertEquals("Y", cancelRow.path("cncl_yn").asText());
    assertEquals("5", cancelRow.path("cnc_cfrm_qty").asText());
    assertEquals("0", ccldRow(odno).path("rmn_qty").asText());
  }

  @Test
  void partialCancelLeavesTheRestWorking() {
    String odno = kis.buy("005930", 5, 69_000).output().path("ODNO").asText();
    assertEquals("0", kis.cancel(odno, false, 2).rtCd());
    assertEquals("3", ccldRow(odno).path("rmn_qty").asText());
    kis.trade("005930", 69_000, 10);
    assertEquals("3", ccldRow(odno).path("tot_ccld_qty").asText());
    assertEquals(3L, sim.account().holdings().get(Symbol.of("005930")));
  }

  @Test
  void cancelOfUnknownOrderIsRefused() {
    assertEquals("40320000", kis.cancel("0000099999", true, 0).msgCd());
  }

  @Test
  void reviseMovesTheQuantityToANewOrderNumberAtTheNewPrice() {
    String odno = kis.buy("005930", 4, 68_000).output().path("ODNO").asText();
    WireClient.Reply rv = kis.revise(odno, 0, 69_500);
    assertEquals("0", rv.rtCd(), rv.body().toString());
    assertEquals("40620000", rv.msgCd());
    String newNo = rv.output().path("ODNO").asText();
    kis.trade("005930", 69_500, 10);
    JsonNode row = ccldRow(newNo);
    assertEquals(odno, row.path("orgn_odno").asText());
    assertEquals("4", row.path("tot_ccld_qty").asText());
    assertEquals("69500", row.path("avg_prvs").asText());
    assertEquals("0", ccldRow(odno).path("tot_ccld_qty").asText());
  }

  @Test
  void iocRemainderIsCancelledAtOnce() {
    JsonNode book = kis.quote("inquire-asking-price-exp-ccn", "FHKST01010200", "005930", Map.of()).body();
    long q1 = book.path("output1").path("askp_rsqn1").asLong();
    WireClient.Reply r = kis.order(true, "005930", "11", Math.min(q1 + 3, 120), 71_100);
    JsonNode row = ccldRow(r.output().path("ODNO").asText());
    assertEquals("0", row.path("rmn_qty").asText());
    assertEquals(Math.min(q1 + 3, 120) - Math.min(q1, 120), row.path("cnc_cfrm_qty").asLong());
  }

  @Test
  void oldTrIdsAreStillAccepted() {
    Map<String, String> b = kis.account();
    b.put("PDNO", "005930");
    b.put("ORD_DVSN", "00");
    b.put("ORD_QTY", "1");
    b.put("ORD_UNPR", "69000");
    WireClient.Reply r = kis.post("trading/order-cash", "VTTC0802U", b);
    assertEquals("0", r.rtCd());
    assertEquals("40600000", r.msgCd());
  }

  @Test
  void sellFillChargesTaxAndFee() {
    kis.order(true, "005930", "01", 2, 0);
    long cashAfterBuy = sim.account().cash();
    WireClient.Reply s = kis.sell("005930", 2, 72_000);
    assertEquals("0", s.rtCd());
    assertEquals("40590000", s.msgCd());
    kis.trade("005930", 72_000, 2);
    long value = 144_000;
    long costs = value * 140_527 / 1_000_000_000L + value * 2_000_000 / 1_000_000_000L;
    assertEquals(cashAfterBuy + value - costs, sim.account().cash());
    assertTrue(sim.account().holdings().isEmpty());
  }

  @Test
  void endOfDayExpiresOpenOrders() {
    String odno = kis.buy("005930", 5, 69_000).output().path("ODNO").asText();
    kis.control("POST", "/sim/session/end-of-day", null);
    AccountView.OrderView o = sim.account().orders().get(0);
    assertEquals(odno, o.odno());
    assertTrue(o.expired());
    assertEquals(0, o.remainingQty());
    assertEquals(5, o.cancelledQty());
  }
}
