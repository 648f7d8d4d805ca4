package kis.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.HashMap;
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
  /** How long an order reply is held back under {@code notice-before-reply}. */
  private static final long NOTICE_FIRST_HOLD_MS = 500;

  @FunctionalInterface
  interface Handler {
    RestReply handle(RestCall call, String trId);
  }

  /** A TR endpoint: method, the real-server TR ids it answers to, and flags for the gateway. */
  record Route(String method, List<String> realTrIds, boolean realOnly, boolean account, boolean order,
      Handler handler) {}

  /**
   * Quotation TRs with a C prefix that keep their id on paper (the V-for-C rule is for account
   * TRs): search-stock-info, which the engine calls in both modes to check its symbols.
   */
  private static final java.util.Set<String> SAME_ON_PAPER = java.util.Set.of("CTPF1002R");

  private final ActorSystem<?> system;
  private final Flavour flavour;
  private final SimCredentials creds;
  private final TokenAuthority tokens;
  private final RateLimiter limiter;
  private final FaultControl faults;
  private final OrderLog orderLog;
  private final WsHub hub;
  private final ControlEndpoints control;
  private final OAuthEndpoints oauth;
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
    this.oauth = new OAuthEndpoints(creds, tokens);
    OrderEndpoints o = new OrderEndpoints(ex, flavour);
    AccountInquiries t = new AccountInquiries(ex, flavour, creds);
    QuoteEndpoints q = new QuoteEndpoints(ex);
    routes.put(BASE + "trading/order-cash", new Route("POST",
        List.of("TTTC0012U", "TTTC0802U", "TTTC0011U", "TTTC0801U"), false, true, true,
        (c, tr) -> o.orderCash(c, tr, isBuy(tr) ? Side.BUY : Side.SELL)));
    routes.put(BASE + "trading/order-rvsecncl", new Route("POST", List.of("TTTC0013U", "TTTC0803U"), false, true,
        true, o::reviseCancel));
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
    routes.put(BASE + "quotations/inquire-ccnl", new Route("GET", List.of("FHKST01010300"), false, false, false,
        q::recentTrades));
    routes.put(BASE + "quotations/inquire-daily-price", new Route("GET", List.of("FHKST01010400"), false, false,
        false, q::dailyPrice));
    routes.put(BASE + "quotations/inquire-time-dailychartprice", new Route("GET", List.of("FHKST03010230"), true,
        false, false, q::pastTimeChart));
    HolidayEndpoint h = new HolidayEndpoint(ex.clock.calendar().days());
    routes.put(BASE + "quotations/chk-holiday", new Route("GET", List.of("CTCA0903R"), true, false, false,
        h::chkHoliday));
    routes.put(BASE + "quotations/search-stock-info", new Route("GET", List.of("CTPF1002R"), false, false, false,
        q::stockInfo));
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
        return done(oauth.tokenP(c));
      case "/oauth2/revokeP":
        return done(oauth.revokeP(c));
      case "/oauth2/Approval":
        return done(oauth.approval(c));
      case "/uapi/hashkey":
        return done(oauth.hashkey(c));
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
      boolean applied = false;
      if (fault.applied()) {
        RestReply reply = route.handler().handle(c, trId);
        // A request the exchange refused (no shares, nothing left to cancel …) changed nothing.
        applied = "0".equals(Json.text(reply.body(), "rt_cd"));
        odno = applied ? Json.text(reply.body().get("output"), "ODNO") : "";
      }
      logOrder(route, c, trId, applied ? OrderLog.Outcome.FAULT_APPLIED : OrderLog.Outcome.FAULT_NOT_APPLIED,
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
        return later(NOTICE_FIRST_HOLD_MS + faults.noticeDelayMs(), reply);
      }
    }
    return CompletableFuture.completedFuture(reply);
  }

  private RestReply refusal(RestCall c, Route route, String trId) {
    if (faults.takeRateLimitBurst(c.path())) {
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
    boolean known = route.realTrIds().stream().anyMatch(r -> flavour.trId(r).equals(trId))
        || SAME_ON_PAPER.contains(trId) && route.realTrIds().contains(trId);
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
      // The log may end up in test output: keep the account number out of it.
      String body = c.rawBody();
      if (c.body() != null && c.body().isObject()) {
        ObjectNode copy = ((ObjectNode) c.body()).deepCopy();
        if (copy.has("CANO")) {
          copy.put("CANO", "********");
        }
        body = Json.write(copy);
      }
      orderLog.add(trId, body, outcome, odno, msgCd);
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
        .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON,
            Json.write(body).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    for (Map.Entry<String, String> e : headers.entrySet()) {
      resp = resp.addHeader(RawHeader.create(e.getKey(), e.getValue()));
    }
    return resp;
  }
}
