package kis.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultInjectionTest {
  KisSimulator sim;
  WireClient kis;

  @BeforeEach
  void start() {
    sim = SimTestSupport.start("pingpong-interval = 100ms");
    kis = new WireClient(sim);
    kis.issueToken();
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private WsProbe noticeSocket(String[] keyIv) throws Exception {
    WsProbe ws = new WsProbe(sim.websocketUrl() + "/tryitout");
    JsonNode ack = ws.subscribeAck(kis.approvalKey(), "H0STCNI9", sim.credentials().htsId());
    keyIv[0] = ack.path("body").path("output").path("key").asText();
    keyIv[1] = ack.path("body").path("output").path("iv").asText();
    return ws;
  }

  private static boolean isNotice(String s) {
    return s.startsWith("1|H0STCNI9|");
  }

  @Test
  void wsDropClosesTheSocketAndAReconnectIsAccepted() throws Exception {
    String approval = kis.approvalKey();
    WsProbe ws = new WsProbe(sim.websocketUrl() + "/tryitout");
    ws.subscribeAck(approval, "H0STCNT0", "005930");
    assertEquals(200, kis.control("POST", "/sim/faults", "ws-drop=now").status());
    assertNotNull(ws.closed.get(5, TimeUnit.SECONDS));
    try (WsProbe again = new WsProbe(sim.websocketUrl() + "/tryitout")) {
      assertEquals("OPSP0000", again.subscribeAck(approval, "H0STCNT0", "005930").path("body").path("msg_cd").asText());
    }
  }

  @Test
  void periodicDropKeepsClosingNewSessions() throws Exception {
    String approval = kis.approvalKey();
    kis.control("POST", "/sim/faults", "ws-drop-every-ms=300");
    for (int i = 0; i < 2; i++) {
      WsProbe ws = new WsProbe(sim.websocketUrl() + "/tryitout");
      try {
        ws.subscribe(approval, "1", "H0STCNT0", "005930");
      } catch (java.util.concurrent.CompletionException droppedAlready) {
        // On a slow machine the drop can beat the subscription: the session is closed either way.
      }
      assertNotNull(ws.closed.get(10, TimeUnit.SECONDS), "connection " + (i + 1) + " is dropped");
    }
    kis.control("DELETE", "/sim/faults", null);
  }

  @Test
  void silentSocketStaysOpenButSendsNothing() throws Exception {
    try (WsProbe ws = new WsProbe(sim.websocketUrl() + "/tryitout")) {
      ws.subscribeAck(kis.approvalKey(), "H0STCNT0", "005930");
      // A fence: no heartbeat is queued once pingPong(false) returns, so after the ack of a request
      // sent then, every frame queued before the silence has been read (frames keep their order).
      sim.faults().pingPong(false);
      ws.subscribeAck(kis.approvalKey(), "H0STCNT0", "000660");
      sim.faults().silence(true);
      sim.faults().pingPong(true);
      kis.trade("005930", 71_100, 1);
      assertNull(ws.next(s -> true, Duration.ofMillis(600)), "silent means no data and no PINGPONG");
      assertFalse(ws.closed.isDone());
      sim.faults().silence(false);
      kis.trade("005930", 71_200, 1);
      assertNotNull(ws.next(s -> s.startsWith("0|H0STCNT0|"), Duration.ofSeconds(5)));
    }
  }

  @Test
  void pingPongCanBeSwitchedOff() throws Exception {
    try (WsProbe ws = new WsProbe(sim.websocketUrl() + "/tryitout")) {
      assertNotNull(ws.next(s -> s.contains("PINGPONG"), Duration.ofSeconds(5)));
      kis.control("POST", "/sim/faults", "pingpong=off");
      ws.next(s -> false, Duration.ofMillis(200)); // let a heartbeat already on the wire arrive and be discarded
      assertNull(ws.next(s -> s.contains("PINGPONG"), Duration.ofMillis(600)));
      kis.control("POST", "/sim/faults", "pingpong=on");
      assertNotNull(ws.next(s -> s.contains("PINGPONG"), Duration.ofSeconds(5)));
    }
  }

  @Test
  void http500WithoutTheOrderApplied() {
    sim.faults().failRest(FaultControl.RestFault.HTTP_500, false, 1, "order-cash");
    WireClient.Reply r = kis.buy("005930", 1, 70_000);
    assertEquals(500, r.status());
    assertEquals("EGW00002", r.msgCd());
    assertTrue(sim.account().orders().isEmpty());
    OrderLog.Entry e = sim.orderLog().entries().get(0);
    assertEquals(OrderLog.Outcome.FAULT_NOT_APPLIED, e.outcome());
    assertEquals("VTTC0012U", e.trId());
    assertTrue(e.body().contains("\"PDNO\":\"005930\""));
    assertFalse(e.body().contains(sim.credentials().cano()), "the log masks the account number");
    assertEquals("0", kis.buy("005930", 1, 70_000).rtCd(), "only one request was faulted");
    assertEquals(2, sim.orderLog().size());
  }

  @Test
  void anAppliedFaultOnARequestTheExchangeRefusesIsLoggedAsNotApplied() {
    // Selling shares the account does not hold is refused: nothing was applied behind the 500.
    sim.faults().failRest(FaultControl.RestFault.HTTP_500, true, 1, "order-cash");
    assertEquals(500, kis.sell("005930", 1, 70_000).status());
    assertTrue(sim.account().orders().isEmpty());
    OrderLog.Entry e = sim.orderLog().entries().get(0);
    assertEquals(OrderLog.Outcome.FAULT_NOT_APPLIED, e.outcome());
    assertEquals("", e.odno());
  }

  @Test
  void http500WithTheOrderAppliedShowsInTheDailyInquiry() {
    kis.control("POST", "/sim/faults", "rest-fault=500,rest-fault-applied=true,rest-fault-path=order-cash");
    WireClient.Reply r = kis.buy("005930", 1, 70_000);
    assertEquals(500, r.status());
    OrderLog.Entry e = sim.orderLog().entries().get(0);
    assertEquals(OrderLog.Outcome.FAULT_APPLIED, e.outcome());
    JsonNode rows = kis.dailyCcld("", "", "").body().path("output1");
    assertEquals(1, rows.size());
    assertEquals(e.odno(), rows.get(0).path("odno").asText());
  }

  @Test
  void timeoutWithTheOrderApplied() throws Exception {
    kis.control("POST", "/sim/faults",
        "rest-fault=timeout,rest-fault-applied=true,rest-timeout-ms=3000,rest-fault-path=order-cash");
    Map<String, String> b = kis.account();
    b.put("PDNO", "005930");
    b.put("ORD_DVSN", "00");
    b.put("ORD_QTY", "1");
    b.put("ORD_UNPR", "70000");
    HttpRequest req = HttpRequest.newBuilder(URI.create(sim.restBaseUrl() + WireClient.BASE + "trading/order-cash"))
        .timeout(Duration.ofMillis(800))
        .header("content-type", "application/json").header("authorization", "Bearer " + kis.token)
        .header("appkey", sim.credentials().appKey()).header("appsecret", sim.credentials().appSecret())
        .header("tr_id", "VTTC0012U").header("custtype", "P")
        .POST(HttpRequest.BodyPublishers.ofString(WireClient.write(b))).build();
    assertThrows(HttpTimeoutException.class, () -> kis.http.send(req, HttpResponse.BodyHandlers.ofString()));
    SimTestSupport.eventually(() -> !sim.account().orders().isEmpty(), Duration.ofSeconds(5));
    assertEquals(1, sim.account().orders().size(), "the order was applied although the client saw no reply");
  }

  @Test
  void rateLimitBurstAnswersEgw00201() {
    kis.control("POST", "/sim/faults", "rate-limit-burst=2");
    for (int i = 0; i < 2; i++) {
      WireClient.Reply r = kis.quote("inquire-price", "FHKST01010100", "005930", Map.of());
      assertEquals(500, r.status());
      assertEquals("EGW00201", r.msgCd());
      assertEquals("초당 거래건수를 초과하였습니다.", r.body().path("msg1").asText());
    }
    assertEquals("0", kis.quote("inquire-price", "FHKST01010100", "005930", Map.of()).rtCd());
  }

  @Test
  void expiredTokenAnswersEgw00123UntilANewOneIsIssued() {
    String old = kis.token;
    kis.control("POST", "/sim/faults", "token-expire=now");
    WireClient.Reply r = kis.quote("inquire-price", "FHKST01010100", "005930", Map.of());
    assertEquals("EGW00123", r.msgCd());
    assertEquals("기간이 만료된 token 입니다.", r.body().path("msg1").asText());
    assertFalse(old.equals(kis.issueToken()));
    assertEquals("0", kis.quote("inquire-price", "FHKST01010100", "005930", Map.of()).rtCd());
  }

  @Test
  void noticeArrivesBeforeTheOrderReply() throws Exception {
    String[] k = new String[2];
    try (WsProbe ws = noticeSocket(k)) {
      sim.faults().noticeBeforeReply(true);
      Map<String, String> b = kis.account();
      b.put("PDNO", "005930");
      b.put("ORD_DVSN", "00");
      b.put("ORD_QTY", "1");
      b.put("ORD_UNPR", "70000");
      HttpRequest req = HttpRequest.newBuilder(URI.create(sim.restBaseUrl() + WireClient.BASE + "trading/order-cash"))
          .timeout(Duration.ofSeconds(10))
          .header("content-type", "application/json").header("authorization", "Bearer " + kis.token)
          .header("appkey", sim.credentials().appKey()).header("appsecret", sim.credentials().appSecret())
          .header("tr_id", "VTTC0012U").header("custtype", "P")
          .POST(HttpRequest.BodyPublishers.ofString(WireClient.write(b))).build();
      CompletableFuture<HttpResponse<String>> reply = kis.http.sendAsync(req, HttpResponse.BodyHandlers.ofString());
      String notice = ws.next(FaultInjectionTest::isNotice, Duration.ofSeconds(5));
      assertNotNull(notice);
      assertFalse(reply.isDone(), "the reply must still be outstanding when the notice lands");
      String odno = WireClient.M.readTree(reply.get(5, TimeUnit.SECONDS).body()).path("output").path("ODNO").asText();
      assertEquals(odno, WsProbe.decrypt(notice.split("\\|", 4)[3], k[0], k[1]).split("\\^")[2]);
    }
  }

  @Test
  void duplicatedNoticesArriveTwice() throws Exception {
    String[] k = new String[2];
    try (WsProbe ws = noticeSocket(k)) {
      sim.faults().duplicateNotices(1);
      kis.buy("005930", 1, 70_000);
      String a = ws.next(FaultInjectionTest::isNotice, Duration.ofSeconds(5));
      String b = ws.next(FaultInjectionTest::isNotice, Duration.ofSeconds(5));
      assertNotNull(a);
      assertEquals(a, b);
    }
  }

  @Test
  void lostNoticesNeverArriveButTheDailyInquiryTellsTheTruth() throws Exception {
    String[] k = new String[2];
    try (WsProbe ws = noticeSocket(k)) {
      kis.control("POST", "/sim/faults", "notice-loss=all");
      WireClient.Reply r = kis.order(true, "005930", "01", 2, 0);
      assertNull(ws.next(FaultInjectionTest::isNotice, Duration.ofMillis(600)));
      JsonNode row = kis.dailyCcld("", "", "").body().path("output1").get(0);
      assertEquals(r.output().path("ODNO").asText(), row.path("odno").asText());
      assertEquals("2", row.path("tot_ccld_qty").asText());
    }
  }

  @Test
  void delayedNoticesArriveAfterTheDelay() throws Exception {
    String[] k = new String[2];
    try (WsProbe ws = noticeSocket(k)) {
      sim.faults().delayNotices(Duration.ofMillis(700));
      long t0 = System.nanoTime();
      kis.buy("005930", 1, 70_000);
      assertNotNull(ws.next(FaultInjectionTest::isNotice, Duration.ofSeconds(5)));
      assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(650));
    }
  }

  @Test
  void faultsArmedAtStartApply() {
    try (KisSimulator s = KisSimulator.start(SimTestSupport.config("").withFaults(FaultSpec.parse("rate-limit-burst=1")))) {
      WireClient c = new WireClient(s);
      c.issueToken();
      assertEquals("EGW00201", c.quote("inquire-price", "FHKST01010100", "005930", Map.of()).msgCd());
      assertEquals("0", c.quote("inquire-price", "FHKST01010100", "005930", Map.of()).rtCd());
    }
  }

  @Test
  void controlEndpointShowsClearsAndRejectsUnknownFaults() {
    kis.control("POST", "/sim/faults", "notice-duplicate=all,ws-silent=true");
    JsonNode f = kis.control("GET", "/sim/faults", null).body();
    assertEquals(-1, f.path("notice-duplicate").asInt());
    assertTrue(f.path("ws-silent").asBoolean());
    kis.control("DELETE", "/sim/faults", null);
    assertFalse(kis.control("GET", "/sim/faults", null).body().path("ws-silent").asBoolean());
    assertEquals(400, kis.control("POST", "/sim/faults", "explode=now").status());
    assertEquals(List.of(), sim.orderLog().entries());
  }
}
