package kis.engine.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import kis.actors.agent.Agent;
import kis.journal.AgentId;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.state.AgentState;
import kis.journal.state.Order;
import kis.journal.state.OrderStatus;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every per-agent limit of an agent block, driven through the real engine trading on kis-sim: the
 * strategies place orders the limits forbid, and the journal shows them denied ({@code OrderDenied}
 * with the reason and a readable detail) while the agents hold nothing they were not allowed.
 */
@ExtendWith(LogCapturingExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentLimitsLiveTest {
  private static final Duration WAIT = Duration.ofMinutes(2);

  private LiveEngineOnSim engine;

  private static String agent(String id, String symbol, String strategySymbol, long quantity, String extra) {
    return "{ id = " + id + ", symbol = \"" + symbol + "\", strategy { name = kis.actors.live.DemoRoundTrip,"
        + " params { symbol = \"" + strategySymbol + "\", quantity = " + quantity + ", hold-trades = 2 } }, "
        + extra + " }";
  }

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    engine = new LiveEngineOnSim(dir, String.join("\n",
        "kis-trader.agents = [",
        agent("capped", "005930", "005930", 5, "risk { max-position = 2 }"),
        agent("wanders", "005930", "000660", 1, ""),
        agent("poor", "035420", "035420", 5, "initial-capital = 1000"),
        agent("chatty", "000660", "000660", 1, "risk { max-daily-orders = 2 }"),
        agent("big", "035720", "035720", 3, "risk { max-order-notional = 1000 }"),
        agent("fragile", "035420", "035420", 1, "risk { max-daily-loss = 1 }"),
        // run refuses wanders (its strategy names an undeclared symbol); the engine's own guard is
        // what this test pins, for a strategy whose symbols the check cannot see beforehand.
        "]",
        // Every denial journaled, each a denied order in the books: what awaitDenials counts. (With
        // a repeat window a strategy refused without end shows one denied order and its count.)
        "kis-trader.risk.denial-repeat-window = 0s"), java.util.Set.of("kis-trader.agents[1].strategy.params"));
  }

  @AfterAll
  void stop() {
    if (engine != null) {
      engine.close();
    }
  }

  @Test
  void anAgentWithMaxPosition2Placing5ShareOrdersHasThemDeniedAndHoldsNoShares() {
    AgentDetail d = awaitDenials("capped",
        "RISK_AGENT_MAX_SHARES max-position 2 shares: holds 0 + working buys 0 + this 5 = 5", 3);
    nothingSent(d);
    assertEquals(0, d.row().position());
  }

  @Test
  void aStrategyTradingASymbolItsAgentIsNotDeclaredForIsDeniedNotBought() {
    nothingSent(awaitDenials("wanders", "RISK_UNDECLARED_SYMBOL the agent is declared for [005930], not 000660", 2));
  }

  @Test
  void aBuyBeyondTheAgentsInitialCapitalIsDenied() {
    nothingSent(awaitDenials("poor", "RISK_AGENT_CAPITAL initial-capital 1000 won + net realized P&L 0 - held at"
        + " cost 0 - working buys 0 leaves 1000; this buy costs ", 2));
  }

  @Test
  void theAgentsThirdOrderOfTheDayIsDeniedWithMaxDailyOrders2() throws Exception {
    awaitDenials("chatty", "RISK_DAILY_ORDER_COUNT agent max-daily-orders 2: 2 orders today", 2);
    // From the agent's books: the dashboard lists only the latest 50 orders, denials included.
    AgentState s = AskPattern.<Agent.Command, AgentState>ask(engine.handles.registry().agents().get(
        new AgentId("chatty")), Agent.GetState::new, Duration.ofSeconds(10), engine.system.scheduler())
        .toCompletableFuture().get(15, TimeUnit.SECONDS);
    long sent = s.openOrders().size() + s.closedOrders().stream().filter(o -> o.status() != OrderStatus.DENIED).count();
    assertEquals(2, sent, s.closedOrders().toString());
  }

  @Test
  void anOrderWorthMoreThanTheAgentsMaxOrderNotionalIsDenied() {
    nothingSent(awaitDenials("big", "RISK_MAX_NOTIONAL agent max-order-notional 1000 won: this order is 3 x ", 2));
  }

  @Test
  void afterALossPastTheAgentsMaxDailyLossItsNextBuyIsDenied() throws Exception {
    String denial = "RISK_DAILY_LOSS agent max-daily-loss 1 won: today's P&L is -";
    awaitDenials("fragile", denial, 1);
    // From the agent's books, one consistent state: the detail's fills come from the journal feed,
    // which follows the journal on its own and may not yet show fills the denial already follows.
    AgentState s = books("fragile");
    List<Order> orders = java.util.stream.Stream.concat(s.openOrders().values().stream(), s.closedOrders().stream())
        .sorted(java.util.Comparator.comparingLong(AgentLimitsLiveTest::sequence)).toList();
    long firstDenial = orders.stream().filter(o -> o.status() == OrderStatus.DENIED && o.lastMessage() != null
        && o.lastMessage().startsWith(denial)).mapToLong(AgentLimitsLiveTest::sequence).min().orElseThrow();
    List<Order> before = orders.stream().filter(o -> sequence(o) < firstDenial && o.filledQuantity() > 0).toList();
    // The limit checks buys only and the strategy buys only when flat with nothing working, so the
    // first denial follows a whole round trip (one buy alone leaves the P&L at most minus its fee,
    // but it is sold before the next buy is tried).
    assertTrue(before.stream().anyMatch(o -> o.spec().side() == Side.BUY), orders::toString);
    assertTrue(before.stream().anyMatch(o -> o.spec().side() == Side.SELL), orders::toString);
    // Once past the limit nothing more goes out: flat, the realized P&L cannot move, every buy is denied.
    orders.stream().filter(o -> sequence(o) > firstDenial).forEach(o ->
        assertEquals(OrderStatus.DENIED, o.status(), o::toString));
    assertEquals(0, s.position(Symbol.of("035420")).quantity(), orders::toString);
  }

  private AgentState books(String id) throws Exception {
    return AskPattern.<Agent.Command, AgentState>ask(engine.handles.registry().agents().get(new AgentId(id)),
        Agent.GetState::new, Duration.ofSeconds(10), engine.system.scheduler()).toCompletableFuture()
        .get(15, TimeUnit.SECONDS);
  }

  /** An order's place in the agent's sequence ({@code <agent>-<n>}); closed orders are kept in closing order. */
  private static long sequence(Order o) {
    String v = o.id().value();
    return Long.parseLong(v.substring(v.lastIndexOf('-') + 1));
  }

  @Test
  void theDashboardShowsHowMuchOfEachLimitIsUsedPerAgentAndForTheAccount() throws Exception {
    awaitDenials("chatty", "RISK_DAILY_ORDER_COUNT", 1);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    JsonNode v = null;
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(engine.url("/api/limits")))
          .header("Authorization", "Bearer " + DashboardFixture.TOKEN).timeout(Duration.ofSeconds(10)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode(), r.body());
      v = new ObjectMapper().readTree(r.body());
      JsonNode orders = use(v.get("agents").get("chatty"), "max-daily-orders");
      if (orders != null && orders.get("used").asLong() == 2) {
        break;
      }
      LockSupport.parkNanos(200_000_000L);
    }
    assertEquals(2, use(v.get("agents").get("chatty"), "max-daily-orders").get("limit").asLong(), v::toString);
    assertEquals(2, use(v.get("agents").get("chatty"), "max-daily-orders").get("used").asLong(), v::toString);
    JsonNode capped = use(v.get("agents").get("capped"), "max-position 005930");
    assertEquals(2, capped.get("limit").asLong());
    assertEquals(0, capped.get("used").asLong());
    assertEquals("shares", capped.get("unit").asText());
    assertEquals(1000, use(v.get("agents").get("poor"), "initial-capital").get("limit").asLong());
    // The account's rows, with conf/application.conf's default limits.
    JsonNode orders = use(v.get("account"), "max-orders-per-day");
    assertEquals(2000, orders.get("limit").asLong());
    assertEquals(300_000_000, use(v.get("account"), "max-gross-exposure").get("limit").asLong());
    assertTrue(orders.get("used").asLong() >= 2, v.toString());
  }

  private static JsonNode use(JsonNode list, String key) {
    for (JsonNode u : list) {
      if (u.get("key").asText().equals(key)) {
        return u;
      }
    }
    return null;
  }

  /** None of the agent's orders went out (denials only, at start for the connection too), nothing filled. */
  private static void nothingSent(AgentDetail d) {
    d.recentOrders().forEach(o -> assertEquals(OrderStatus.DENIED, o.status(), o::toString));
    assertTrue(d.fills().isEmpty(), d.fills().toString());
  }

  /** The agent's detail once at least {@code n} of its orders were denied with a message starting {@code message}. */
  private AgentDetail awaitDenials(String id, String message, int n) {
    Predicate<AgentDetail> enough = d -> d.recentOrders().stream().filter(o -> o.status() == OrderStatus.DENIED
        && o.lastMessage().startsWith(message)).count() >= n;
    long deadline = System.nanoTime() + WAIT.toNanos();
    Optional<AgentDetail> last = Optional.empty();
    while (System.nanoTime() < deadline) {
      last = engine.dashboard.ports().agent(new AgentId(id));
      if (last.isPresent() && enough.test(last.get())) {
        return last.get();
      }
      LockSupport.parkNanos(100_000_000L);
    }
    throw new AssertionError(id + " did not have " + n + " orders denied with " + message + " within " + WAIT + ": "
        + last.map(d -> List.of(d.row(), d.recentOrders())).orElse(List.of()));
  }
}
