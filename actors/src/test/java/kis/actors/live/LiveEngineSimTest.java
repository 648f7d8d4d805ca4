package kis.actors.live;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import kis.journal.event.AgentEvent;
import kis.journal.state.AgentState;
import kis.sim.KisSimulator;
import kis.sim.OrderLog;
import kis.sim.SimConfig;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.persistence.testkit.PersistenceTestKitPlugin;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import kis.actors.agent.Agent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof: the whole live engine (manager, strategy hosts, agents, gateway, reconciler, feed)
 * against an in-process kis-sim on loopback, several agents trading for a while; afterwards the
 * agents' books equal the simulator's account, order for order and to the won.
 */
@ExtendWith(LogCapturingExtension.class)
class LiveEngineSimTest {
  @TempDir Path dir;

  static final String AGENTS = """
      kis-trader.agents = [
        { id = rt-a, symbol = "005930", strategy { name = kis.actors.live.DemoRoundTrip,
            params { symbol = "005930", quantity = 3, hold-trades = 2 } } }
        { id = rt-b, symbol = "000660", strategy { name = kis.actors.live.DemoRoundTrip,
            params { symbol = "000660", quantity = 1, hold-trades = 3 } } }
        { id = rt-c, symbol = "035720", strategy { name = kis.actors.live.DemoRoundTrip,
            params { symbol = "035720", quantity = 7, hold-trades = 2 } } }
      ]
      kis-trader.agent {
        snapshot-every = 50, snapshots-kept = 2
        persist-failure-backoff { min = 100ms, max = 1s, random-factor = 0.2 }
        costs { fee-ppb = 140527, sell-tax-ppb = 2000000 }
      }
      kis-trader.risk { duplicate-window = 1ms }
      pekko.loglevel = WARNING
      """;

  @Test
  void severalAgentsTradeOnKisSimAndTheirBooksEqualTheAccountOrderForOrder() throws Exception {
    Config config = ConfigFactory.parseString(AGENTS).withFallback(PersistenceTestKitPlugin.getInstance().config());
    try (KisSimulator sim = KisSimulator.start(SimConfig.fromConfig(ConfigFactory.parseString(
        "kis-sim { tick-interval = 100ms, rate-limit-per-second = -1, session-mode = ALWAYS_OPEN }")))) {
      long cashBefore = sim.account().cash();
      try (SimEngine engine = SimEngine.start("live-engine", config, sim, dir)) {
        engine.awaitAgentsRunning();
        engine.await("every agent completed a few round trips", () -> roundTripsDone(engine.states()));

        engine.parkAll("test over");
        engine.await("every order settled", () -> engine.states().values().stream()
            .allMatch(s -> s.openOrders().isEmpty()));
        Map<String, AgentState> books = engine.states();
        String summary = summary(books);

        BooksEqualTheAccount.positions(sim, books, summary);
        Map<String, String> owner = BooksEqualTheAccount.orderForOrder(sim, books,
            Set.of(OrderLog.Outcome.ACCEPTED), "accepted", summary).owner();
        PersistenceTestKit journal = PersistenceTestKit.create(engine.kit.system());
        Map<String, List<AgentEvent>> journals = new TreeMap<>();
        books.keySet().forEach(id -> journals.put(id, journal.persistedInStorage(
            Agent.persistenceId(new kis.journal.AgentId(id)).id()).stream().map(e -> (AgentEvent) e).toList()));
        BooksEqualTheAccount.cash(sim, books, journals, owner, cashBefore, summary);
        assertTrue(books.values().stream().allMatch(s -> s.anomalyCount() == 0), "no anomalies: " + summary);
      }
    }
  }

  /** All three agents run and each has placed more than six orders. */
  private static boolean roundTripsDone(Map<String, AgentState> states) {
    return states.size() == 3 && states.values().stream().allMatch(s -> s.nextOrderSeq() > 6);
  }

  private static String summary(Map<String, AgentState> books) {
    StringBuilder b = new StringBuilder();
    new TreeMap<>(books).forEach((id, s) -> b.append(id).append(": orders ").append(s.nextOrderSeq() - 1)
        .append(" open ").append(s.openOrders().size()).append(" pos ").append(s.positions()).append(" cash ")
        .append(s.cashFlow()).append(" anomalies ").append(s.anomalyCount()).append("; "));
    return b.toString();
  }
}
