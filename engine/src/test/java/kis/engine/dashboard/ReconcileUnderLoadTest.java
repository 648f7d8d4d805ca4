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
import java.util.concurrent.TimeUnit;
import kis.connector.assembly.KisConnector;
import kis.connector.rest.OrderCashRequest;
import kis.connector.rest.OrderOutcome;
import kis.connector.rest.OrderSide;
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
 * The reconciler under 50 agents trading actively on kis-sim, as {@code run} wires it: healthy
 * runs (fills in flight at every read) raise no drift alert, position or cash, and an on-demand
 * reconcile answers;
 * an order no agent owns on a traded symbol alerts, parks the symbol's agents and is booked back on
 * an operator's command, while one on a symbol no agent trades stays informational.
 */
@ExtendWith(LogCapturingExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReconcileUnderLoadTest {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final String[] SYMBOLS = {"005930", "005935", "000660", "035420", "035720"};
  private static final String UNTRADED = "005380";
  private static final int AGENTS = 50;

  private AlertReceiver hook;
  private LiveEngineOnSim engine;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    hook = new AlertReceiver();
    List<String> agents = new ArrayList<>();
    for (int i = 0; i < AGENTS; i++) {
      String sym = SYMBOLS[i % SYMBOLS.length];
      agents.add(String.format("{ id = load-%02d, symbol = \"%s\", strategy { name = kis.actors.live.DemoRoundTrip,"
          + " params { symbol = \"%s\", quantity = 1, hold-trades = %d } } }",
          i, sym, sym, 2 + i % 3));
    }
    engine = new LiveEngineOnSim(dir, String.join("\n",
        "kis-trader.agents = [", String.join("\n", agents), "]",
        // A grace shorter than the default (2 runs, 30 s): a stricter test of false drift.
        "kis-trader.reconcile-drift-runs = 2", "kis-trader.reconcile-drift-grace = 4s",
        // Ten agents parked at once are ten alerts: the default budget (10 a minute) would drop the drift alert.
        "kis.alerts { webhook-url = \"" + hook.url() + "\", check-every = 200ms, per-key-interval = 1s,",
        "  max-per-minute = 1000 }"));
    engine.awaitTrading(Duration.ofMinutes(5));
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
  @Order(1)
  void fiftyAgentsTradingRaiseNoDriftAlertAndAnOnDemandReconcileAnswersWithTheRunsFindings() throws Exception {
    double fillsBefore = fills();
    List<String> answers = new ArrayList<>();
    // Five asked for, each followed by one of the engine's own runs (every 2 s).
    for (int i = 0; i < 5; i++) {
      HttpResponse<String> r = control("/api/reconcile");
      assertEquals(200, r.statusCode(), "an on-demand reconcile under load answers: " + r.body());
      answers.add(Json.MAPPER.readTree(r.body()).get("message").asText());
      String at = json("/api/overview").at("/reconcile/at").asText();
      await("the next reconcile run", () -> at.equals(json("/api/overview").at("/reconcile/at").asText()) ? null : "");
    }
    // How many fills five runs take depends on the machine's load; that trading goes on does not.
    await("the agents kept trading: more than " + AGENTS + " fills after " + fillsBefore,
        () -> fills() > fillsBefore + AGENTS ? Boolean.TRUE : null);

    for (String a : answers) {
      assertTrue(a.startsWith("reconciled: 0 drift(s), 0 symbol(s) with orders no agent owns, no cash drift"),
          answers.toString());
    }
    List<String> alerts = drainAlerts();
    assertTrue(alerts.stream().noneMatch(a -> a.startsWith("RECONCILE_DRIFT") || a.startsWith("CASH_DRIFT")
        || a.startsWith("AGENT_PARKED")), alerts.toString());
    JsonNode reconcile = json("/api/overview").get("reconcile");
    assertTrue(reconcile.get("drift").isEmpty(), reconcile.toString());
    for (JsonNode row : json("/api/agents")) {
      assertFalse("PARKED".equals(row.get("state").asText()), row.toString());
    }
  }

  @Test
  @Order(2)
  void anOrderNoAgentOwnsOnATradedSymbolAlertsParksItsAgentsAndIsBookedBackOnCommand() throws Exception {
    // The user's own orders, by hand: given as long as the test waits, so a loaded machine's slow
    // reply is not an in-doubt order the test cannot name.
    KisConnector byHand = KisConnector.create(engine.system, engine.target.config()
        .withTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(30)), engine.target.credentials());
    OrderOutcome.Accepted mine = (OrderOutcome.Accepted) byHand.rest().orderCash(
        OrderCashRequest.market("KRX", OrderSide.BUY, UNTRADED, 2)).toCompletableFuture().get(60, TimeUnit.SECONDS);
    // The tail a damaged journal lost: KIS has the order and its fill, no agent's books do.
    OrderOutcome.Accepted lost = (OrderOutcome.Accepted) byHand.rest().orderCash(
        OrderCashRequest.market("KRX", OrderSide.BUY, "035720", 7)).toCompletableFuture().get(60, TimeUnit.SECONDS);

    List<String> seen = new ArrayList<>();
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline && !(seen.stream().anyMatch(a -> a.startsWith("RECONCILE_DRIFT"))
        && seen.stream().anyMatch(a -> a.startsWith("AGENT_PARKED load-04")))) {
      JsonNode a = hook.next();
      if (a != null) {
        seen.add(a.get("kind").asText() + " " + a.get("subject").asText() + " " + a.get("message").asText());
      }
    }
    String drift = seen.stream().filter(a -> a.startsWith("RECONCILE_DRIFT")).findFirst().orElseThrow(
        () -> new AssertionError("no drift alert: " + seen));
    assertTrue(drift.contains("035720") && drift.contains(lost.odno()) && drift.contains("no agent owns"), drift);
    assertFalse(drift.contains(mine.odno()) || drift.contains(UNTRADED), "the user's own symbol is not an alarm: "
        + drift);
    assertTrue(seen.stream().anyMatch(a -> a.startsWith("AGENT_PARKED load-04")), seen.toString());
    JsonNode other = json("/api/agents/load-00");
    assertEquals("RUNNING", other.at("/row/state").asText(), "agents on other symbols trade on");

    HttpResponse<String> booked = control("/api/agents/load-04/book-back");
    assertEquals(200, booked.statusCode(), booked.body());
    assertTrue(booked.body().contains("booked 1 order(s) back into load-04"), booked.body());
    HttpResponse<String> again = control("/api/reconcile");
    assertEquals(200, again.statusCode(), again.body());
    assertTrue(again.body().contains("0 symbol(s) with orders no agent owns"), again.body());
    List<String> audit = new ArrayList<>();
    json("/api/audit").forEach(e -> audit.add(e.get("action").asText() + " " + e.get("outcome").asText()));
    assertTrue(audit.stream().anyMatch(a -> a.startsWith("book-back ok: booked 1 order(s)")), audit.toString());
  }

  /** Polls every 200 ms until {@code probe} returns non-null, failing after {@link #WAIT}. */
  private static <T> T await(String what, java.util.concurrent.Callable<T> probe) throws Exception {
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

  private double fills() throws Exception {
    return LiveDashboardTest.value(get("/metrics").body(), "kis_fills_total");
  }

  private List<String> drainAlerts() {
    List<String> out = new ArrayList<>();
    JsonNode a;
    while (hook.pending() > 0 && (a = poll()) != null) {
      out.add(a.get("kind").asText() + " " + a.get("subject").asText() + " " + a.get("message").asText());
    }
    return out;
  }

  private JsonNode poll() {
    try {
      return hook.next();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private HttpResponse<String> control(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(engine.url(path)))
        .header("Authorization", "Bearer " + DashboardFixture.TOKEN).header("X-Operator", "kim")
        .timeout(Duration.ofSeconds(90)).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(engine.url(path))).timeout(Duration.ofSeconds(15)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode json(String path) throws Exception {
    HttpResponse<String> r = get(path);
    return r.statusCode() == 200 ? Json.MAPPER.readTree(r.body()) : null;
  }
}
