package kis.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import kis.journal.Side;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.model.AttributeKeys;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.model.ws.WebSocketUpgrade;

/**
 * The HTTP front door: websocket upgrades, the OAuth endpoints, the KIS gateway checks (app key,
 * secret, bearer token, rate limit, tr_id, custtype, account) in front of every TR, fault
 * injection, the order log, and the {@code /sim/} control endpoints.
 */
final class RestApi {
  private static final String BASE = "/uapi/domestic-stock/v1/";

  @FunctionalInterface
  interface Handler {
    RestReply handle(RestCall call, String trId);
  }

  /** A TR endpoint: method, the real-server TR ids it answers to, and flags for the gateway. */
  record Route(String method, List<String> realTrIds, boolean realOnly, boolean account, boolean order,
      Handler handler) {}

  private final ActorSystem<?> system;
  private final Flavour flavour;
  private final SimCredentials creds;
  private final TokenAuthority tokens;
  private final RateLimiter limiter;
  private final FaultControl faults;
  private final OrderLog orderLog;
  private final WsHub hub;
  private final ControlEndpoints control;
  private final Map<String, Route> routes = new HashMap<>();

  RestApi(ActorSystem<?> system, Flavour flavour, SimCredentials creds, Exchange ex, TokenAuthority tokens,
      RateLimiter limiter, FaultControl faults, OrderLog orderLog, WsHub hub, ControlEndpoints control) {
    this.system = system;
    this.flavour = flavour;
    this.creds = creds;
    this.tokens = tokens;
    this.limiter = limiter;
    this.faults = faults;
    this.orderLog = orderLog;
    this.hub = hub;
    this.control = control;
    TradingEndpoints t = new TradingEndpoints(ex, flavour, creds);
    QuoteEndpoints q = new QuoteEndpoints(ex);
    routes.put(BASE + "trading/order-cash", new Route("POST",
        List.of("TTTC0012U", "TTTC0802U", "TTTC0011U", "TTTC0801U"), false, true, true,
        (c, tr) -> t.orderCash(c, tr, isBuy(tr) ? Side.BUY : Side.SELL)));
    routes.put(BASE + "trading/order-rvsecncl", new Route("POST", List.of("TTTC0013U", "TTTC0803U"), false, true,
        true, t::reviseCancel));
    routes.put(BASE + "trading/inquire-psbl-rvsecncl", new Route("GET", List.of("TTTC0084R", "TTTC8036R"), true,
        true, false, t::psblRvsecncl));
    routes.put(BASE + "trading/inquire-daily-ccld", new Route("GET",
        List.of("TTTC0081R", "TTTC8001R", "CTSC9215R", "CTSC9115R"), false, true, false, t::dailyCcld));
    routes.put(BASE + "trading/inquire-balance", new Route("GET", List.of("TTTC8434R"), false, true, false,
        t::balance));
    routes.put(BASE + "trading/inquire-psbl-order", new Route("GET", List.of("TTTC8908R"), false, true, false,
        t::psblOrder));
    routes.put(BASE + "quotations/inquire-price", new Route("GET", List.of("FHKST01010100"), false, false, false,
        q::price));
    routes.put(BASE + "quotations/inquire-asking-price-exp-ccn", new Route("GET", List.of("FHKST01010200"), false,
        false, false, q::askingPrice));
    routes.put(BASE + "quotations/inquire-daily-itemchartprice", new Route("GET", List.of("FHKST03010100"), false,
        false, false, q::dailyChart));
    routes.put(BASE + "quotations/inquire-time-itemchartprice", new Route("GET", List.of("FHKST03010200"), false,
        false, false, q::timeChart));
    routes.put(BASE + "quotations/inquire-investor", new Route("GET", List.of("FHKST01010900"), false, false, false,
        q::investor));
  }

  private boolean isBuy(String trId) {
    return trId.equals(flavour.trId("TTTC0012U")) || trId.equals(flavour.trId("TTTC0802U"));
  }

  // ---------------------------------------------------------------- entry

