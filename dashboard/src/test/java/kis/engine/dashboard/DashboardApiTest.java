package kis.engine.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import kis.engine.dashboard.demo.DemoEngine;
import kis.journal.AgentId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DashboardApiTest {
  @TempDir Path dir;
  private DemoEngine engine;
  private DashboardFixture dash;

  @BeforeEach
  void start() throws Exception {
    engine = new DemoEngine(Clock.systemUTC(), 3);
    dash = new DashboardFixture(engine, engine, dir.resolve("control-audit.jsonl"));
  }

  @AfterEach
  void stop() {
    dash.close();
  }

  @Test
  void listsEveryAgentWithTheTableColumns() throws Exception {
    HttpResponse<String> res = dash.get("/api/agents");
    assertEquals(200, res.statusCode());
    assertTrue(res.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    List<AgentRow> rows = Json.MAPPER.readValue(res.body(), new TypeReference<List<AgentRow>>() {});
    assertEquals(engine.agents(), rows, "JSON round-trips to the same rows");
    JsonNode first = Json.MAPPER.readTree(res.body()).get(0);
    assertEquals("005930", first.get("symbols").get(0).asText());
    for (String field : List.of("id", "strategy", "state", "position", "averagePrice", "realizedPnl",
        "unrealizedPnl", "workingOrders", "lastFill", "riskState")) {
      assertTrue(first.has(field), field);
    }
  }

  @Test
  void overviewCarriesConnectionReconcileKillSwitchAndClock() throws Exception {
    JsonNode o = Json.MAPPER.readTree(dash.get("/api/overview").body());
    assertEquals("LIVE", o.get("connection").get("websocket").get("state").asText());
    assertEquals(20, o.get("connection").get("restCallsPerSecondLimit").asInt());
    assertEquals("NEVER", o.get("reconcile").get("result").asText());
    assertFalse(o.get("killSwitch").get("engaged").asBoolean());
    assertTrue(o.get("clock").get("kst").asText().endsWith("+09:00"), o.get("clock").toString());
    assertEquals(0, o.get("connection").get("ordersHeldForToken").asInt());
    assertFalse(o.get("disk").get("low").asBoolean());

    engine.disk(new DiskStatus(true, 100L << 20, 256L << 20, java.time.Instant.now(), "disk almost full: 100 MiB free"));
    JsonNode low = Json.MAPPER.readTree(dash.get("/api/overview").body()).get("disk");
    assertTrue(low.get("low").asBoolean());
    assertEquals("disk almost full: 100 MiB free", low.get("detail").asText());
    assertEquals(256L << 20, low.get("minFreeBytes").asLong());
  }

  @Test
  void agentDetailHasOrdersFillsPnlAndEventsAndUnknownAgentsAre404() throws Exception {
    engine.tick();
    JsonNode d = Json.MAPPER.readTree(dash.get("/api/agents/samsung-mr").body());
    assertEquals("samsung-mr", d.get("row").get("id").asText());
    assertEquals("WORKING", d.get("openOrders").get(0).get("status").asText());
    assertEquals(2, d.get("pnl").size());
    assertTrue(d.get("fills").size() >= 1);
    assertTrue(d.get("events").get(0).asText().contains("Order"));
    assertEquals(404, dash.get("/api/agents/nobody").statusCode());
    assertEquals(400, dash.get("/api/agents/-bad-").statusCode());
  }

  @Test
  void controlsAreRefusedWithoutTheTokenAndAudited() throws Exception {
    HttpResponse<String> none = dash.post("/api/agents/samsung-mr/pause", null);
    HttpResponse<String> wrong = dash.post("/api/kill-switch", "not-the-token-at-all");

    assertEquals(401, none.statusCode());
    assertEquals(401, wrong.statusCode());
    assertEquals(List.of(), engine.controlLog(), "the engine was never asked");
    assertEquals(AgentRunState.RUNNING, engine.agents().get(0).state());
    assertFalse(engine.killSwitch().engaged());
    List<ControlAudit.Entry> audit = dash.audit.recent();
    assertEquals(2, audit.size());
    assertEquals("refused: bad token", audit.get(0).outcome());
    assertEquals("kill-switch", audit.get(0).action());
    assertEquals("refused: no token", audit.get(1).outcome());
    assertEquals("agents/samsung-mr/pause", audit.get(1).action());
    assertEquals("kim", audit.get(1).operator());
  }

  @Test
  void aControlNeverTakesTheTokenFromTheQueryStringKillSwitchAndResetIncluded() throws Exception {
    String q = "?token=" + DashboardFixture.TOKEN;
    HttpResponse<String> on = dash.postWith("/api/kill-switch" + q, java.util.Map.of());
    HttpResponse<String> reset = dash.postWith("/api/kill-switch/reset" + q, java.util.Map.of());
    HttpResponse<String> pause = dash.postWith("/api/agents/samsung-mr/pause" + q, java.util.Map.of());

    assertEquals(401, on.statusCode());
    assertEquals(401, reset.statusCode());
    assertEquals(401, pause.statusCode());
    assertTrue(on.body().contains("Authorization header only"), on.body());
    assertFalse(engine.killSwitch().engaged());
    assertEquals(List.of(), engine.controlLog(), "the engine was never asked");
    assertEquals("refused: token in query", dash.audit.recent().get(0).outcome());
  }

  @Test
  void aCrossSiteControlIsRefusedWithTheTokenAndASameOriginOneGoesThrough() throws Exception {
    String bearer = "Bearer " + DashboardFixture.TOKEN;
    HttpResponse<String> evil = dash.postWith("/api/kill-switch",
        java.util.Map.of("Authorization", bearer, "Origin", "https://evil.example"));
    HttpResponse<String> fetchMeta = dash.postWith("/api/kill-switch",
        java.util.Map.of("Authorization", bearer, "Sec-Fetch-Site", "cross-site"));
    assertEquals(403, evil.statusCode(), evil.body());
    assertEquals(403, fetchMeta.statusCode(), fetchMeta.body());
    assertFalse(engine.killSwitch().engaged());

    HttpResponse<String> own = dash.postWith("/api/kill-switch", java.util.Map.of("Authorization", bearer,
        "Origin", "http://" + dash.hostPort(), "Sec-Fetch-Site", "same-origin"));
    assertEquals(200, own.statusCode(), own.body());
    assertTrue(engine.killSwitch().engaged());
  }

  @Test
  void aFloodOfRefusedControlsGrowsTheAuditFileByTheFirstOfEachReasonOnly() throws Exception {
    for (int i = 0; i < 40; i++) {
      assertEquals(401, dash.post("/api/kill-switch", "wrong-token-" + i + "-xxxxxxxxxxxx").statusCode());
    }
    List<String> lines = Files.readAllLines(dir.resolve("control-audit.jsonl"));
    // The minute may turn during the loop: then its count and the next minute's first are written too.
    assertTrue(lines.size() <= 3, lines.toString());
    assertTrue(lines.get(0).contains("refused: bad token"), lines.get(0));
  }

  @Test
  void controlsWithTheTokenReachTheEngineAndAreAuditedWithWhoAndWhen() throws Exception {
    HttpResponse<String> pause = dash.post("/api/agents/samsung-mr/pause", DashboardFixture.TOKEN);
    assertEquals(200, pause.statusCode(), pause.body());
    assertEquals(AgentRunState.PAUSED, engine.agents().get(0).state());

    assertEquals(200, dash.post("/api/agents/samsung-mr/cancel-orders", DashboardFixture.TOKEN).statusCode());
    assertEquals(0, engine.agents().get(0).workingOrders());
    assertEquals(200, dash.post("/api/agents/hynix-mom/park", DashboardFixture.TOKEN).statusCode());
    assertEquals(409, dash.post("/api/agents/hynix-mom/pause", DashboardFixture.TOKEN).statusCode(),
        "a refusal from the engine is a 409 with its reason");
    assertEquals(200, dash.post("/api/agents/hynix-mom/resume", DashboardFixture.TOKEN).statusCode());
    assertEquals(409, dash.post("/api/agents/ghost/pause", DashboardFixture.TOKEN).statusCode());
    assertEquals(200, dash.post("/api/kill-switch?reason=drill", DashboardFixture.TOKEN).statusCode());
    assertTrue(engine.killSwitch().engaged());
    assertEquals("drill", engine.killSwitch().reason());
    assertEquals(200, dash.post("/api/kill-switch/reset", DashboardFixture.TOKEN).statusCode());
    assertFalse(engine.killSwitch().engaged());
    assertEquals(200, dash.post("/api/reconcile", DashboardFixture.TOKEN).statusCode());
    assertEquals("CLEAN", engine.lastReconcile().result());

    assertEquals(List.of("pause samsung-mr by kim", "cancel-orders samsung-mr by kim", "park hynix-mom by kim",
        "pause hynix-mom by kim", "resume hynix-mom by kim", "pause ghost by kim", "kill-switch-on by kim",
        "kill-switch-reset by kim", "reconcile by kim"), engine.controlLog());
    List<String> lines = Files.readAllLines(dir.resolve("control-audit.jsonl"));
    assertEquals(18, lines.size(), "request and outcome of each of the nine");
    JsonNode last = Json.MAPPER.readTree(lines.get(17));
    assertEquals("kim", last.get("operator").asText());
    assertEquals("reconcile", last.get("action").asText());
    assertTrue(last.get("outcome").asText().startsWith("ok"));
    assertTrue(last.hasNonNull("at"));
  }

  @Test
  void freshStartNeedsTheTokenIsRefusedWithA409UnderLiveOrdersAndIsAudited() throws Exception {
    assertEquals(401, dash.post("/api/agents/samsung-mr/fresh-start", null).statusCode());
    assertEquals(List.of(), engine.controlLog(), "the engine was never asked");

    HttpResponse<String> refused = dash.post("/api/agents/samsung-mr/fresh-start", DashboardFixture.TOKEN);
    assertEquals(409, refused.statusCode(), refused.body());
    assertTrue(Json.MAPPER.readTree(refused.body()).get("message").asText().contains("park it"), refused.body());

    assertEquals(200, dash.post("/api/agents/samsung-mr/park", DashboardFixture.TOKEN).statusCode());
    assertEquals(200, dash.post("/api/agents/samsung-mr/cancel-orders", DashboardFixture.TOKEN).statusCode());
    HttpResponse<String> holding = dash.post("/api/agents/samsung-mr/fresh-start", DashboardFixture.TOKEN);
    assertEquals(409, holding.statusCode(), "it holds 100 shares: " + holding.body());
    assertTrue(holding.body().contains("handover=true"), holding.body());
    HttpResponse<String> done = dash.post("/api/agents/samsung-mr/fresh-start?handover=true", DashboardFixture.TOKEN);
    assertEquals(200, done.statusCode(), done.body());
    assertEquals(0, engine.agent(new AgentId("samsung-mr")).orElseThrow().fills().size(), "the books start empty");
    assertEquals(100, engine.agents().get(0).position(), "but for the shares handed over");

    List<String> outcomes = dash.audit.recent().stream().filter(e -> e.action().contains("fresh-start"))
        .map(ControlAudit.Entry::outcome).toList();
    assertEquals("ok: samsung-mr started afresh holding 100 share(s) handed over", outcomes.get(0));
    assertEquals("fresh-start-handover", dash.audit.recent().get(0).action(), "a handover is audited as one");
    assertTrue(outcomes.contains("requested") && outcomes.contains("refused: no token")
        && outcomes.stream().anyMatch(o -> o.startsWith("refused: samsung-mr cannot start afresh")), outcomes.toString());
  }

  @Test
  void acceptCashNeedsTheTokenReachesTheEngineWithTheOperatorAndIsAudited() throws Exception {
    List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
    EngineControl accepting = new EngineControlAdapter() {
      @Override
      public java.util.concurrent.CompletionStage<ControlResult> acceptCash(Operator who) {
        asked.add(who.name());
        return CompletableFuture.completedFuture(ControlResult.done("cash accepted by " + who.name()));
      }
    };
    try (DashboardFixture other = new DashboardFixture(engine, accepting, null)) {
      assertEquals(401, other.post("/api/reconcile/accept-cash", null).statusCode());
      assertEquals(List.of(), asked, "the engine was never asked");
      HttpResponse<String> ok = other.post("/api/reconcile/accept-cash", DashboardFixture.TOKEN);
      assertEquals(200, ok.statusCode(), ok.body());
      assertEquals(List.of("kim"), asked);
      assertTrue(other.audit.recent().stream().anyMatch(e -> e.action().equals("reconcile-accept-cash")
          && e.outcome().equals("ok: cash accepted by kim")), other.audit.recent().toString());
    }
    try (DashboardFixture refusing = new DashboardFixture(engine, new EngineControlAdapter(), null)) {
      assertEquals(409, refusing.post("/api/reconcile/accept-cash", DashboardFixture.TOKEN).statusCode(),
          "an engine without the control refuses");
    }
  }

  @Test
  void anEngineThatDoesNotAnswerGivesA503() throws Exception {
    EngineControl silent = new EngineControlAdapter() {
      @Override
      public java.util.concurrent.CompletionStage<ControlResult> reconcile(Operator who) {
        return CompletableFuture.failedFuture(new java.util.concurrent.TimeoutException("ask timed out"));
      }
    };
    try (DashboardFixture other = new DashboardFixture(engine, silent, null)) {
      assertEquals(503, other.post("/api/reconcile", DashboardFixture.TOKEN).statusCode());
    }
  }

  @Test
  void streamSendsSnapshotsWithTheSelectedAgentsDetail() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest req = HttpRequest.newBuilder(URI.create(dash.url("/api/stream?agent=hynix-mom")))
        .timeout(Duration.ofSeconds(10)).GET().build();
    HttpResponse<InputStream> res = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
    assertEquals("text/event-stream", res.headers().firstValue("Content-Type").orElse(""));
    CompletableFuture<JsonNode[]> frames = CompletableFuture.supplyAsync(() -> readFrames(res.body(), 2));
    JsonNode[] two = frames.get(10, TimeUnit.SECONDS);
    assertEquals(3, two[0].get("overview").get("agents").size());
    assertEquals("hynix-mom", two[0].get("agent").get("row").get("id").asText());
    assertTrue(two[1].has("overview"), "a second frame follows without asking");
  }

  private static JsonNode[] readFrames(InputStream in, int n) {
    JsonNode[] out = new JsonNode[n];
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      int got = 0;
      String event = null;
      for (String line = r.readLine(); line != null && got < n; line = r.readLine()) {
        if (line.startsWith("event:")) {
          event = line.substring(6).strip();
        } else if (line.startsWith("data:") && "snapshot".equals(event)) {
          out[got++] = Json.MAPPER.readTree(line.substring(5).strip());
        }
      }
      return out;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void metricsAreServedInPrometheusTextFormatWithPerAgentPnl() throws Exception {
    dash.metrics.onOrderSent();
    HttpResponse<String> res = dash.get("/metrics");
    assertEquals(200, res.statusCode());
    assertTrue(res.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
    assertTrue(res.body().contains("kis_orders_sent_total 1.0"), res.body());
    assertTrue(res.body().contains("agent_pnl_won{agent=\"samsung-mr\",kind=\"realized\"}"), res.body());
  }

  @Test
  void thePageAndItsAssetsAreServedFromTheJar() throws Exception {
    HttpResponse<String> page = dash.get("/");
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("<table id=\"agents\">"));
    assertFalse(page.body().contains("http://") || page.body().contains("https://"), "nothing from the internet");
    HttpResponse<String> js = dash.get("/assets/dashboard.js");
    assertEquals(200, js.statusCode());
    assertTrue(js.body().contains("EventSource"));
    assertEquals(200, dash.get("/assets/dashboard.css").statusCode());
    assertEquals(404, dash.get("/assets/nope.js").statusCode());
  }

  @Test
  void onLoopbackOnlyLoopbackHostNamesAreServedSoDnsRebindingCannotReadTheApi() throws Exception {
    assertEquals("HTTP/1.1 421 Misdirected Request", rawStatusLine("evil.example"));
    assertEquals("HTTP/1.1 200 OK", rawStatusLine("localhost"));
    assertEquals("HTTP/1.1 200 OK", rawStatusLine("127.0.0.1"));
  }

  private String rawStatusLine(String host) throws Exception {
    try (java.net.Socket s = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(),
        dash.server.address().getPort())) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write(("GET /api/agents HTTP/1.1\r\nHost: " + host + ":" + dash.server.address().getPort()
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
    }
  }

  @Test
  void readsNeedTheTokenOnlyWhenNotOnLoopbackOrWhenConfigured() {
    assertFalse(DashboardSettings.loopback(0).readsNeedToken());
    assertFalse(new DashboardSettings("localhost", 0, Duration.ofSeconds(1), false).readsNeedToken());
    assertTrue(new DashboardSettings("0.0.0.0", 0, Duration.ofSeconds(1), false).readsNeedToken());
    assertTrue(new DashboardSettings("127.0.0.1", 0, Duration.ofSeconds(1), true).readsNeedToken());
  }

  @Test
  void whenReadsNeedTheTokenTheApiRefusesWithoutItAndTheStreamTakesItAsAParameter() throws Exception {
    try (DashboardFixture locked = new DashboardFixture(engine, engine, null, true)) {
      assertEquals(401, locked.get("/api/agents").statusCode());
      assertEquals(401, locked.get("/api/agents", "wrong-token-wrong-token").statusCode());
      assertEquals(200, locked.get("/api/agents", DashboardFixture.TOKEN).statusCode());
      assertEquals(401, locked.get("/api/stream").statusCode());
      HttpResponse<InputStream> stream = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(locked.url("/api/stream?token=" + DashboardFixture.TOKEN)))
              .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
      assertEquals(200, stream.statusCode());
      stream.body().close();
    }
  }
}
