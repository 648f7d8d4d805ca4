package kis.actors.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import kis.actors.agent.Agent;
import kis.actors.agent.SessionSchedule;
import kis.actors.gateway.GatewaySettings;
import kis.actors.manager.AgentManager;
import kis.connector.KisConfig;
import kis.connector.KisConnector;
import kis.connector.KisCredentials;
import kis.journal.Symbol;
import kis.journal.calendar.KrxCalendar;
import kis.journal.calendar.SessionClock;
import kis.journal.state.AgentState;
import kis.journal.state.Order;
import kis.sim.KisSimulator;
import kis.sim.OrderLog;
import kis.sim.SimConfig;
import kis.sim.SimCredentials;
import kis.strategies.StrategyContext;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.PersistenceTestKitPlugin;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof: the whole live engine (manager, strategy hosts, agents, gateway, reconciler, feed)
 * against an in-process kis-sim on loopback, several agents trading for a while; afterwards the
 * agents' books equal the simulator's account, order for order.
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
    KisSimulator sim = KisSimulator.start(SimConfig.fromConfig(ConfigFactory.parseString(
        "kis-sim { tick-interval = 100ms, rate-limit-per-second = -1, session-mode = ALWAYS_OPEN }")));
    Config config = ConfigFactory.parseString(AGENTS).withFallback(PersistenceTestKitPlugin.getInstance().config())
        .withFallback(ConfigFactory.load()).resolve();
    ActorTestKit kit = ActorTestKit.create("live-engine", config);
    long cashBefore = sim.account().cash();
    try {
      SimCredentials sc = sim.credentials();
      KisCredentials creds = KisCredentials.of(sc.appKey(), sc.appSecret(), sc.cano() + "-" + sc.acntPrdtCd(),
          sc.htsId());
      KisConfig kc = KisConfig.forSimulator(sim.restBaseUrl(), sim.websocketUrl(), dir.resolve("tokens"))
          .withTrIds(true);
      CompletableFuture<LiveEngine.Handles> started = new CompletableFuture<>();
      Behavior<Void> root = Behaviors.setup(ctx -> LiveEngine.guardian(new LiveEngine.Setup(config,
          KisConnector.create(ctx.getSystem(), kc, creds), Clock.systemUTC(),
          SessionSchedule.alwaysOpen(StrategyContext.KST),
          new SessionClock(KrxCalendar.defaults(), Clock.systemUTC()), GatewaySettings.real(), Duration.ofSeconds(2), dir),
          started));
      kit.spawn(root, "engine");
      LiveEngine.Handles engine = started.get(30, TimeUnit.SECONDS);

      // Trade until every agent has completed a few round trips (bounded).
      Instant deadline = Instant.now().plusSeconds(60);
      while (Instant.now().isBefore(deadline) && !roundTripsDone(states(kit, engine))) {
        TestProbe<Object> tick = kit.createTestProbe();
        tick.expectNoMessage(Duration.ofMillis(500)); // pacing the poll, not waiting for a result
      }
      Map<String, AgentState> traded = states(kit, engine);
      assertTrue(roundTripsDone(traded), "agents traded: " + summary(traded));

      // Stop trading, let every order settle.
      TestProbe<StatusReply<Done>> ack = kit.createTestProbe();
      for (var a : engine.agents()) {
        engine.manager().tell(new AgentManager.ParkAgent(a.id(), "test over", ack.getRef()));
        assertTrue(ack.receiveMessage(Duration.ofSeconds(10)).isSuccess());
      }
      Instant settle = Instant.now().plusSeconds(30);
      Map<String, AgentState> fin = states(kit, engine);
      while (Instant.now().isBefore(settle) && fin.values().stream().anyMatch(s -> !s.openOrders().isEmpty())) {
        kit.createTestProbe().expectNoMessage(Duration.ofMillis(300));
        fin = states(kit, engine);
      }
      Map<String, AgentState> books = fin;
      assertTrue(books.values().stream().allMatch(s -> s.openOrders().isEmpty()), "orders settled: " + summary(books));

      // Positions: per symbol, the agents' books equal the account.
      Map<Symbol, Long> held = new HashMap<>();
      books.values().forEach(s -> s.positions().forEach((code, p) -> {
        if (p.quantity() != 0) {
          held.merge(Symbol.of(code), p.quantity(), Long::sum);
        }
      }));
      assertEquals(sim.account().holdings(), held, summary(books));

      // Cash: the agents' cash effects (after fees and tax) equal the account's cash change.
      long cashFlow = books.values().stream().mapToLong(AgentState::cashFlow).sum();
      assertEquals(sim.account().cash() - cashBefore, cashFlow, summary(books));

      // Order for order: each accepted order number in the simulator belongs to exactly one agent order.
      List<OrderLog.Entry> accepted = sim.orderLog().entries(e -> e.outcome() == OrderLog.Outcome.ACCEPTED);
      Set<String> simOrders = new HashSet<>();
      accepted.forEach(e -> assertTrue(simOrders.add(e.odno()), "order " + e.odno() + " logged once"));
      List<String> agentOrders = new ArrayList<>();
      books.values().forEach(s -> s.closedOrders().stream().map(Order::orderNo)
          .filter(java.util.Objects::nonNull).forEach(no -> agentOrders.add(no.value())));
      assertEquals(agentOrders.size(), new HashSet<>(agentOrders).size(), "no order number twice in the books");
      assertTrue(simOrders.containsAll(agentOrders), "every agent order is in the sim's log");
      assertEquals(simOrders.size(), agentOrders.size(), "every sim order is an agent's order");
    } finally {
      kit.shutdownTestKit();
      sim.close();
    }
  }

  /** All three agents run and each has placed more than six orders. */
  private static boolean roundTripsDone(Map<String, AgentState> states) {
    return states.size() == 3 && states.values().stream().allMatch(s -> s.nextOrderSeq() > 6);
  }

  private static Map<String, AgentState> states(ActorTestKit kit, LiveEngine.Handles engine) {
    Map<String, AgentState> out = new HashMap<>();
    engine.registry().agents().forEach((id, ref) -> {
      TestProbe<AgentState> p = kit.createTestProbe();
      ref.tell(new Agent.GetState(p.getRef()));
      out.put(id.value(), p.receiveMessage(Duration.ofSeconds(10)));
    });
    return out;
  }

  private static String summary(Map<String, AgentState> books) {
    StringBuilder b = new StringBuilder();
    books.forEach((id, s) -> b.append(id).append(": orders ").append(s.nextOrderSeq() - 1).append(" open ")
        .append(s.openOrders().size()).append(" pos ").append(s.positions()).append(" cash ").append(s.cashFlow())
        .append(" anomalies ").append(s.anomalyCount()).append("; "));
    return b.toString();
  }
}