  CompletionStage<HttpResponse> handle(HttpRequest req) {
    String path = req.getUri().path();
    java.util.Optional<WebSocketUpgrade> upgrade = req.getAttribute(AttributeKeys.webSocketUpgrade);
    if (upgrade.isPresent()) {
      if (path.equals("/") || path.equals("/tryitout") || path.startsWith("/tryitout/")) {
        return CompletableFuture.completedFuture(upgrade.get().handleMessagesWith(hub.newConnection()));
      }
      return CompletableFuture.completedFuture(HttpResponse.create().withStatus(404));
    }
    return req.entity().toStrict(10_000, system).thenCompose(strict -> {
      String raw = strict.getData().utf8String();
      Map<String, String> headers = new HashMap<>();
      for (HttpHeader h : req.getHeaders()) {
        headers.put(h.lowercaseName(), h.value());
      }
      Map<String, String> query = new HashMap<>();
      req.getUri().query().toMap().forEach((k, v) -> query.put(k.toUpperCase(Locale.ROOT), v));
      JsonNode body = null;
      if (!raw.isBlank()) {
        try {
          body = Json.parse(raw);
        } catch (Exception e) {
          body = null;
        }
      }
      RestCall call = new RestCall(req.method().value(), path, headers, query, body, raw);
      return dispatch(call);
    });
  }

  private CompletionStage<HttpResponse> dispatch(RestCall c) {
    if (c.path().startsWith("/sim/") || c.path().equals("/sim")) {
      return CompletableFuture.completedFuture(control.handle(c));
    }
    switch (c.path()) {
      case "/oauth2/tokenP":
        return done(tokenP(c));
      case "/oauth2/revokeP":
        return done(revokeP(c));
      case "/oauth2/Approval":
        return done(approval(c));
      case "/uapi/hashkey":
        return done(hashkey(c));
      default:
        break;
    }
    Route route = routes.get(c.path());
    if (route == null) {
      return done(response(RestReply.error(404, "", "OPSQ0002", "없는 서비스 코드 입니다.")));
    }
    return gate(c, route).thenApply(this::response);
  }

  private static CompletionStage<HttpResponse> done(HttpResponse r) {
    return CompletableFuture.completedFuture(r);
  }

  // ---------------------------------------------------------------- OAuth

  private static HttpResponse oauthError(String code, String description) {
    ObjectNode n = Json.object();
    n.put("error_description", description);
    n.put("error_code", code);
    return json(403, n, Map.of());
  }

  /** The app key / secret of a token, approval or hashkey call; null when they match ours. */
  private HttpResponse checkAppCredentials(String appKey, String appSecret) {
    if (appKey.isBlank()) {
      return oauthError("EGW00102", "AppKey는 필수입니다.");
    }
    if (!appKey.equals(creds.appKey())) {
      return oauthError("EGW00103", "유효하지 않은 AppKey입니다.");
    }
    if (appSecret.isBlank()) {
      return oauthError("EGW00104", "AppSecret은 필수입니다.");
    }
    if (!appSecret.equals(creds.appSecret())) {
      return oauthError("EGW00105", "유효하지 않은 AppSecret입니다.");
    }
    return null;
  }

  private HttpResponse tokenP(RestCall c) {
    if (c.body() == null) {
      return oauthError("EGW00101", "유효하지 않은 요청입니다.");
    }
    String grant = Json.text(c.body(), "grant_type");
    if (grant.isBlank()) {
      return oauthError("EGW00115", "grant_type은 필수입니다.");
    }
    if (!grant.equals("client_credentials")) {
      return oauthError("EGW00116", "유효하지 않은 grant_type입니다.");
    }
    HttpResponse bad = checkAppCredentials(Json.text(c.body(), "appkey"), Json.text(c.body(), "appsecret"));
    if (bad != null) {
      return bad;
    }
    TokenAuthority.Issue issue = tokens.issue();
    if (issue instanceof TokenAuthority.TooSoon) {
      return oauthError("EGW00133", "접근토큰 발급 잠시 후 다시 시도하세요(1분당 1회)");
    }
    TokenAuthority.Token t = ((TokenAuthority.Issued) issue).token();
    ObjectNode n = Json.object();
    n.put("access_token", t.value());
    n.put("access_token_token_expired", TokenAuthority.EXPIRY.format(t.expiresAt()));
    n.put("token_type", "Bearer");
    n.put("expires_in", Math.max(0, Duration.between(java.time.Instant.now(), t.expiresAt()).getSeconds()));
    return json(200, n, Map.of());
  }

