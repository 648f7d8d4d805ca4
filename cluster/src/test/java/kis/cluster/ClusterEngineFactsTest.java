package kis.cluster;

import static kis.actors.live.LiveHarness.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kis.actors.live.AccountDesk;
import kis.journal.PriceLimits;
import kis.journal.RejectReason;
import kis.journal.state.AgentState;
import kis.journal.state.Order;
import kis.journal.state.OrderStatus;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the account singleton tells agents on every node besides market data: KIS base prices
 * (기준가, {@code stck_sdpr}), without which a fed agent has no ±30 % band and may not trade at
 * all, and the KIS connection state: while the websocket is down new orders are denied
 * ({@code RISK_HALTED}, naming the connection) on every node and none reaches the exchange; once
 * the supervisor is LIVE again they go out again.
 */
@ExtendWith(LogCapturingExtension.class)
class ClusterEngineFactsTest {
  @TempDir Path dir;

  static final long BASE_005380 = 235_000; // kis-sim's reference.conf
  static final long OVER_THE_BAND = PriceLimits.forBase(BASE_005380).upper() + 500;

  static final String AGENTS = """
      kis-trader.agents = [
        { id = cf-a, symbol = "005930", strategy { name = kis.actors.live.TimerTrader,
            params { symbol = "005930", every-ms = 150 } } }
        { id = cf-b, symbol = "000660", strategy { name = kis.actors.live.TimerTrader,
            params { symbol = "000660", every-ms = 150 } } }
        { id = cf-c, symbol = "035720", strategy { name = kis.actors.live.TimerTrader,
            params { symbol = "035720", every-ms = 150 } } }
        { id = cf-d, symbol = "035420", strategy { name = kis.actors.live.TimerTrader,
            params { symbol = "035420", every-ms = 150 } } }
        { id = cf-band, symbol = "005380", strategy { name = kis.cluster.FixedLimitBuyer,
            params { symbol = "005380", price = %d } } }
      ]
      # Every denial journaled, each a denied order in the books: what this test counts. (With a
      # repeat window a strategy refused without end shows one denied order and its count.)
      kis-trader.risk.denial-repeat-window = 0s
      """.formatted(OVER_THE_BAND);

  static final List<String> TRADERS = List.of("cf-a", "cf-b", "cf-c", "cf-d");
  /** Node 0 is the oldest and holds the singleton: two traders there, two and the band agent on node 1. */
  static final Map<String, Integer> PLACES = Map.of("cf-a", 0, "cf-b", 1, "cf-c", 0, "cf-d", 1, "cf-band", 1);

  @Test
  void basePricesReachAgentsOnEveryNodeAndNewOrdersAreDeniedEverywhereWhileTheConnectionIsNotLive()
      throws Exception {
    try (SimCluster c = SimCluster.start(2, AGENTS, dir, SimCluster.Options.PLAIN.pinned(PLACES))) {
      // A fed agent without a KIS base price has no band and is denied every order: trading on the
      // node without the singleton means the base prices crossed over.
      awaitTrue("agents on both nodes trade", Duration.ofSeconds(60), () -> {
        AccountDesk.DeskStatus s = c.status(1);
        Map<String, AgentState> st = c.states(1);
        return s.trading().size() == c.agents.size() && TRADERS.stream().allMatch(id -> filled(st.get(id)) >= 2);
      });
      Map<String, String> expected = new HashMap<>();
      PLACES.forEach((id, node) -> expected.put(id, c.address(node).toString()));
      assertEquals(expected, c.status(1).agentNodes(), "every agent where it was pinned");
      assertEquals(c.address(0).toString(), c.status(1).node(), "the singleton on the oldest node");
      PriceLimits band = PriceLimits.forBase(BASE_005380);
      awaitTrue("the band agent is denied on the band from KIS's base price", Duration.ofSeconds(30),
          () -> c.states(1).get("cf-band").closedOrders().stream().anyMatch(o -> o.status() == OrderStatus.DENIED
              && o.lastMessage().contains(RejectReason.KRX_PRICE_LIMIT.name())
              && o.lastMessage().contains(band.lower() + ".." + band.upper())));

      // The websocket drops and every new one stays silent (no subscription acks): not LIVE.
      c.sim.faults().silence(true);
      c.sim.faults().dropWebsockets();
      awaitTrue("denials naming the connection on both nodes", Duration.ofSeconds(30),
          () -> c.states(1).entrySet().stream().filter(e -> TRADERS.contains(e.getKey()))
              .allMatch(e -> halted(e.getValue()) > 0));
      long acceptedWhileDown = c.accepted();
      Map<String, Long> haltedSoFar = new HashMap<>();
      c.states(1).forEach((id, st) -> haltedSoFar.put(id, halted(st)));
      awaitTrue("more denials while down", Duration.ofSeconds(30),
          () -> c.states(0).entrySet().stream().filter(e -> TRADERS.contains(e.getKey()))
              .allMatch(e -> halted(e.getValue()) > haltedSoFar.get(e.getKey()) + 1));
      assertNotEquals("LIVE", c.status(1).connection());
      assertEquals(acceptedWhileDown, c.accepted(), "no new order reached the exchange while not live");
      assertTrue(c.states(1).values().stream().flatMap(s -> s.closedOrders().stream())
          .filter(ClusterEngineFactsTest::isHalted).allMatch(o -> o.lastMessage().contains("KIS connection is")));

      c.sim.faults().silence(false);
      awaitTrue("live again", Duration.ofSeconds(30), () -> c.status(1).connection().equals("LIVE"));
      Map<String, Long> filledBefore = new HashMap<>();
      c.states(1).forEach((id, st) -> filledBefore.put(id, filled(st)));
      awaitTrue("trading resumes on both nodes", Duration.ofSeconds(30),
          () -> c.accepted() > acceptedWhileDown && c.states(1).entrySet().stream()
              .filter(e -> TRADERS.contains(e.getKey()))
              .allMatch(e -> filled(e.getValue()) > filledBefore.get(e.getKey())));
    }
  }

  private static long filled(AgentState s) {
    return s.closedOrders().stream().filter(o -> o.status() == OrderStatus.FILLED).count();
  }

  private static boolean isHalted(Order o) {
    return o.status() == OrderStatus.DENIED && o.lastMessage() != null
        && o.lastMessage().startsWith(RejectReason.RISK_HALTED.name());
  }

  private static long halted(AgentState s) {
    return s.closedOrders().stream().filter(ClusterEngineFactsTest::isHalted).count();
  }
}
