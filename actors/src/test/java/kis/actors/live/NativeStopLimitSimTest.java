package kis.actors.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import kis.actors.agent.Agent;
import kis.journal.AgentId;
import kis.journal.OrderType;
import kis.journal.event.AgentEvent;
import kis.journal.event.OrderRequested;
import kis.journal.event.ProtectiveArmed;
import kis.journal.event.ProtectiveTriggered;
import kis.journal.state.AgentState;
import kis.journal.state.OrderStatus;
import kis.sim.KisSimulator;
import kis.sim.OrderLog;
import kis.sim.SimConfig;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.persistence.testkit.PersistenceTestKitPlugin;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code protective.stop-limit = native} through the whole live engine on kis-sim: the agent's
 * stop-limit goes to KIS once, as {@code ORD_DVSN 22} with its trigger as {@code CNDT_PRIC}, rests
 * there untriggered through prints above it, triggers on kis-sim when a print reaches it and fills;
 * the journal tells it with the protective events (armed naming the order, triggered by its fill),
 * and the books equal the account.
 */
@ExtendWith(LogCapturingExtension.class)
class NativeStopLimitSimTest {
  @TempDir Path dir;

  static final String SAMSUNG = "005930";
  static final String AGENTS = """
      kis-trader.agents = [
        { id = ns-a, symbol = "005930", protective { stop-limit = native },
          strategy { name = kis.actors.live.NativeStopOnce,
            params { symbol = "005930", quantity = 10, trigger = 70500, limit = 70400 } } }
      ]
      kis-trader.agent {
        snapshot-every = 50, snapshots-kept = 2
        persist-failure-backoff { min = 100ms, max = 1s, random-factor = 0.2 }
        costs { fee-ppb = 140527, sell-tax-ppb = 2000000 }
      }
      kis-trader.risk { duplicate-window = 1ms }
      pekko.loglevel = WARNING
      """;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private void print(KisSimulator sim, long price, long qty) {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(sim.restBaseUrl() + "/sim/trade"))
          .timeout(Duration.ofSeconds(10)).header("content-type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"symbol\":\"" + SAMSUNG + "\",\"price\":" + price + ",\"qty\":"
              + qty + "}")).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode(), r.body());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aNativeStopLimitIsSentOnceRestsAtKisTriggersOnAPrintAndFills() throws Exception {
    Config config = ConfigFactory.parseString(AGENTS).withFallback(PersistenceTestKitPlugin.getInstance().config());
    try (KisSimulator sim = KisSimulator.start(SimConfig.fromConfig(ConfigFactory.parseString(
        "kis-sim { tick-interval = 0, rate-limit-per-second = -1, session-mode = ALWAYS_OPEN,"
            + " token-reissue-interval = 0s }")))) {
      try (SimEngine engine = SimEngine.start("native-stop", config, sim, dir)) {
        engine.awaitAgentsRunning();
        // Prints at 71,000 (above the trigger) until the agent has bought and its stop rests at KIS.
        engine.await("the stop-limit rests at KIS", () -> {
          print(sim, 71_000, 1);
          AgentState s = engine.states().get("ns-a");
          return s.protections().armed().values().stream().anyMatch(o -> o.atVenue()
              && s.order(o.venueOrder()).map(x -> x.orderNo() != null).orElse(false));
        });
        AgentState armed = engine.states().get("ns-a");
        var stop = armed.protections().all().get(0);
        assertEquals(OrderStatus.WORKING, armed.order(stop.venueOrder()).orElseThrow().status());
        print(sim, 70_600, 5); // still above: a resting sell limit at 70,400 would have filled here
        assertEquals(0, engine.states().get("ns-a").order(stop.venueOrder()).orElseThrow().filledQuantity());

        print(sim, 70_500, 1); // reaches the trigger: KIS's stop becomes a limit sell at 70,400
        print(sim, 70_400, 100);
        engine.await("the stop fired and filled", () -> {
          AgentState s = engine.states().get("ns-a");
          return s.protections().armed().isEmpty() && s.protections().fired() == 1
              && s.position(kis.journal.Symbol.of(SAMSUNG)).quantity() == 0;
        });

        List<OrderLog.Entry> stops = sim.orderLog().entries(e -> e.body().contains("\"ORD_DVSN\":\"22\""));
        assertEquals(1, stops.size(), "sent once: " + stops);
        assertTrue(stops.get(0).body().contains("\"CNDT_PRIC\":\"70500\""), stops.get(0).body());
        assertTrue(stops.get(0).body().contains("\"ORD_UNPR\":\"70400\""), stops.get(0).body());

        List<AgentEvent> journal = PersistenceTestKit.create(engine.kit.system())
            .persistedInStorage(Agent.persistenceId(new AgentId("ns-a")).id()).stream().map(e -> (AgentEvent) e)
            .toList();
        ProtectiveArmed a = journal.stream().filter(e -> e instanceof ProtectiveArmed).map(e -> (ProtectiveArmed) e)
            .findFirst().orElseThrow();
        assertNotNull(a.venueOrder(), "armed at KIS");
        OrderRequested r = journal.stream().filter(e -> e instanceof OrderRequested o && o.orderId().equals(a.venueOrder()))
            .map(e -> (OrderRequested) e).findFirst().orElseThrow();
        assertEquals(OrderType.STOP_LIMIT, r.spec().type());
        assertEquals(70_500, r.spec().stopPrice());
        ProtectiveTriggered t = assertInstanceOf(ProtectiveTriggered.class, journal.stream()
            .filter(e -> e instanceof ProtectiveTriggered).findFirst().orElseThrow());
        assertEquals(a.venueOrder(), t.childOrderId(), "its own order was the child");
        assertTrue(t.printPrice() >= 70_400, "filled at its limit or better: " + t.printPrice());

        engine.reconcile(); // the reconciler reads today's orders, the 22 among them, and finds nothing amiss
        Map<String, AgentState> books = engine.states();
        BooksEqualTheAccount.positions(sim, books, books.toString());
        BooksEqualTheAccount.orderForOrder(sim, books, java.util.Set.of(OrderLog.Outcome.ACCEPTED), "accepted",
            books.toString());
        assertEquals(0, books.get("ns-a").anomalyCount(), "no anomalies: " + books.get("ns-a").anomalies());
      }
    }
  }
}
