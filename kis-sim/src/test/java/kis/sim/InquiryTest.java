package kis.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InquiryTest {
  KisSimulator sim;
  WireClient kis;

  @BeforeAll
  void start() {
    sim = SimTestSupport.start("");
    kis = new WireClient(sim);
    kis.issueToken();
    // 17 resting buys (more than one paper page of 15) and one filled buy.
    for (int i = 0; i < 17; i++) {
      assertEquals("0", kis.buy("005930", 1, 60_000 + 100 * i).rtCd());
    }
    assertEquals("0", kis.order(true, "000660", "01", 3, 0).rtCd());
  }

  @AfterAll
  void stop() {
    sim.close();
  }

  @Test
  void dailyCcldPagesFifteenRowsWithContinuationKeys() {
    WireClient.Reply p1 = kis.dailyCcld("", "", "");
    assertEquals("20310000", p1.msgCd());
    assertEquals("F", p1.trCont());
    assertEquals(15, p1.body().path("output1").size());
    String fk = p1.body().path("ctx_area_fk100").asText();
    String nk = p1.body().path("ctx_area_nk100").asText();
    assertEquals(100, nk.length());
    assertTrue(nk.startsWith(sim.credentials().cano() + "^"));
    WireClient.Reply p2 = kis.dailyCcld("N", fk, nk);
    assertEquals("D", p2.trCont());
    assertEquals(3, p2.body().path("output1").size());
    assertEquals(" ".repeat(100), p2.body().path("ctx_area_nk100").asText());
    Set<String> odnos = new HashSet<>();
    p1.body().path("output1").forEach(r -> odnos.add(r.path("odno").asText()));
    p2.body().path("output1").forEach(r -> odnos.add(r.path("odno").asText()));
    assertEquals(18, odnos.size());
    JsonNode out2 = p2.body().path("output2");
    assertEquals("20", out2.path("tot_ord_qty").asText());
    assertEquals("3", out2.path("tot_ccld_qty").asText());
  }

  @Test
  void dailyCcldRowCarriesKisFieldsAsStrings() {
    JsonNode row = kis.dailyCcld("", "", "").body().path("output1").get(0);
    for (String f : new String[] {"ord_dt", "ord_gno_brno", "odno", "orgn_odno", "ord_dvsn_name", "sll_buy_dvsn_cd",
        "sll_buy_dvsn_cd_name", "pdno", "prdt_name", "ord_qty", "ord_unpr", "ord_tmd", "tot_ccld_qty", "avg_prvs",
        "cncl_yn", "tot_ccld_amt", "ord_dvsn_cd", "cnc_cfrm_qty", "rmn_qty", "rjct_qty", "excg_id_dvsn_Cd"}) {
      assertTrue(row.path(f).isTextual(), f);
    }
    assertEquals("02", row.path("sll_buy_dvsn_cd").asText());
    assertEquals("00950", row.path("ord_gno_brno").asText());
  }

  @Test
  void dailyCcldFiltersUnfilledOrders() {
    Map<String, String> q = kis.account();
    q.put("CCLD_DVSN", "01");
    q.put("PDNO", "000660");
    JsonNode rows = kis.get("trading/inquire-daily-ccld", "VTTC0081R", q).body().path("output1");
    assertEquals(1, rows.size());
    assertEquals("3", rows.get(0).path("tot_ccld_qty").asText());
  }

  @Test
  void balanceListsHoldingsAndASummaryArray() {
    WireClient.Reply r = kis.balance("", "", "");
    assertEquals("0", r.rtCd());
    assertEquals("D", r.trCont());
    JsonNode h = r.body().path("output1").get(0);
    assertEquals("000660", h.path("pdno").asText());
    assertEquals("3", h.path("hldg_qty").asText());
    assertEquals("3", h.path("ord_psbl_qty").asText());
    assertTrue(h.path("pchs_avg_pric").asText().matches("\\d+\\.\\d{4}"));
    JsonNode sum = r.body().path("output2");
    assertTrue(sum.isArray());
    assertEquals(1, sum.size());
    long cash = sim.account().cash();
    JsonNode s = sum.get(0);
    assertEquals(Long.toString(cash), s.path("prvs_rcdl_excc_amt").asText(), "D+2 holds every execution");
    long todayNet = s.path("thdt_sll_amt").asLong() - s.path("thdt_buy_amt").asLong() - s.path("thdt_tlex_amt").asLong();
    long prevNet = s.path("bfdy_sll_amt").asLong() - s.path("bfdy_buy_amt").asLong() - s.path("bfdy_tlex_amt").asLong();
    assertTrue(todayNet != 0, "the fixture traded today: " + s);
    assertEquals(cash - todayNet, s.path("nxdy_excc_amt").asLong(), "D+1 lacks today's trades");
    assertEquals(cash - todayNet - prevNet, s.path("dnca_tot_amt").asLong(), "the deposit lacks unsettled trades");
    long scts = sum.get(0).path("scts_evlu_amt").asLong();
    assertEquals(cash + scts, sum.get(0).path("tot_evlu_amt").asLong());
  }

  @Test
  void psblOrderReportsCashAndQuantity() {
    Map<String, String> q = kis.account();
    q.put("PDNO", "005930");
    q.put("ORD_UNPR", "70000");
    q.put("ORD_DVSN", "00");
    q.put("CMA_EVLU_AMT_ICLD_YN", "N");
    q.put("OVRS_ICLD_YN", "N");
    JsonNode out = kis.get("trading/inquire-psbl-order", "VTTC8908R", q).body().path("output");
    long cash = out.path("ord_psbl_cash").asLong();
    assertEquals(sim.account().orderableCash(), cash);
    long qty = out.path("nrcvb_buy_qty").asLong();
    assertTrue(qty * 70_000 <= cash && (qty + 1) * 70_000 > cash - 100);
  }

  @Test
  void priceCarriesLimitsAndTick() {
    JsonNode o = kis.quote("inquire-price", "FHKST01010100", "000660", Map.of()).body().path("output");
    assertEquals("128500", o.path("stck_sdpr").asText());
    assertEquals("167000", o.path("stck_mxpr").asText());
    assertEquals("90000", o.path("stck_llam").asText());
    assertEquals("38500", o.path("rstc_wdth_prc").asText());
    assertEquals("100", o.path("aspr_unit").asText());
    assertTrue(o.has("prdy_vrss_sign") && o.has("acml_vol") && o.has("hts_avls") && o.has("mang_issu_cls_code"));
  }

  @Test
  void askingPriceHasTenLevelsEachSide() {
    JsonNode b = kis.quote("inquire-asking-price-exp-ccn", "FHKST01010200", "035420", Map.of()).body();
    JsonNode o1 = b.path("output1");
    for (int i = 1; i <= 10; i++) {
      assertTrue(o1.path("askp" + i).asLong() > 0);
      assertTrue(o1.path("bidp" + i).asLong() > 0);
    }
    assertTrue(o1.path("askp1").asLong() > o1.path("bidp1").asLong());
    assertTrue(o1.path("askp2").asLong() > o1.path("askp1").asLong());
    assertEquals("035420", b.path("output2").path("stck_shrn_iscd").asText());
  }

  @Test
  void dailyChartGivesAtMostOneHundredBarsNewestFirst() {
    JsonNode b = kis.quote("inquire-daily-itemchartprice", "FHKST03010100", "005930", Map.of(
        "FID_INPUT_DATE_1", "20200101", "FID_INPUT_DATE_2", "20991231", "FID_PERIOD_DIV_CODE", "D",
        "FID_ORG_ADJ_PRC", "0")).body();
    JsonNode bars = b.path("output2");
    assertEquals(100, bars.size());
    assertTrue(bars.get(0).path("stck_bsop_date").asText().compareTo(bars.get(1).path("stck_bsop_date").asText()) > 0);
    assertEquals("삼성전자", b.path("output1").path("hts_kor_isnm").asText());
    JsonNode weeks = kis.quote("inquire-daily-itemchartprice", "FHKST03010100", "005930", Map.of(
        "FID_INPUT_DATE_1", "20200101", "FID_INPUT_DATE_2", "20991231", "FID_PERIOD_DIV_CODE", "W",
        "FID_ORG_ADJ_PRC", "0")).body().path("output2");
    assertTrue(weeks.size() > 40 && weeks.size() < 100);
  }

  @Test
  void minuteChartHasTodaysBars() {
    kis.trade("035720", 42_150, 5);
    JsonNode b = kis.quote("inquire-time-itemchartprice", "FHKST03010200", "035720", Map.of(
        "FID_ETC_CLS_CODE", "", "FID_INPUT_HOUR_1", "235959", "FID_PW_DATA_INCU_YN", "N")).body();
    JsonNode bars = b.path("output2");
    assertTrue(bars.size() >= 1 && bars.size() <= 30);
    assertTrue(bars.get(0).path("stck_cntg_hour").asText().matches("\\d{6}"));
    assertTrue(bars.get(0).path("cntg_vol").asLong() >= 5);
  }

  @Test
  void investorFlowsGiveThirtyDaysWithForeignNetBuying() {
    JsonNode rows = kis.quote("inquire-investor", "FHKST01010900", "005930", Map.of()).body().path("output");
    assertEquals(30, rows.size());
    JsonNode y = rows.get(1);
    assertTrue(y.has("frgn_ntby_qty") && y.has("orgn_ntby_qty") && y.has("prsn_ntby_qty"));
    long sum = y.path("frgn_ntby_qty").asLong() + y.path("orgn_ntby_qty").asLong() + y.path("prsn_ntby_qty").asLong();
    assertEquals(0, sum, "net buying across investor types balances out");
  }

  @Test
  void unknownStockQuoteIsAnError() {
    WireClient.Reply r = kis.quote("inquire-price", "FHKST01010100", "999999", Map.of());
    assertEquals("1", r.rtCd());
  }
}
