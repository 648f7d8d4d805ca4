package kis.engine.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's API, {@code /metrics} and alerts fed by the real engine trading on kis-sim:
 * what the page shows comes from the agents' states and journals, not from a fake.
 */
@ExtendWith(LogCapturingExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LiveDashboardTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  private AlertReceiver hook;
  private LiveEngineOnSim engine;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    hook = new AlertReceiver();
    engine = new LiveEngineOnSim(dir, String.join("\n",
        "kis.alerts { webhook-url = \"" + hook.url() + "\", check-every = 200ms, per-key-interval = 1s,",
        "  disconnect-after = 1s, reconcile-failures = 2 }",
        // A third agent whose loss limit any round trip's fees exceed: its next entry is denied.
        "kis-trader.agents += { id = tiny-loss, symbol = \"035420\", strategy { name = kis.actors.live.DemoRoundTrip,",
        "  params { symbol = \"035420\", quantity = 1, hold-trades = 4 } },",
        "  risk { max-daily-loss = 1 } }"));
    engine.awaitTrading(Duration.ofMinutes(3));
  }

  @AfterAll
  void stop() {
    if (engine != null) {
      engine.close();
    }
    if (hook != null) {
      hook.close();
    }
  }

  @Test
  void theAgentViewShowsFillsOrdersPnlAndJournalEventsOfTheLiveAgent() throws Exception {
    JsonNode d = await("samsung-rt has filled a round trip", () -> {
      JsonNode n = json("/api/agents/samsung-rt");
      return n != null && n.get("fills").size() >= 2 && n.get("recentOrders").size() >= 2 ? n : null;
    });
    JsonNode fill = d.get("fills").get(0);
    assertEquals("005930", fill.get("symbol").asText());
    assertTrue(fill.get("quantity").asLong() > 0 && fill.get("price").asLong() > 0, fill.toString());
    List<String> statuses = new ArrayList<>();
    d.get("recentOrders").forEach(o -> statuses.add(o.get("status").asText()));
    assertTrue(statuses.contains("FILLED"), statuses.toString());
    assertTrue(d.get("pnl").size() >= 2, "a P&L point per fill at least: " + d.get("pnl"));
    List<String> events = new ArrayList<>();
    d.get("events").forEach(e -> events.add(e.asText()));
    assertTrue(events.stream().anyMatch(e -> e.contains(" OrderFilled ")), events.toString());
    assertTrue(events.stream().anyMatch(e -> e.contains(" OrderRequested ")), events.toString());
    JsonNode row = d.get("row");
    assertEquals("RUNNING", row.get("state").asText());
    assertTrue(row.hasNonNull("lastFill"), row.toString());

    JsonNode overview = json("/api/overview");
    assertEquals("LIVE", overview.at("/connection/websocket/state").asText());
    assertEquals("LIVE", overview.at("/connection/session/state").asText());
    assertTrue(overview.at("/connection/restCallsPerSecondLimit").asInt() > 0, overview.toString());
    assertEquals("LIVE", overview.at("/connection/token/state").asText());
    assertTrue(overview.at("/connection/token/detail").asText().startsWith("valid until "), overview.toString());
    assertEquals(0, overview.at("/connection/ordersHeldForToken").asInt());
    assertFalse(overview.at("/disk/low").asBoolean(), overview.toString());
    assertTrue(overview.at("/disk/freeBytes").asLong() > 0, "the engine watches the data dir's disk: " + overview);
  }

  @Test
  void theAccountPanelShowsKisCashFromTheLastReconcileBesideTheAgentsTotals() throws Exception {
    JsonNode a = await("a reconcile has read the balance and an agent has ordered", () -> {
      JsonNode n = json("/api/overview");
      return n != null && n.at("/account/cashKnown").asBoolean() && n.at("/account/ordersToday").asInt() > 0 ? n : null;
    });
    JsonNode acct = a.get("account");
    assertTrue(acct.get("cashD2").asLong() > 0 && acct.get("deposit").asLong() > 0, acct.toString());
    assertEquals(acct.get("securitiesValue").asLong() + acct.get("cashD2").asLong(), acct.get("totalValue").asLong(),
        "KIS's total is its holdings plus the D+2 cash: " + acct);
    assertTrue(acct.hasNonNull("cashAt"), acct.toString());
    long realized = 0;
    long unrealized = 0;
    for (JsonNode row : a.get("agents")) {
      realized += row.get("realizedPnl").asLong();
      unrealized += row.get("unrealizedPnl").asLong();
    }
    assertEquals(realized, acct.get("realizedPnl").asLong(), "the agents' realized P&L summed: " + a);
    assertEquals(unrealized, acct.get("unrealizedPnl").asLong(), "the agents' unrealized P&L summed: " + a);
  }

  @Test
  void stalenessIsTimeSinceTheLastWebsocketFrameOfAnyKindAndPerSymbolSinceItsLastTrade() throws Exception {
    JsonNode feed = await("the feed's staleness is known", () -> {
      JsonNode f = json("/api/overview").at("/connection/feed");
      return f.hasNonNull("sinceLastFrameSeconds") && f.get("symbols").size() >= 3 ? f : null;
    });
    assertTrue(feed.get("sinceLastFrameSeconds").asDouble() < 10, feed.toString());
    assertTrue(feed.hasNonNull("lastFrameAt"), feed.toString());
    assertTrue(feed.get("marketHours").asBoolean(), "kis-sim is always open: " + feed);
    JsonNode samsung = null;
    for (JsonNode t : feed.get("symbols")) {
      if (t.get("symbol").asText().equals("005930")) {
        samsung = t;
      }
    }
    assertTrue(samsung != null && samsung.hasNonNull("lastTradeAt") && samsung.get("sinceLastTradeSeconds").asDouble() < 10,
        feed.toString());
    String m = get("/metrics").body();
    assertTrue(value(m, "kis_trade_staleness_seconds{symbol=\"005930\"}") >= 0, m);
    // The supervisor's adaptive watchdog, per stream: the gap it learned and the silence it measures.
    JsonNode stream = await("the trade stream of 005930 in the watchdog's view", () -> {
      for (JsonNode g : json("/api/overview").at("/connection/feed/streams")) {
        if (g.get("symbol").asText().equals("005930") && g.get("trId").asText().equals("H0STCNT0")) {
          return g;
        }
      }
      return null;
    });
    assertTrue(stream.get("silenceSeconds").asDouble() >= 0 && stream.hasNonNull("judged")
        && stream.get("venue").asText().equals("KRX"), stream.toString());
  }

  @Test
  void metricsCountTheLiveEnginesOrdersFillsLatenciesAndPnl() throws Exception {
    String m = await("orders sent and filled", () -> {
      String s = get("/metrics").body();
      return value(s, "kis_fills_total") >= 2 && value(s, "kis_orders_sent_total") >= 2 ? s : null;
    });
    assertTrue(value(m, "kis_rest_latency_seconds_count{endpoint=\"order-cash-buy\"}") >= 1, m);
    assertTrue(value(m, "kis_rest_latency_seconds_count{endpoint=\"inquire-daily-ccld\"}") >= 1, m);
    assertTrue(value(m, "journal_write_latency_seconds_count") >= 4, m);
    assertTrue(m.contains("agent_pnl_won{agent=\"samsung-rt\",kind=\"realized\"}"), m);
    assertTrue(m.contains("kis_websocket_staleness_seconds "), m);
    assertTrue(value(m, "kis_websocket_staleness_seconds") < 10, m);
    assertTrue(m.contains("kis_orders_in_doubt 0"), m);
  }

  @Test
  void alertsReachTheWebhookWhenAnAgentIsParkedAndWhenItsDailyLossLimitIsHit() throws Exception {
    JsonNode lossRow = await("tiny-loss hits its daily loss limit", () -> {
      for (JsonNode r : json("/api/agents")) {
        if (r.get("id").asText().equals("tiny-loss") && r.get("riskState").asText().equals("DAILY_LOSS_LIMIT")) {
          return r;
        }
      }
      return null;
    });
    assertEquals("tiny-loss", lossRow.get("id").asText());
    HttpResponse<String> parked = http.send(HttpRequest.newBuilder(URI.create(engine.url("/api/agents/hynix-rt/park")))
        .header("Authorization", "Bearer " + DashboardFixture.TOKEN).header("X-Operator", "kim")
        .timeout(Duration.ofSeconds(15)).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, parked.statusCode(), parked.body());

    List<String> kinds = new ArrayList<>();
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!(kinds.contains("AGENT_PARKED hynix-rt") && kinds.contains("DAILY_LOSS_LIMIT tiny-loss"))
        && System.nanoTime() < deadline) {
      JsonNode a = hook.next();
      if (a != null) {
        kinds.add(a.get("kind").asText() + " " + a.get("subject").asText());
      }
    }
    assertTrue(kinds.contains("AGENT_PARKED hynix-rt"), kinds.toString());
    assertTrue(kinds.contains("DAILY_LOSS_LIMIT tiny-loss"), kinds.toString());
  }

  /** After the unordered tests (the alerts test parks hynix-rt), before the ones that break the connection. */
  @Test
  @Order(Integer.MAX_VALUE - 3)
  void freshStartNeedsTheTokenIsRefusedUnlessParkedWithoutLiveOrdersAndThenRunsOnANewJournal() throws Exception {
    HttpResponse<String> noToken = http.send(HttpRequest.newBuilder(URI.create(engine.url(
            "/api/agents/hynix-rt/fresh-start"))).timeout(Duration.ofSeconds(15))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(401, noToken.statusCode(), noToken.body());

    assertEquals(200, control("/api/agents/hynix-rt/resume").statusCode());
    await("hynix-rt running", () -> "RUNNING".equals(json("/api/agents/hynix-rt").at("/row/state").asText())
        ? "" : null);
    HttpResponse<String> refused = control("/api/agents/hynix-rt/fresh-start");
    assertEquals(409, refused.statusCode(), refused.body());
    assertTrue(Json.MAPPER.readTree(refused.body()).get("message").asText().contains("park it first"),
        refused.body());

    assertEquals(200, control("/api/agents/hynix-rt/park").statusCode());
    assertEquals(200, control("/api/agents/hynix-rt/cancel-orders").statusCode());
    await("hynix-rt parked with no live order", () -> {
      JsonNode d = json("/api/agents/hynix-rt");
      return "PARKED".equals(d.at("/row/state").asText()) && d.get("openOrders").isEmpty() ? "" : null;
    });
    long ordersBefore = latestOrder("hynix-rt");
    assertTrue(ordersBefore > 0, "hynix-rt traded on its first journal");
    // Parked with no live order, its position is settled: held shares need an explicit handover.
    long held = json("/api/agents/hynix-rt").at("/row/position").asLong();
    HttpResponse<String> done;
    if (held != 0) {
      HttpResponse<String> holding = control("/api/agents/hynix-rt/fresh-start");
      assertEquals(409, holding.statusCode(), holding.body());
      assertTrue(holding.body().contains("handover=true"), holding.body());
      done = control("/api/agents/hynix-rt/fresh-start?handover=true");
    } else {
      done = control("/api/agents/hynix-rt/fresh-start");
    }
    assertEquals(200, done.statusCode(), done.body());
    assertTrue(done.body().contains("hynix-rt.g1"), done.body());

    JsonNode fresh = await("the agent shown on its new journal, the old row gone", () -> {
      List<String> ids = new ArrayList<>();
      json("/api/agents").forEach(r -> ids.add(r.get("id").asText()));
      return ids.contains("hynix-rt.g1") && !ids.contains("hynix-rt") ? json("/api/agents/hynix-rt.g1") : null;
    });
    assertEquals("RUNNING", fresh.at("/row/state").asText(), "empty books: not parked");
    if (held != 0) {
      await("the handed-over position journaled first on the new books", () ->
          json("/api/agents/hynix-rt.g1").get("events").toString().contains("handover:hynix-rt:000660") ? "" : null);
    }
    for (JsonNode o : fresh.get("recentOrders")) {
      assertTrue(o.get("clientOrderId").asText().startsWith("hynix-rt.g1"), "no old order on the new books: " + o);
    }
    List<String> audit = new ArrayList<>();
    json("/api/audit").forEach(e -> {
      if (e.get("action").asText().contains("fresh-start")) {
        audit.add(e.get("outcome").asText());
      }
    });
    assertTrue(audit.get(0).startsWith("ok: hynix-rt started afresh on journal hynix-rt.g1 by kim"), audit.toString());
    assertTrue(audit.contains("refused: no token"), audit.toString());
    assertTrue(audit.stream().anyMatch(o -> o.startsWith("refused: hynix-rt cannot start afresh")), audit.toString());
    String generations = java.nio.file.Files.readString(engine.dataDir().resolve("agent-generations.properties"));
    assertTrue(generations.contains("hynix-rt=1"), "the move survives a restart: " + generations);
  }

  @Test
  @Order(Integer.MAX_VALUE - 2)
  void pauseStopsNewOrdersWhileTheAgentKeepsRunningAndResumeTradesAgain() throws Exception {
    assertEquals(200, control("/api/agents/samsung-rt/pause").statusCode());
    await("samsung-rt shown paused", () -> "PAUSED".equals(json("/api/agents/samsung-rt").at("/row/state").asText())
        ? "" : null);
    // The ports' cache refreshes every second: what was placed before the pause shows within it.
    long atPause = 0;
    long settleUntil = System.nanoTime() + Duration.ofMillis(1500).toNanos();
    while (System.nanoTime() < settleUntil) {
      atPause = Math.max(atPause, latestOrder("samsung-rt"));
      java.util.concurrent.locks.LockSupport.parkNanos(100_000_000L);
    }
    // Its strategy places an order every few trades: three quiet seconds mean the pause holds.
    long quietUntil = System.nanoTime() + Duration.ofSeconds(3).toNanos();
    long settled = atPause;
    while (System.nanoTime() < quietUntil) {
      settled = latestOrder("samsung-rt");
      if (settled > atPause) {
        throw new AssertionError("no new order while paused: " + atPause + " -> " + settled + "\n"
            + json("/api/agents/samsung-rt").toPrettyString());
      }
      java.util.concurrent.locks.LockSupport.parkNanos(200_000_000L);
    }
    JsonNode paused = json("/api/agents/samsung-rt");
    assertEquals("PAUSED", paused.at("/row/state").asText(), "not parked: " + paused.get("row"));
    assertTrue(paused.get("events").toString().indexOf("AgentParked") < 0, "a pause is not journaled");

    assertEquals(200, control("/api/agents/samsung-rt/resume").statusCode());
    long before = settled;
    await("samsung-rt trades again", () -> latestOrder("samsung-rt") > before ? "" : null);
    assertEquals("RUNNING", json("/api/agents/samsung-rt").at("/row/state").asText());
  }

  /** The highest order sequence number among the agent's open and recent orders. */
  private long latestOrder(String agent) throws Exception {
    JsonNode d = json("/api/agents/" + agent);
    long max = 0;
    for (String list : List.of("openOrders", "recentOrders")) {
      for (JsonNode o : d.get(list)) {
        String id = o.get("clientOrderId").asText();
        max = Math.max(max, Long.parseLong(id.substring(id.lastIndexOf('-') + 1)));
      }
    }
    return max;
  }

  private HttpResponse<String> control(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(engine.url(path)))
        .header("Authorization", "Bearer " + DashboardFixture.TOKEN).header("X-Operator", "kim")
        .timeout(Duration.ofSeconds(15)).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  @Order(Integer.MAX_VALUE - 1)
  void reconcileRunsThatKeepFailingAreShownNextToTheLastSuccessAlertedAndExported() throws Exception {
    JsonNode success = await("a reconcile succeeded", () -> {
      JsonNode r = json("/api/overview").get("reconcile");
      return r.hasNonNull("at") ? r : null;
    });
    simFaults("rest-fault=500,rest-fault-count=all,rest-fault-path=inquire-balance");
    try {
      JsonNode failing = await("two reconcile runs failed in a row", () -> {
        JsonNode r = json("/api/overview").get("reconcile");
        return r.get("consecutiveFailures").asInt() >= 2 ? r : null;
      });
      assertTrue(failing.hasNonNull("failedAt"), failing.toString());
      assertTrue(failing.get("failure").asText().contains("reconciliation failed"), failing.toString());
      assertTrue(failing.hasNonNull("at") && !failing.get("at").asText().isEmpty(),
          "the last success stays shown: " + failing + " (was " + success + ")");
      JsonNode alert = null;
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (alert == null && System.nanoTime() < deadline) {
        JsonNode a = hook.next();
        if (a != null && a.get("kind").asText().equals("RECONCILE_FAILING")) {
          alert = a;
        }
      }
      assertTrue(alert != null, "a RECONCILE_FAILING alert within " + WAIT);
      assertEquals("reconciler", alert.get("subject").asText());
      String m = get("/metrics").body();
      assertTrue(value(m, "kis_reconcile_consecutive_failures") >= 2, m);
      assertTrue(value(m, "kis_reconcile_failures_total") >= 2, m);
      assertTrue(value(m, "kis_reconcile_last_failure_timestamp_seconds") > 0, m);
      assertTrue(value(m, "kis_reconcile_last_success_timestamp_seconds") > 0, m);
    } finally {
      simFaults("clear=all");
    }
    JsonNode healed = await("a reconcile succeeded again", () -> {
      JsonNode r = json("/api/overview").get("reconcile");
      return r.get("consecutiveFailures").asInt() == 0 ? r : null;
    });
    assertTrue(healed.hasNonNull("failedAt"), "the last failure stays shown: " + healed);
  }

  private void simFaults(String spec) throws Exception {
    HttpResponse<String> fault = http.send(HttpRequest.newBuilder(URI.create(engine.target.embedded().orElseThrow()
            .restBaseUrl() + "/sim/faults")).timeout(Duration.ofSeconds(10))
        .POST(HttpRequest.BodyPublishers.ofString(spec)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, fault.statusCode(), fault.body());
  }

  /** Last: it leaves the engine without REST for a while. */
  @Test
  @Order(Integer.MAX_VALUE)
  void aDisconnectAlertReachesTheWebhookWhenKisRestStopsAnsweringForLongerThanConfigured() throws Exception {
    // Every REST call from now on is held past the client's read timeout.
    HttpResponse<String> fault = http.send(HttpRequest.newBuilder(URI.create(engine.target.embedded().orElseThrow()
            .restBaseUrl() + "/sim/faults")).timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(
            "rest-fault=timeout,rest-fault-count=100000,rest-fault-path=/uapi/")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, fault.statusCode(), fault.body());

    JsonNode alert = null;
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (alert == null && System.nanoTime() < deadline) {
      JsonNode a = hook.next();
      if (a != null && a.get("kind").asText().equals("DISCONNECTED") && a.get("subject").asText().equals("session")) {
        alert = a;
      }
    }
    assertTrue(alert != null, "a DISCONNECTED alert for the session within " + WAIT);
    assertTrue(alert.get("message").asText().startsWith("KIS session DISCONNECTED since "), alert.toString());
    assertEquals("DISCONNECTED", json("/api/overview").at("/connection/session/state").asText());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(engine.url(path))).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode json(String path) throws Exception {
    HttpResponse<String> r = get(path);
    return r.statusCode() == 200 ? Json.MAPPER.readTree(r.body()) : null;
  }

  /** The value of the sample {@code name} (with its labels, if given) in a Prometheus text page; -1 if absent. */
  static double value(String page, String name) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + " (\\S+)$").matcher(page);
    return m.find() ? Double.parseDouble(m.group(1)) : -1;
  }

  /** Polls every 200 ms until {@code probe} returns non-null, failing after {@link #WAIT}. */
  private static <T> T await(String what, Callable<T> probe) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      T v = probe.call();
      if (v != null) {
        return v;
      }
      java.util.concurrent.locks.LockSupport.parkNanos(200_000_000L);
    }
    throw new AssertionError("not within " + WAIT + ": " + what);
  }
}