  private HttpResponse revokeP(RestCall c) {
    if (c.body() == null) {
      return oauthError("EGW00101", "유효하지 않은 요청입니다.");
    }
    HttpResponse bad = checkAppCredentials(Json.text(c.body(), "appkey"), Json.text(c.body(), "appsecret"));
    if (bad != null) {
      return bad;
    }
    ObjectNode n = Json.object();
    if (tokens.revoke(Json.text(c.body(), "token"))) {
      n.put("code", "200");
      n.put("message", "접근토큰이 폐기되었습니다.");
      return json(200, n, Map.of());
    }
    return oauthError("EGW00121", "유효하지 않은 token 입니다.");
  }

  private HttpResponse approval(RestCall c) {
    if (c.body() == null) {
      return oauthError("EGW00101", "유효하지 않은 요청입니다.");
    }
    if (!"client_credentials".equals(Json.text(c.body(), "grant_type"))) {
      return oauthError("EGW00116", "유효하지 않은 grant_type입니다.");
    }
    HttpResponse bad = checkAppCredentials(Json.text(c.body(), "appkey"), Json.text(c.body(), "secretkey"));
    if (bad != null) {
      return bad;
    }
    ObjectNode n = Json.object();
    n.put("approval_key", tokens.approvalKey());
    return json(200, n, Map.of());
  }

  private HttpResponse hashkey(RestCall c) {
    HttpResponse bad = checkAppCredentials(c.header("appkey"), c.header("appsecret"));
    if (bad != null) {
      return bad;
    }
    if (c.body() == null) {
      return json(200, RestReply.envelope("1", "OPSQ9997", "JSON PARSING ERROR : invalid json format"), Map.of());
    }
    ObjectNode n = Json.object();
    n.set("JsonBody", c.body());
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(c.rawBody().getBytes(StandardCharsets.UTF_8));
      n.put("HASH", HexFormat.of().formatHex(d));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    return json(200, n, Map.of());
  }

  // ---------------------------------------------------------------- the gateway

  private CompletionStage<RestReply> gate(RestCall c, Route route) {
    String trId = c.header("tr_id");
    RestReply refused = refusal(c, route, trId);
    if (refused != null) {
      logOrder(route, c, trId, OrderLog.Outcome.REFUSED_AT_GATEWAY, "", refused.msgCd());
      return CompletableFuture.completedFuture(refused);
    }
    FaultControl.RestFaultHit fault = faults.takeRestFault(c.path());
    if (fault != null) {
      String odno = "";
      if (fault.applied()) {
        RestReply applied = route.handler().handle(c, trId);
        odno = Json.text(applied.body().get("output"), "ODNO");
      }
      logOrder(route, c, trId, fault.applied() ? OrderLog.Outcome.FAULT_APPLIED : OrderLog.Outcome.FAULT_NOT_APPLIED,
          odno, fault.kind() == FaultControl.RestFault.TIMEOUT ? "EGW00302" : "EGW00002");
      if (fault.kind() == FaultControl.RestFault.TIMEOUT) {
        return later(fault.timeoutMs(),
            RestReply.gateway(trId, "EGW00302", "거래 처리시간이 초과되었습니다. 이전 거래를 확인하세요."));
      }
      return CompletableFuture.completedFuture(RestReply.gateway(trId, "EGW00002", "서버 에러가 발생했습니다."));
    }
    RestReply reply = route.handler().handle(c, trId);
    if (route.order()) {
      boolean ok = "0".equals(Json.text(reply.body(), "rt_cd"));
      logOrder(route, c, trId, ok ? OrderLog.Outcome.ACCEPTED : OrderLog.Outcome.REJECTED,
          ok ? Json.text(reply.body().get("output"), "ODNO") : "", reply.msgCd());
      if (ok && faults.noticeBeforeReply()) {
        // The notices went out when the exchange accepted the order; hold the reply back a little
        // so the client surely sees them first.
        return later(300 + faults.noticeDelayMs(), reply);
      }
    }
    return CompletableFuture.completedFuture(reply);
  }

