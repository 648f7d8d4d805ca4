package kis.connector.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import kis.connector.KisApiException;
import kis.connector.KisConfig;
import kis.connector.KisCredentials;
import kis.connector.KisException;
import kis.connector.KisTransportException;
import kis.connector.auth.HttpTokenIssuer;
import kis.connector.auth.TokenCache;
import kis.connector.auth.TokenManager;
import kis.connector.http.HttpCall;
import kis.connector.testing.FakeClock;
import kis.connector.testing.FakeDelayer;
import kis.connector.testing.ScriptedTransport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KisRestClientTest {
  static final KisCredentials CREDS = KisCredentials.of("APPKEY-0123456789", "APPSECRET-abcdef", "50012345-01", "htsuser01");
  static final String ACCEPTED = "{\"rt_cd\":\"0\",\"msg_cd\":\"40600000\",\"msg1\":\"모의투자 매수주문이 완료 되었습니다.\","
      + "\"output\":{\"KRX_FWDG_ORD_ORGNO\":\"00950\",\"ODNO\":\"0000038614\",\"ORD_TMD\":\"152556\"}}";
  static final String THROTTLED = "{\"rt_cd\":\"1\",\"msg_cd\":\"EGW00201\",\"msg1\":\"초당 거래건수를 초과하였습니다.\"}";
  static final String EXPIRED = "{\"rt_cd\":\"1\",\"msg_cd\":\"EGW00123\",\"msg1\":\"기간이 만료된 token 입니다.\"}";
  static final String PRICE = "{\"rt_cd\":\"0\",\"msg_cd\":\"MCA00000\",\"msg1\":\"정상처리 되었습니다.\",\"output\":"
      + "{\"stck_shrn_iscd\":\"000660\",\"stck_prpr\":\"128500\",\"prdy_vrss\":\"0\",\"prdy_vrss_sign\":\"3\","
      + "\"prdy_ctrt\":\"0.00\",\"stck_mxpr\":\"167000\",\"stck_llam\":\"90000\",\"stck_sdpr\":\"128500\",\"aspr_unit\":\"500\"}}";

  @TempDir Path dir;
  FakeClock clock;
  FakeDelayer delayer;
  ScriptedTransport http;
  TokenManager tokens;
  KisRestClient client;

  @BeforeEach
  void setUp() {
    clock = new FakeClock(Instant.parse("2026-11-24T00:30:00Z"));
    delayer = new FakeDelayer(clock);
    http = new ScriptedTransport();
    client = client(config());
  }

  KisConfig config() {
    return KisConfig.forSimulator("http://127.0.0.1:1", "ws://127.0.0.1:1", dir)
        .withRetries(4, Duration.ofMillis(200), Duration.ofSeconds(1)).withTrIds(false);
  }

  KisRestClient client(KisConfig config) {
    tokens = new TokenManager(new HttpTokenIssuer(http, CREDS, clock, Duration.ofSeconds(5)),
        new TokenCache(dir, config.restUrl(), CREDS.appKey()), clock, delayer, Duration.ofHours(1),
        Duration.ofSeconds(61), Duration.ofHours(20));
    return new KisRestClient(config, CREDS, tokens, new RateLimiter(100, Duration.ofSeconds(1), clock::nanos, delayer),
        http, delayer);
  }

  static <T> T join(CompletionStage<T> s) {
    return s.toCompletableFuture().join();
  }

  static Map<String, String> query(HttpCall c) {
    Map<String, String> m = new LinkedHashMap<>();
    String q = c.pathAndQuery().substring(c.pathAndQuery().indexOf('?') + 1);
    for (String kv : q.split("&")) {
      String[] p = kv.split("=", 2);
      m.put(URLDecoder.decode(p[0], StandardCharsets.UTF_8), URLDecoder.decode(p[1], StandardCharsets.UTF_8));
    }
    return m;
  }

  @Test
  void cashOrderSendsUpperCaseStringBodyWithTheNewTrIdAndAuthHeaders() throws Exception {
    http.then(200, ACCEPTED);

    OrderOutcome o = join(client.orderCash(OrderCashRequest.limit("KRX", OrderSide.BUY, "005930", 10, 70000)));

    assertEquals(new OrderOutcome.Accepted("0000038614", "00950", LocalTime.of(15, 25, 56)), o);
    HttpCall call = http.apiCalls().get(0);
    assertEquals("POST", call.method());
    assertEquals("/uapi/domestic-stock/v1/trading/order-cash", call.pathAndQuery());
    assertEquals("TTTC0012U", call.headers().get("tr_id"));
    assertEquals("Bearer tok-1", call.headers().get("authorization"));
    assertEquals("APPKEY-0123456789", call.headers().get("appkey"));
    assertEquals("P", call.headers().get("custtype"));
    JsonNode body = KisJson.MAPPER.readTree(call.jsonBody());
    assertEquals("50012345", body.get("CANO").asText());
    assertEquals("01", body.get("ACNT_PRDT_CD").asText());
    assertEquals("005930", body.get("PDNO").asText());
    assertEquals("00", body.get("ORD_DVSN").asText());
    assertTrue(body.get("ORD_QTY").isTextual() && body.get("ORD_UNPR").isTextual(), "numbers are JSON strings");
    assertEquals("10", body.get("ORD_QTY").asText());
    assertEquals("70000", body.get("ORD_UNPR").asText());
  }

  @Test
  void theListenerHearsEachRequestOnTheWireWithItsTrAndWhetherAReplyCame() {
    List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
    client.listen((tr, latency, replied) -> heard.add(tr + " " + replied + " " + !latency.isNegative()));
    http.then(200, ACCEPTED).thenTimeout();

    join(client.orderCash(OrderCashRequest.limit("KRX", OrderSide.BUY, "005930", 1, 70000)));
    join(client.orderCash(OrderCashRequest.limit("KRX", OrderSide.SELL, "005930", 1, 70000)));

    assertEquals(List.of("ORDER_CASH_BUY true true", "ORDER_CASH_SELL false true"), heard);
  }

  @Test
  void aThrowingListenerNeverFailsTheCall() {
    client.listen((tr, latency, replied) -> {
      throw new IllegalStateException("broken metrics");
    });
    http.then(200, ACCEPTED);

    assertInstanceOf(OrderOutcome.Accepted.class,
        join(client.orderCash(OrderCashRequest.limit("KRX", OrderSide.BUY, "005930", 1, 70000))));
  }

  @Test
  void paperTrIdsAreSentOnPaper() {
    client = client(config().withTrIds(true));
    http.then(200, ACCEPTED);
    join(client.orderCash(OrderCashRequest.market("KRX", OrderSide.SELL, "005930", 1)));
    assertEquals("VTTC0011U", http.apiCalls().get(0).headers().get("tr_id"));
  }

  @Test
  void orderTimeoutIsInDoubtAndNeverRetried() {
    http.thenTimeout().then(200, ACCEPTED);

    OrderOutcome o = join(client.orderCash(OrderCashRequest.limit("KRX", OrderSide.BUY, "005930", 1, 70000)));

    assertInstanceOf(OrderOutcome.InDoubt.class, o);
    assertEquals(1, http.apiCalls().size());
  }

  @Test
  void orderServerErrorOrLostConnectionIsInDoubt() {
    http.then(500, "<html>Internal Server Error</html>").thenConnectionLost()
        .then(500, "{\"rt_cd\":\"1\",\"msg_cd\":\"EGW00302\",\"msg1\":\"거래 시간 초과\"}");
    for (int i = 0; i < 3; i++) {
      assertInstanceOf(OrderOutcome.InDoubt.class,
          join(client.orderCash(OrderCashRequest.limit("KRX", OrderSide.BUY, "005930", 1, 70000))));
    }
    assertEquals(3, http.apiCalls().size());
  }

  @Test
  void orderThrottledByTheGatewayIsADistinctNotAcceptedOutcome() {
    http.then(500, THROTTLED);
    OrderOutcome o = join(client.orderCash(OrderCashRequest.limit("KRX", OrderSide.BUY, "005930", 1, 70000)));
    assertEquals(new OrderOutcome.Throttled("EGW00201", "초당 거래건수를 초과하였습니다."), o);
    assertEquals(1, http.apiCalls().size());
  }

  @Test
  void businessRejectionCarriesMsgCdAndMessage() {
    http.then(200, "{\"rt_cd\":\"1\",\"msg_cd\":\"40030000\",\"msg1\":\"모의투자 주문처리가 안되었습니다(호가단위 오류)\"}");
    OrderOutcome o = join(client.orderCash(OrderCashRequest.limit("KRX", OrderSide.BUY, "005930", 1, 70001)));
    assertEquals(new OrderOutcome.Rejected("40030000", "모의투자 주문처리가 안되었습니다(호가단위 오류)"), o);
  }

  @Test
  void expiredTokenOnAnOrderIsReissuedOnceWithinTheIssuanceLimitAndResent() {
    http.then(500, EXPIRED).then(200, ACCEPTED);

    OrderOutcome o = join(client.orderCash(OrderCashRequest.limit("KRX", OrderSide.BUY, "005930", 1, 70000)));

    assertInstanceOf(OrderOutcome.Accepted.class, o);
    assertEquals(2, http.tokenIssuances());
    assertEquals("Bearer tok-2", http.apiCalls().get(1).headers().get("authorization"));
    assertTrue(delayer.waits().contains(Duration.ofSeconds(61)), "second issuance waited out the minute: " + delayer.waits());
  }

  @Test
  void tokenRejectedTwiceIsARejectionNotALoop() {
    http.then(500, EXPIRED).then(500, EXPIRED).then(200, ACCEPTED);
    OrderOutcome o = join(client.orderCash(OrderCashRequest.limit("KRX", OrderSide.BUY, "005930", 1, 70000)));
    assertEquals("EGW00123", ((OrderOutcome.Rejected) o).msgCd());
    assertEquals(2, http.apiCalls().size());
  }

  @Test
  void cancelSendsTheRvsecnclFields() throws Exception {
    http.then(200, ACCEPTED);
    join(client.reviseOrCancel(ReviseCancelRequest.cancelAll("KRX", "00950", "0000038614", "00")));
    HttpCall call = http.apiCalls().get(0);
    assertEquals("TTTC0013U", call.headers().get("tr_id"));
    JsonNode body = KisJson.MAPPER.readTree(call.jsonBody());
    assertEquals("02", body.get("RVSE_CNCL_DVSN_CD").asText());
    assertEquals("Y", body.get("QTY_ALL_ORD_YN").asText());
    assertEquals("0", body.get("ORD_QTY").asText());
    assertEquals("0000038614", body.get("ORGN_ODNO").asText());
    assertEquals("00950", body.get("KRX_FWDG_ORD_ORGNO").asText());
  }

  @Test
  void theVenueCodeAndTheTriggerPriceAreTheRequestsNotTheConnectors() throws Exception {
    http.then(200, ACCEPTED).then(200, ACCEPTED).then(200, ACCEPTED);
    join(client.orderCash(new OrderCashRequest(OrderSide.BUY, "005930", "22", 1, 70000, "NXT", 69500)));
    join(client.orderCash(OrderCashRequest.limit("SOR", OrderSide.SELL, "005930", 1, 70000)));
    join(client.reviseOrCancel(ReviseCancelRequest.reviseAll("NXT", "00950", "0000038614", "00", 70100)));

    JsonNode stop = KisJson.MAPPER.readTree(http.apiCalls().get(0).jsonBody());
    assertEquals("NXT", stop.get("EXCG_ID_DVSN_CD").asText());
    assertEquals("69500", stop.get("CNDT_PRIC").asText());
    JsonNode limit = KisJson.MAPPER.readTree(http.apiCalls().get(1).jsonBody());
    assertEquals("SOR", limit.get("EXCG_ID_DVSN_CD").asText());
    assertEquals("", limit.get("CNDT_PRIC").asText(), "no trigger is sent blank");
    JsonNode revise = KisJson.MAPPER.readTree(http.apiCalls().get(2).jsonBody());
    assertEquals("NXT", revise.get("EXCG_ID_DVSN_CD").asText());
    assertEquals("01", revise.get("RVSE_CNCL_DVSN_CD").asText());
    assertTrue(revise.get("CNDT_PRIC") == null, "no trigger on a plain revise");
  }

  @Test
  void readsAreRetriedWithBackoffThroughErrorsTimeoutsAndThrottling() {
    http.then(500, "oops").thenTimeout().then(500, THROTTLED).then(200, PRICE);

    Quote q = join(client.inquirePrice("000660"));

    assertEquals(128500, q.stckPrpr());
    assertEquals(167000, q.stckMxpr());
    assertEquals(500, q.asprUnit());
    assertEquals(4, http.apiCalls().size());
    assertEquals(List.of(Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(800)), delayer.waits());
    assertEquals("J", query(http.apiCalls().get(0)).get("FID_COND_MRKT_DIV_CODE"));
  }

  @Test
  void readsGiveUpAfterTheConfiguredAttempts() {
    http.thenTimeout().thenTimeout().thenTimeout().thenTimeout();
    CompletionException e = assertThrows(CompletionException.class, () -> join(client.inquirePrice("000660")));
    assertInstanceOf(KisTransportException.class, e.getCause());
    assertEquals(4, http.apiCalls().size());
  }

  @Test
  void aBusinessErrorOnAReadIsNotRetried() {
    http.then(200, "{\"rt_cd\":\"1\",\"msg_cd\":\"OPSQ2001\",\"msg1\":\"ERROR : INPUT INVALID_CHECK_MRKT_DIV_CODE\"}");
    CompletionException e = assertThrows(CompletionException.class, () -> join(client.inquirePrice("XXXXXX")));
    assertEquals("OPSQ2001", ((KisApiException) e.getCause()).msgCd());
    assertEquals(1, http.apiCalls().size());
  }

  @Test
  void balanceFollowsContinuationKeysAcrossPages() {
    String fk1 = "50012345^01^N^N^02^01^N^" + " ".repeat(76);
    String nk1 = "PAGE1" + " ".repeat(95);
    http.then(200, balancePage("005930", 10, fk1, nk1, 1_000_000), Map.of("tr_cont", "F"))
        .then(200, balancePage("000660", 5, "fk2", "nk2", 2_000_000), Map.of("tr_cont", "M"))
        .then(200, balancePage("035420", 7, "", "", 3_000_000), Map.of("tr_cont", "D"));

    Balance b = join(client.inquireBalance());

    assertEquals(List.of("005930", "000660", "035420"), b.holdings().stream().map(Balance.Holding::pdno).toList());
    assertEquals(3_000_000, b.summary().dncaTotAmt(), "summary of the last page");
    List<HttpCall> calls = http.apiCalls();
    assertEquals("", calls.get(0).headers().get("tr_cont"));
    assertEquals("", query(calls.get(0)).get("CTX_AREA_FK100"));
    assertEquals("N", calls.get(1).headers().get("tr_cont"));
    assertEquals(fk1, query(calls.get(1)).get("CTX_AREA_FK100"));
    assertEquals(nk1, query(calls.get(1)).get("CTX_AREA_NK100"));
    assertEquals("nk2", query(calls.get(2)).get("CTX_AREA_NK100"));
    assertEquals("50012345", query(calls.get(0)).get("CANO"));
    assertEquals("TTTC8434R", calls.get(0).headers().get("tr_id"));
  }

  @Test
  void dailyCcldJoinsPagesAndParsesOrders() {
    http.then(200, ccldPage("0000000001", "fk", "nk"), Map.of("tr_cont", "M"))
        .then(200, ccldPage("0000000002", "", ""), Map.of("tr_cont", "D"));

    DailyCcld d = join(client.inquireDailyCcld(DailyCcldQuery.day("KRX", LocalDate.of(2026, 11, 24))));

    assertEquals(List.of("0000000001", "0000000002"), d.orders().stream().map(DailyCcld.Order::odno).toList());
    DailyCcld.Order o = d.orders().get(0);
    assertEquals(OrderSide.BUY, o.side());
    assertEquals(10, o.ordQty());
    assertEquals(4, o.totCcldQty());
    assertEquals(6, o.rmnQty());
    assertEquals("20261124", query(http.apiCalls().get(0)).get("INQR_STRT_DT"));
    assertEquals("TTTC0081R", http.apiCalls().get(0).headers().get("tr_id"));
  }

  @Test
  void dailyCcldSendsItsVenueFilterAndReadsEachRowsVenueWhateverTheKeysCase() {
    String page = "{\"rt_cd\":\"0\",\"msg_cd\":\"KIOK0510\",\"msg1\":\"ok\",\"output1\":["
        + "{\"odno\":\"0000000001\",\"sll_buy_dvsn_cd\":\"02\",\"pdno\":\"005930\",\"excg_id_dvsn_Cd\":\"NXT\"},"
        + "{\"odno\":\"0000000002\",\"sll_buy_dvsn_cd\":\"01\",\"pdno\":\"005930\",\"excg_id_dvsn_cd\":\"SOR\"}],"
        + "\"output2\":{}}";
    http.then(200, page);

    DailyCcld d = join(client.inquireDailyCcld(DailyCcldQuery.day("ALL", LocalDate.of(2026, 11, 24))));

    assertEquals("ALL", query(http.apiCalls().get(0)).get("EXCG_ID_DVSN_CD"));
    assertEquals(List.of("NXT", "SOR"), d.orders().stream().map(DailyCcld.Order::excgIdDvsnCd).toList());
  }

  @Test
  void quotesAndChartsAskForTheMarketTheyAreGiven() {
    String book = "{\"rt_cd\":\"0\",\"msg_cd\":\"0\",\"msg1\":\"ok\",\"output1\":{\"askp1\":\"70100\"},\"output2\":{}}";
    String rows = "{\"rt_cd\":\"0\",\"msg_cd\":\"0\",\"msg1\":\"ok\",\"output1\":{},\"output2\":[]}";
    http.then(200, PRICE).then(200, PRICE).then(200, book).then(200, rows).then(200, rows);

    join(client.inquirePrice(kis.connector.QuoteMarket.NXT, "000660"));
    join(client.inquirePrice(kis.connector.QuoteMarket.INTEGRATED, "000660"));
    join(client.inquireAskingPrice(kis.connector.QuoteMarket.NXT, "000660"));
    join(client.dailyCandles(kis.connector.QuoteMarket.INTEGRATED,
        DailyCandlesQuery.days("000660", LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 24))));
    join(client.minuteCandles(kis.connector.QuoteMarket.NXT, "000660", LocalTime.of(17, 0)));

    assertEquals(List.of("NX", "UN", "NX", "UN", "NX"),
        http.apiCalls().stream().map(c -> query(c).get("FID_COND_MRKT_DIV_CODE")).toList());
  }

  @Test
  void pastMinuteCandlesAskForTheDayAndTimeAndReadTheBars() {
    http.then(200, "{\"rt_cd\":\"0\",\"msg_cd\":\"MCA00000\",\"msg1\":\"ok\",\"output1\":{\"stck_prpr\":\"70000\"},"
        + "\"output2\":[{\"stck_bsop_date\":\"20261120\",\"stck_cntg_hour\":\"130000\",\"stck_prpr\":\"70100\","
        + "\"stck_oprc\":\"70000\",\"stck_hgpr\":\"70200\",\"stck_lwpr\":\"69900\",\"cntg_vol\":\"1200\","
        + "\"acml_tr_pbmn\":\"84000000\"},{\"stck_bsop_date\":\"20261120\",\"stck_cntg_hour\":\"125900\","
        + "\"stck_prpr\":\"70000\",\"stck_oprc\":\"69900\",\"stck_hgpr\":\"70000\",\"stck_lwpr\":\"69900\","
        + "\"cntg_vol\":\"300\",\"acml_tr_pbmn\":\"0\"}]}");

    List<MinuteCandle> bars = join(client.pastMinuteCandles(kis.connector.QuoteMarket.INTEGRATED, "005930",
        LocalDate.of(2026, 11, 20), LocalTime.of(13, 0)));

    HttpCall call = http.apiCalls().get(0);
    assertTrue(call.pathAndQuery().startsWith("/uapi/domestic-stock/v1/quotations/inquire-time-dailychartprice?"));
    assertEquals("FHKST03010230", call.headers().get("tr_id"));
    Map<String, String> q = query(call);
    assertEquals("UN", q.get("FID_COND_MRKT_DIV_CODE"));
    assertEquals("005930", q.get("FID_INPUT_ISCD"));
    assertEquals("20261120", q.get("FID_INPUT_DATE_1"));
    assertEquals("130000", q.get("FID_INPUT_HOUR_1"));
    assertEquals(new MinuteCandle(LocalDate.of(2026, 11, 20), LocalTime.of(13, 0), 70000, 70200, 69900, 70100, 1200,
        84_000_000), bars.get(0));
    assertEquals(LocalTime.of(12, 59), bars.get(1).time());
  }

  @Test
  void holidaysFollowTheirOwnContinuationKeysAcrossPages() {
    http.then(200, holidayPage("20261224", "Y", "20261225", "N", "fk1", "nk1"), Map.of("tr_cont", "F"))
        .then(200, holidayPage("20261226", "N", "20261227", "N", "", ""), Map.of("tr_cont", "D"));

    List<MarketDay> days = join(client.chkHoliday(LocalDate.of(2026, 12, 24)));

    assertEquals(List.of(LocalDate.of(2026, 12, 24), LocalDate.of(2026, 12, 25), LocalDate.of(2026, 12, 26),
        LocalDate.of(2026, 12, 27)), days.stream().map(MarketDay::date).toList());
    assertEquals(List.of(true, false, false, false), days.stream().map(MarketDay::open).toList());
    List<HttpCall> calls = http.apiCalls();
    assertEquals("CTCA0903R", calls.get(0).headers().get("tr_id"));
    assertEquals("20261224", query(calls.get(0)).get("BASS_DT"));
    assertEquals("", query(calls.get(0)).get("CTX_AREA_NK"));
    assertEquals("N", calls.get(1).headers().get("tr_cont"));
    assertEquals("fk1", query(calls.get(1)).get("CTX_AREA_FK"));
    assertEquals("nk1", query(calls.get(1)).get("CTX_AREA_NK"));
  }

  static String holidayPage(String d1, String open1, String d2, String open2, String fk, String nk) {
    return "{\"rt_cd\":\"0\",\"msg_cd\":\"0\",\"msg1\":\"ok\",\"ctx_area_fk\":\"" + fk + "\",\"ctx_area_nk\":\""
        + nk + "\",\"output\":[" + day(d1, open1) + "," + day(d2, open2) + "]}";
  }

  static String day(String date, String open) {
    return "{\"bass_dt\":\"" + date + "\",\"wday_dvsn_cd\":\"05\",\"bzdy_yn\":\"" + open + "\",\"tr_day_yn\":\""
        + open + "\",\"opnd_yn\":\"" + open + "\",\"sttl_day_yn\":\"" + open + "\"}";
  }

  @Test
  void holidaysAndPastMinuteCandlesAreRealOnlyAndFailLocallyOnPaper() {
    client = client(config().withTrIds(true));
    CompletionException h = assertThrows(CompletionException.class,
        () -> join(client.chkHoliday(LocalDate.of(2026, 12, 24))));
    CompletionException m = assertThrows(CompletionException.class, () -> join(client.pastMinuteCandles(
        kis.connector.QuoteMarket.KRX, "005930", LocalDate.of(2026, 11, 20), LocalTime.of(13, 0))));
    assertInstanceOf(KisException.class, h.getCause());
    assertInstanceOf(KisException.class, m.getCause());
    assertTrue(http.apiCalls().isEmpty());
  }

  @Test
  void realOnlyTrFailsLocallyOnPaper() {
    client = client(config().withTrIds(true));
    CompletionException e = assertThrows(CompletionException.class, () -> join(client.inquirePsblRvsecncl()));
    assertInstanceOf(KisException.class, e.getCause());
    assertTrue(http.apiCalls().isEmpty());
  }

  static String balancePage(String pdno, long qty, String fk, String nk, long cash) {
    return "{\"rt_cd\":\"0\",\"msg_cd\":\"KIOK0500\",\"msg1\":\"조회가 계속됩니다\",\"ctx_area_fk100\":\"" + fk
        + "\",\"ctx_area_nk100\":\"" + nk + "\",\"output1\":[{\"pdno\":\"" + pdno + "\",\"hldg_qty\":\"" + qty
        + "\",\"pchs_avg_pric\":\"70000.0000\"}],\"output2\":[{\"dnca_tot_amt\":\"" + cash + "\"}]}";
  }

  static String ccldPage(String odno, String fk, String nk) {
    return "{\"rt_cd\":\"0\",\"msg_cd\":\"KIOK0510\",\"msg1\":\"조회가 완료되었습니다\",\"ctx_area_fk100\":\"" + fk
        + "\",\"ctx_area_nk100\":\"" + nk + "\",\"output1\":[{\"ord_dt\":\"20261124\",\"ord_gno_brno\":\"00950\","
        + "\"odno\":\"" + odno + "\",\"sll_buy_dvsn_cd\":\"02\",\"pdno\":\"005930\",\"ord_qty\":\"10\","
        + "\"ord_unpr\":\"70000\",\"ord_tmd\":\"093015\",\"tot_ccld_qty\":\"4\",\"avg_prvs\":\"70000\","
        + "\"rmn_qty\":\"6\"}],\"output2\":{\"tot_ord_qty\":\"10\"}}";
  }
}
