package kis.actors.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import kis.actors.supervisor.ConnectionState;
import kis.journal.RejectReason;
import kis.journal.state.AgentState;
import kis.journal.state.OrderStatus;
import kis.sim.KisSimulator;
import kis.sim.OrderLog;
import kis.sim.SimConfig;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.persistence.testkit.PersistenceTestKitPlugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trading gated by the KIS connection, on the whole live engine against kis-sim: while the
 * websocket is down (dropped, and silent when it reconnects) the strategy's new orders are denied
 * and journaled as {@code RISK_HALTED} naming the connection state, nothing new reaches the
 * exchange, and trading resumes only once the supervisor is LIVE again (after its gap fill).
 */
@ExtendWith(LogCapturingExtension.class)
class ConnectionGateSimTest {
  @TempDir Path dir;

  static final String AGENT = """
      kis-trader.agents = [
        { id = gate-a, symbol = "005930", strategy { name = kis.actors.live.TimerTrader,
            params { symbol = "005930", every-ms = 150 } } }
      ]
      kis-trader.agent {
        snapshot-every = 50, snapshots-kept = 2
        persist-failure-backoff { min = 100ms, max = 1s, random-factor = 0.2 }
        costs { fee-ppb = 140527, sell-tax-ppb = 2000000 }
      }
      # Every denial journaled, each a denied order in the books: what this test counts. (With a
      # repeat window a strategy refused without end shows one denied order and its count.)
      kis-trader.risk { duplicate-window = 1ms, denial-repeat-window = 0s }
      pekko.loglevel = WARNING
      """;

  @Test
  void newOrdersAreDeniedWhileTheConnectionIsNotLiveAndResumeAfterTheGapFill() throws Exception {
    KisSimulator sim = KisSimulator.start(SimConfig.fromConfig(ConfigFactory.parseString(
        "kis-sim { tick-interval = 100ms, rate-limit-per-second = -1, session-mode = ALWAYS_OPEN,"
            + " token-reissue-interval = 0s }")));
    Config config = ConfigFactory.parseString(AGENT).withFallback(PersistenceTestKitPlugin.getInstance().config());
    try (SimEngine engine = SimEngine.start("gate", config, sim, dir)) {
      engine.await("the agent trades", () -> accepted(sim) > 1);

      // Timer intents met while the first session was still subscribing are denied too: only a
      // denial after the drop shows the engine knows the connection is gone (counting from zero let
      // the test take its count before the engine noticed, and an order placed then was counted).
      long haltedBeforeDrop = halted(agent(engine));
      // The socket drops and every new one stays silent (no subscription acks): not LIVE.
      sim.faults().silence(true);
      sim.faults().dropWebsockets();
      engine.await("a denial naming the connection", () -> halted(agent(engine)) > haltedBeforeDrop);
      // An order placed while still live may be on its way to the exchange (REST still answers):
      // the count is taken once every order placed before the first denial has its answer.
      engine.await("the orders placed before it answered", () -> agent(engine).openOrders().values().stream()
          .noneMatch(o -> o.status() == OrderStatus.REQUESTED || o.status() == OrderStatus.IN_DOUBT));
      long acceptedWhileDown = accepted(sim);
      long haltedSoFar = halted(agent(engine));
      engine.await("more denials while down", () -> halted(agent(engine)) > haltedSoFar + 1);
      assertTrue(engine.connection().state() != ConnectionState.LIVE, engine.connection().toString());
      assertEquals(acceptedWhileDown, accepted(sim), "no new order reached the exchange while not live");
      assertTrue(agent(engine).closedOrders().stream()
          .filter(o -> o.status() == OrderStatus.DENIED && o.lastMessage().startsWith("RISK_HALTED"))
          .allMatch(o -> o.lastMessage().contains("KIS connection is")), "the denial names the connection");

      sim.faults().silence(false);
      engine.await("live again", () -> engine.connection().state() == ConnectionState.LIVE);
      engine.await("trading resumes", () -> accepted(sim) > acceptedWhileDown);
    } finally {
      sim.close();
    }
  }

  private static AgentState agent(SimEngine e) {
    return e.states().getOrDefault("gate-a", AgentState.empty("gate-a"));
  }

  private static long halted(AgentState s) {
    return s.closedOrders().stream().filter(o -> o.status() == OrderStatus.DENIED)
        .filter(o -> o.lastMessage() != null && o.lastMessage().startsWith(RejectReason.RISK_HALTED.name())).count();
  }

  private static long accepted(KisSimulator sim) {
    return sim.orderLog().entries(e -> e.outcome() == OrderLog.Outcome.ACCEPTED).size();
  }
}