  private RestReply refusal(RestCall c, Route route, String trId) {
    if (faults.takeRateLimitBurst()) {
      return RestReply.gateway(trId, "EGW00201", "초당 거래건수를 초과하였습니다.");
    }
    String appKey = c.header("appkey");
    if (appKey.isBlank()) {
      return RestReply.gateway(trId, "EGW00102", "AppKey는 필수입니다.");
    }
    if (!appKey.equals(creds.appKey())) {
      return RestReply.gateway(trId, "EGW00103", "유효하지 않은 AppKey입니다.");
    }
    String secret = c.header("appsecret");
    if (secret.isBlank()) {
      return RestReply.gateway(trId, "EGW00104", "AppSecret은 필수입니다.");
    }
    if (!secret.equals(creds.appSecret())) {
      return RestReply.gateway(trId, "EGW00105", "유효하지 않은 AppSecret입니다.");
    }
    String auth = c.header("authorization");
    if (!auth.startsWith("Bearer ")) {
      return RestReply.gateway(trId, "EGW00205", "credentials_type이 유효하지 않습니다.(Bearer)");
    }
    switch (tokens.check(auth.substring("Bearer ".length()).trim())) {
      case NOT_FOUND:
        return RestReply.gateway(trId, "EGW00121", "유효하지 않은 token 입니다.");
      case EXPIRED:
        return RestReply.gateway(trId, "EGW00123", "기간이 만료된 token 입니다.");
      default:
        break;
    }
    if (!limiter.tryAcquire(appKey)) {
      return RestReply.gateway(trId, "EGW00201", "초당 거래건수를 초과하였습니다.");
    }
    if (trId.isBlank()) {
      return RestReply.gateway(trId, "OPSQ9999", "JSON PARSING ERROR : tr_id not found");
    }
    String custtype = c.header("custtype");
    if (!custtype.equals("P") && !custtype.equals("B")) {
      return RestReply.gateway(trId, "EGW00208", "고객유형(custtype)이 유효하지 않습니다.");
    }
    boolean known = route.realTrIds().stream().anyMatch(r -> flavour.trId(r).equals(trId));
    if (flavour == Flavour.VTS && (route.realOnly() || !known)) {
      return RestReply.gateway(trId, "EGW2004", "모의투자 TR 이 아닙니다.");
    }
    if (!known) {
      return RestReply.error(500, trId, "OPSQ0002", "없는 서비스 코드 입니다.");
    }
    if (!route.method().equals(c.method())) {
      return RestReply.gateway(trId, "EGW00101", "유효하지 않은 요청입니다.");
    }
    if (route.method().equals("POST") && (c.body() == null || !c.body().isObject())) {
      return RestReply.error(500, trId, "OPSQ9997", "JSON PARSING ERROR : invalid json format");
    }
    if (route.account()) {
      String cano = route.method().equals("POST") ? c.field("CANO") : c.param("CANO");
      String prdt = route.method().equals("POST") ? c.field("ACNT_PRDT_CD") : c.param("ACNT_PRDT_CD");
      if (!cano.equals(creds.cano()) || !prdt.equals(creds.acntPrdtCd())) {
        return RestReply.error(200, trId, "OPSQ2000", "ERROR : INPUT INVALID_CHECK_ACNO");
      }
    }
    return null;
  }

  private void logOrder(Route route, RestCall c, String trId, OrderLog.Outcome outcome, String odno, String msgCd) {
    if (route.order()) {
      orderLog.add(trId, c.rawBody(), outcome, odno, msgCd);
    }
  }

  private CompletionStage<RestReply> later(long millis, RestReply reply) {
    CompletableFuture<RestReply> f = new CompletableFuture<>();
    system.scheduler().scheduleOnce(Duration.ofMillis(millis), () -> f.complete(reply), system.executionContext());
    return f;
  }

  // ---------------------------------------------------------------- responses

  private HttpResponse response(RestReply r) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("tr_id", r.trId());
    h.put("tr_cont", r.trCont());
    h.put("gt_uid", UUID.randomUUID().toString().replace("-", ""));
    return json(r.status(), r.body(), h);
  }

  static HttpResponse json(int status, JsonNode body, Map<String, String> headers) {
    HttpResponse resp = HttpResponse.create().withStatus(status)
        .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, Json.write(body).getBytes(StandardCharsets.UTF_8)));
    for (Map.Entry<String, String> e : headers.entrySet()) {
      resp = resp.addHeader(RawHeader.create(e.getKey(), e.getValue()));
    }
    return resp;
  }
}
