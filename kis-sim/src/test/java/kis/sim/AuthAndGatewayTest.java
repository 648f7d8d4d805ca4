package kis.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthAndGatewayTest {
  KisSimulator sim;
  WireClient kis;

  @BeforeAll
  void start() {
    sim = SimTestSupport.start("");
    kis = new WireClient(sim);
    kis.issueToken();
  }

  @AfterAll
  void stop() {
    sim.close();
  }

  private WireClient.Reply priceWith(Map<String, String> headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.restBaseUrl()
        + "/uapi/domestic-stock/v1/quotations/inquire-price?FID_COND_MRKT_DIV_CODE=J&FID_INPUT_ISCD=005930"))
        .timeout(Duration.ofSeconds(5));
    headers.forEach(b::header);
    return kis.raw(b.GET().build());
  }

  private Map<String, String> goodHeaders() {
    return new java.util.HashMap<>(Map.of("authorization", "Bearer " + kis.token, "appkey", sim.credentials().appKey(),
        "appsecret", sim.credentials().appSecret(), "tr_id", "FHKST01010100", "custtype", "P"));
  }

  @Test
  void tokenResponseHasKisFields() {
    WireClient.Reply r = kis.postJson("/oauth2/tokenP", Map.of("grant_type", "client_credentials",
        "appkey", sim.credentials().appKey(), "appsecret", sim.credentials().appSecret()));
    assertEquals(200, r.status());
    assertTrue(r.body().path("access_token").asText().startsWith("eyJ"));
    assertEquals("Bearer", r.body().path("token_type").asText());
    assertTrue(r.body().path("expires_in").asLong() > 86_000);
    assertTrue(r.body().path("access_token_token_expired").asText().matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"));
  }

  @Test
  void tokenReissuedWithinSixHoursIsTheSameToken() {
    String a = kis.issueToken();
    String b = kis.issueToken();
    assertEquals(a, b);
  }

  @Test
  void tokenRequestWithWrongSecretIsRefusedWith403() {
    WireClient.Reply r = kis.postJson("/oauth2/tokenP", Map.of("grant_type", "client_credentials",
        "appkey", sim.credentials().appKey(), "appsecret", "nope"));
    assertEquals(403, r.status());
    assertEquals("EGW00105", r.body().path("error_code").asText());
  }

  @Test
  void secondTokenWithinAMinuteGetsEgw00133() {
    try (KisSimulator strict = SimTestSupport.start("token-reissue-interval = 60s")) {
      WireClient c = new WireClient(strict);
      c.issueToken();
      WireClient.Reply r = c.postJson("/oauth2/tokenP", Map.of("grant_type", "client_credentials",
          "appkey", strict.credentials().appKey(), "appsecret", strict.credentials().appSecret()));
      assertEquals(403, r.status());
      assertEquals("EGW00133", r.body().path("error_code").asText());
      assertEquals("접근토큰 발급 잠시 후 다시 시도하세요(1분당 1회)", r.body().path("error_description").asText());
    }
  }

  @Test
  void validCallPassesTheGateway() {
    WireClient.Reply r = priceWith(goodHeaders());
    assertEquals(200, r.status());
    assertEquals("0", r.rtCd());
    assertEquals("MCA00000", r.msgCd());
  }

  @Test
  void missingOrWrongHeadersGetTheirGatewayCodes() {
    Map<String, String> h = goodHeaders();
    h.remove("appkey");
    assertEquals("EGW00102", priceWith(h).msgCd());
    h = goodHeaders();
    h.put("appkey", "x");
    assertEquals("EGW00103", priceWith(h).msgCd());
    h = goodHeaders();
    h.remove("appsecret");
    assertEquals("EGW00104", priceWith(h).msgCd());
    h = goodHeaders();
    h.put("appsecret", "x");
    assertEquals("EGW00105", priceWith(h).msgCd());
    h = goodHeaders();
    h.put("authorization", kis.token);
    assertEquals("EGW00205", priceWith(h).msgCd());
    h = goodHeaders();
    h.put("authorization", "Bearer eyJnotatoken");
    WireClient.Reply r = priceWith(h);
    assertEquals(500, r.status());
    assertEquals("1", r.rtCd());
    assertEquals("EGW00121", r.msgCd());
    h = goodHeaders();
    h.remove("custtype");
    assertEquals("EGW00208", priceWith(h).msgCd());
  }

  @Test
  void realTrIdSentToThePaperServerIsNotAPaperTr() {
    WireClient.Reply r = kis.get("trading/inquire-balance", "TTTC8434R", kis.account());
    assertEquals("EGW2004", r.msgCd());
    assertEquals("모의투자 TR 이 아닙니다.", r.body().path("msg1").asText());
  }

  @Test
  void realOnlyEndpointIsRefusedOnPaper() {
    Map<String, String> q = kis.account();
    q.put("INQR_DVSN_1", "0");
    q.put("INQR_DVSN_2", "0");
    assertEquals("EGW2004", kis.get("trading/inquire-psbl-rvsecncl", "VTTC0084R", q).msgCd());
  }

  @Test
  void wrongAccountIsRefused() {
    Map<String, String> b = Map.of("CANO", "50999999", "ACNT_PRDT_CD", "01", "PDNO", "005930", "ORD_DVSN", "00",
        "ORD_QTY", "1", "ORD_UNPR", "70000");
    WireClient.Reply r = kis.post("trading/order-cash", "VTTC0012U", b);
    assertEquals("OPSQ2000", r.msgCd());
    assertEquals(OrderLog.Outcome.REFUSED_AT_GATEWAY, sim.orderLog().entries().get(sim.orderLog().size() - 1).outcome());
  }

  @Test
  void revokedTokenIsNoLongerValid() {
    try (KisSimulator s = SimTestSupport.start("")) {
      WireClient c = new WireClient(s);
      String t = c.issueToken();
      WireClient.Reply rv = c.postJson("/oauth2/revokeP", Map.of("appkey", s.credentials().appKey(),
          "appsecret", s.credentials().appSecret(), "token", t));
      assertEquals("200", rv.body().path("code").asText());
      assertEquals("EGW00121", c.quote("inquire-price", "FHKST01010100", "005930", Map.of()).msgCd());
      String t2 = c.issueToken();
      assertNotEquals(t, t2);
      assertEquals("0", c.quote("inquire-price", "FHKST01010100", "005930", Map.of()).rtCd());
    }
  }

  @Test
  void approvalKeyIsUuidShaped() {
    String key = kis.approvalKey();
    assertEquals(36, key.length());
    WireClient.Reply bad = kis.postJson("/oauth2/Approval", Map.of("grant_type", "client_credentials",
        "appkey", sim.credentials().appKey(), "appsecret", sim.credentials().appSecret()));
    assertEquals(403, bad.status(), "the secret goes in 'secretkey', not 'appsecret'");
  }

  @Test
  void hashkeyEchoesTheBodyWithAHash() {
    HttpRequest req = HttpRequest.newBuilder(URI.create(sim.restBaseUrl() + "/uapi/hashkey"))
        .header("content-type", "application/json").header("appkey", sim.credentials().appKey())
        .header("appsecret", sim.credentials().appSecret())
        .POST(HttpRequest.BodyPublishers.ofString("{\"CANO\":\"1\",\"PDNO\":\"005930\"}")).build();
    WireClient.Reply r = kis.raw(req);
    JsonNode body = r.body();
    assertEquals("005930", body.path("JsonBody").path("PDNO").asText());
    assertEquals(64, body.path("HASH").asText().length());
  }

  @Test
  void credentialsAreShapedLikeKisAndRedactedInToString() {
    SimCredentials c = sim.credentials();
    assertEquals(36, c.appKey().length());
    assertEquals(180, c.appSecret().length());
    assertTrue(c.cano().startsWith("50"));
    assertEquals("01", c.acntPrdtCd());
    assertFalse(c.toString().contains(c.appKey()));
    assertFalse(c.toString().contains(c.appSecret()));
    assertFalse(c.toString().contains(c.cano()));
  }
}
