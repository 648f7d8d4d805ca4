package kis.cluster;

import static kis.actors.live.LiveHarness.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import kis.actors.live.AccountDesk;
import kis.actors.live.HostSignals;
import kis.journal.state.AgentState;
import kis.journal.state.OrderStatus;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The account's limits in the cluster profile: the account singleton's HostSignals (the same code
 * as the single node's) counts every agent's orders wherever its entity runs, reserves each
 * placement as it checks it, and every agent is denied once the account's orders per day are used
 * up: exactly that many went out.
 */
@ExtendWith(LogCapturingExtension.class)
class ClusterAccountLimitsTest {
  @TempDir Path dir;

  static final String CONFIG = """
      kis-trader.agents = [
        { id = al-a, symbol = "005930", strategy { name = kis.actors.live.DemoRoundTrip,
            params { symbol = "005930", quantity = 1, hold-trades = 2 } } }
        { id = al-b, symbol = "000660", strategy { name = kis.actors.live.DemoRoundTrip,
            params { symbol = "000660", quantity = 1, hold-trades = 2 } } }
        { id = al-c, symbol = "035720", strategy { name = kis.actors.live.DemoRoundTrip,
            params { symbol = "035720", quantity = 1, hold-trades = 2 } } }
      ]
      kis-trader.risk.account.max-orders-per-day = 4
      """;

  @Test
  void ordersPerDayAreCountedOverEveryAgentOnEveryNodeAndThenDenied() throws Exception {
    try (SimCluster c = SimCluster.start(2, CONFIG, dir)) {
      awaitTrue("every agent denied by the account's order count", Duration.ofSeconds(120),
          () -> c.states(1).values().stream().allMatch(s -> s.closedOrders().stream().anyMatch(
              o -> o.status() == OrderStatus.DENIED && o.lastMessage().startsWith("RISK_ACCOUNT_ORDER_COUNT"))));
      Collection<AgentState> states = c.states(0).values();
      long sent = states.stream().flatMap(s -> java.util.stream.Stream.concat(s.closedOrders().stream(),
          s.openOrders().values().stream())).filter(o -> o.status() != OrderStatus.DENIED).count();
      // The singleton's keeper reserves each placement as it checks it, whichever node asks: never one over.
      assertEquals(4, sent, "orders sent over the account");
      HostSignals.AccountStatus account = AskPattern.<AccountDesk.Command, HostSignals.AccountStatus>ask(
          c.handles.get(1).account(), AccountDesk.GetAccount::new, SimCluster.ASK, c.kits.get(1).system().scheduler())
          .toCompletableFuture().get(15, TimeUnit.SECONDS);
      assertTrue(account.totals().ordersToday() >= 4 && account.totals().agents() == 3, account.toString());
    }
  }
}
