package kis.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A plain KIS client for tests, written from shared/kis-api.md with the JDK HTTP client (never
 * kis-connector): token, headers, POST bodies and GET queries exactly as KIS wants them.
 */
final class WireClient {
  static final ObjectMapper M = new ObjectMapper();
  static final String BASE = "/uapi/domestic-stock/v1/";

  /** One answer: status, the {@code tr_cont} header and the JSON body. */
  record Reply(int status, String trCont, JsonNode body) {
    String rtCd() {
      return body.path("rt_cd").asText();
    }

    String msgCd() {
      return body.path("msg_cd").asText();
    }

    JsonNode output() {
      return body.path("output");
    }
  }

  final KisSimulator sim;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  String token;

  WireClient(KisSimulator sim) {
    this.sim = sim;
  }

  SimCredentials creds() {
    return sim.credentials();
  }

  Reply raw(HttpRequest req) {
    try {
      HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      JsonNode body = r.body().isBlank() ? M.createObjectNode() : M.readTree(r.body());
      return new Reply(r.statusCode(), r.headers().firstValue("tr_cont").orElse(""), body);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  Reply postJson(String path, Object body) {
    return raw(HttpRequest.newBuilder(URI.create(sim.restBaseUrl() + path)).timeout(Duration.ofSeconds(10))
        .header("content-type", "application/json; charset=utf-8")
        .POST(HttpRequest.BodyPublishers.ofString(write(body))).build());
  }

  static String write(Object o) {
    try {
      return M.writeValueAsString(o);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  String issueToken() {
    Reply r = postJson("/oauth2/tokenP", Map.of("grant_type", "client_credentials", "appkey", creds().appKey(),
        "appsecret", creds().appSecret()));
    if (r.status() != 200) {
      throw new IllegalStateException("token refused: " + r.body());
    }
    token = r.body().path("access_token").asText();
    return token;
  }

  String approvalKey() {
    Reply r = postJson("/oauth2/Approval", Map.of("grant_type", "client_credentials", "appkey", creds().appKey(),
        "secretkey", creds().appSecret()));
    return r.body().path("approval_key").asText();
  }

  private HttpRequest.Builder tr(String path, String trId, String trCont) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.restBaseUrl() + path))
        .timeout(Duration.ofSeconds(10))
        .header("content-type", "application/json; charset=utf-8")
        .header("authorization", "Bearer " + token)
        .header("appkey", creds().appKey())
        .header("appsecret", creds().appSecret())
        .header("tr_id", trId)
        .header("custtype", "P");
    if (trCont != null) {
      b.header("tr_cont", trCont);
    }
    return b;
  }

  Reply post(String path, String trId, Map<String, String> body) {
    return raw(tr(BASE + path, trId, null).POST(HttpRequest.BodyPublishers.ofString(write(body))).build());
  }

  Reply get(String path, String trId, Map<String, String> query) {
    return get(path, trId, query, null);
  }

  Reply get(String path, String trId, Map<String, String> query, String trCont) {
    String q = query.entrySet().stream()
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return raw(tr(BASE + path + "?" + q, trId, trCont).GET().build());
  }

  Map<String, String> account() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("CANO", creds().cano());
    m.put("ACNT_PRDT_CD", creds().acntPrdtCd());
    return m;
  }

  /** order-cash with the new paper TR ids. */
  Reply order(boolean buy, String code, String ordDvsn, long qty, long price) {
    Map<String, String> b = account();
    b.put("PDNO", code);
    b.put("ORD_DVSN", ordDvsn);
    b.put("ORD_QTY", Long.toString(qty));
    b.put("ORD_UNPR", Long.toString(price));
    b.put("EXCG_ID_DVSN_CD", "KRX");
    return post("trading/order-cash", buy ? "VTTC0012U" : "VTTC0011U", b);
  }

  /**
   * order-cash with a real account's TR ids, to {@code excg}; {@code cndtPric} a stop's trigger
   * price or null.
   */
  Reply realOrder(boolean buy, String code, String ordDvsn, long qty, long price, String excg, String cndtPric) {
    Map<String, String> b = account();
    b.put("PDNO", code);
    b.put("ORD_DVSN", ordDvsn);
    b.put("ORD_QTY", Long.toString(qty));
    b.put("ORD_UNPR", Long.toString(price));
    b.put("EXCG_ID_DVSN_CD", excg);
    if (cndtPric != null) {
      b.put("CNDT_PRIC", cndtPric);
    }
    return post("trading/order-cash", buy ? "TTTC0012U" : "TTTC0011U", b);
  }

  Reply buy(String code, long qty, long price) {
    return order(true, code, "00", qty, price);
  }

  Reply sell(String code, long qty, long price) {
    return order(false, code, "00", qty, price);
  }

  Reply cancel(String odno, boolean all, long qty) {
    Map<String, String> b = account();
    b.put("KRX_FWDG_ORD_ORGNO", "00950");
    b.put("ORGN_ODNO", odno);
    b.put("ORD_DVSN", "00");
    b.put("RVSE_CNCL_DVSN_CD", "02");
    b.put("ORD_QTY", Long.toString(all ? 0 : qty));
    b.put("ORD_UNPR", "0");
    b.put("QTY_ALL_ORD_YN", all ? "Y" : "N");
    return post("trading/order-rvsecncl", "VTTC0013U", b);
  }

  Reply revise(String odno, long qty, long price) {
    Map<String, String> b = account();
    b.put("KRX_FWDG_ORD_ORGNO", "00950");
    b.put("ORGN_ODNO", odno);
    b.put("ORD_DVSN", "00");
    b.put("RVSE_CNCL_DVSN_CD", "01");
    b.put("ORD_QTY", Long.toString(qty));
    b.put("ORD_UNPR", Long.toString(price));
    b.put("QTY_ALL_ORD_YN", qty == 0 ? "Y" : "N");
    return post("trading/order-rvsecncl", "VTTC0013U", b);
  }

  Reply dailyCcld(String trCont, String fk, String nk) {
    return get("trading/inquire-daily-ccld", "VTTC0081R", dailyCcldQuery("", null, fk, nk), trCont);
  }

  /** inquire-daily-ccld of {@code day} ({@code yyyyMMdd}) with a real account's TR id, {@code excg}'s orders. */
  Reply realDailyCcld(String day, String excg) {
    return get("trading/inquire-daily-ccld", "TTTC0081R", dailyCcldQuery(day, excg, "", ""));
  }

  /** The query of every order of {@code day} (empty: today), of {@code excg} unless null, from the page {@code fk}/{@code nk}. */
  private Map<String, String> dailyCcldQuery(String day, String excg, String fk, String nk) {
    Map<String, String> q = account();
    q.put("INQR_STRT_DT", day);
    q.put("INQR_END_DT", day);
    q.put("SLL_BUY_DVSN_CD", "00");
    q.put("INQR_DVSN", "01");
    q.put("PDNO", "");
    q.put("CCLD_DVSN", "00");
    q.put("ORD_GNO_BRNO", "");
    q.put("ODNO", "");
    q.put("INQR_DVSN_3", "00");
    q.put("INQR_DVSN_1", "");
    if (excg != null) {
      q.put("EXCG_ID_DVSN_CD", excg);
    }
    q.put("CTX_AREA_FK100", fk);
    q.put("CTX_AREA_NK100", nk);
    return q;
  }

  Reply balance(String trCont, String fk, String nk) {
    Map<String, String> q = account();
    q.put("AFHR_FLPR_YN", "N");
    q.put("OFL_YN", "");
    q.put("INQR_DVSN", "02");
    q.put("UNPR_DVSN", "01");
    q.put("FUND_STTL_ICLD_YN", "N");
    q.put("FNCG_AMT_AUTO_RDPT_YN", "N");
    q.put("PRCS_DVSN", "00");
    q.put("CTX_AREA_FK100", fk);
    q.put("CTX_AREA_NK100", nk);
    return get("trading/inquire-balance", "VTTC8434R", q, trCont);
  }

  Reply quote(String path, String trId, String code, Map<String, String> extra) {
    Map<String, String> q = new LinkedHashMap<>();
    q.put("fid_cond_mrkt_div_code", "J");
    q.put("fid_input_iscd", code);
    q.putAll(extra);
    return get("quotations/" + path, trId, q);
  }

  /** Control endpoint call. */
  Reply control(String method, String path, Object body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.restBaseUrl() + path)).timeout(Duration.ofSeconds(10));
    String text = body == null ? "" : body instanceof String s ? s : write(body);
    b.method(method, text.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(text));
    return raw(b.build());
  }

  void trade(String code, long price, long qty) {
    Reply r = control("POST", "/sim/trade", Map.of("symbol", code, "price", price, "qty", qty));
    if (r.status() != 200) {
      throw new IllegalStateException("trade refused: " + r.body());
    }
  }
}
