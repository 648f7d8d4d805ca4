package kis.cluster;

import static kis.cluster.SimCluster.ASK;
import static kis.actors.live.LiveHarness.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import kis.actors.live.AccountDesk;
import kis.actors.risk.KillSwitchState;
import kis.journal.RejectReason;
import kis.journal.state.AgentState;
import kis.journal.state.OrderStatus;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The account's kill switch in the cluster: one latch, journaled in PostgreSQL under the account's
 * name, inside the account singleton. Engaged from any node it cancels the working orders of the
 * agents on every node and denies their new ones; when the singleton's node dies, the singleton
 * that starts on another node recovers it latched and the moved agents stay denied; only an
 * operator's reset lets orders out again.
 */
@ExtendWith(LogCapturingExtension.class)
class ClusterKillSwitchTest {
  @TempDir Path dir;

  // Bids at about 80 % of the base price: inside the ±30 % band, far under the market, so they rest.
  static final String AGENTS = """
      kis-trader.agents = [
        { id = ks-a, symbol = "005930", strategy { name = kis.cluster.FixedLimitBuyer,
            params { symbol = "005930", price = 56800 } } }
        { id = ks-b, symbol = "000660", strategy { name = kis.cluster.FixedLimitBuyer,
            params { symbol = "000660", price = 102800 } } }
        { id = ks-c, symbol = "035720", strategy { name = kis.cluster.FixedLimitBuyer,
            params { symbol = "035720", price = 33700 } } }
        { id = ks-d, symbol = "005380", strategy { name = kis.cluster.FixedLimitBuyer,
            params { symbol = "005380", price = 188000 } } }
        { id = ks-e, symbol = "035420", strategy { name = kis.cluster.FixedLimitBuyer,
            params { symbol = "035420", price = 148000 } } }
      ]
      # Every denial journaled, each a denied order in the books: what "keeps being denied" counts.
      # (With a repeat window a strategy refused without end shows one denied order and its count.)
      kis-trader.risk.denial-repeat-window = 0s
      """;

  @Test
  void engagedFromAnyNodeItCancelsEveryNodesWorkingOrdersStaysLatchedWhenTheSingletonMovesAndNeedsAReset()
      throws Exception {
    // Three nodes: with two, the split brain resolver cannot tell the oldest's crash from a partition.
    try (SimCluster c = SimCluster.start(3, AGENTS, dir)) {
      String victim = c.address(0).toString();
      awaitTrue("every agent rests a bid, agents on every node", Duration.ofSeconds(60), () -> {
        AccountDesk.DeskStatus s = c.status(2);
        return s.trading().size() == c.agents.size() && s.node().equals(victim)
            && new HashSet<>(s.agentNodes().values()).size() == 3
            && c.states(2).values().stream().allMatch(st -> working(st) == 1);
      });
      assertEquals("LIVE", c.status(1).connection());
      long acceptedBefore = c.accepted();

      StatusReply<KillSwitchState> on = killSwitch(c, 2, r -> new AccountDesk.EngageKillSwitch("test: stop", "ops", r));
      assertTrue(on.isSuccess() && on.getValue().engaged(), on.toString());
      awaitTrue("every agent's bid cancelled and new ones denied", Duration.ofSeconds(30),
          () -> c.states(1).values().stream().allMatch(st -> st.openOrders().isEmpty() && denied(st) > 0
              && st.closedOrders().stream().anyMatch(o -> o.status() == OrderStatus.CANCELLED)));
      assertEquals(acceptedBefore, c.accepted(), "nothing new reached the exchange");

      // The singleton's node dies: the account moves, its kill switch recovers latched.
      c.kill(0);
      awaitTrue("the account runs on a survivor, latched, with every agent back", Duration.ofSeconds(90), () -> {
        AccountDesk.DeskStatus s = c.status(1);
        return !s.node().equals(victim) && s.killSwitch().engaged() && s.trading().size() == c.agents.size()
            && !s.agentNodes().containsValue(victim);
      });
      Map<String, Long> deniedAfterMove = new HashMap<>();
      c.states(1).forEach((id, st) -> deniedAfterMove.put(id, denied(st)));
      awaitTrue("every agent, moved or not, keeps being denied", Duration.ofSeconds(30),
          () -> c.states(1).entrySet().stream().allMatch(e -> denied(e.getValue()) > deniedAfterMove.get(e.getKey())));
      assertEquals(acceptedBefore, c.accepted(), "nothing new reached the exchange after the move");
      assertTrue(c.states(2).values().stream().allMatch(st -> st.openOrders().isEmpty()));

      StatusReply<KillSwitchState> anonymous = killSwitch(c, 2, r -> new AccountDesk.ResetKillSwitch(" ", r));
      assertTrue(anonymous.isError(), "a reset names its operator");
      StatusReply<KillSwitchState> off = killSwitch(c, 2, r -> new AccountDesk.ResetKillSwitch("ops", r));
      assertTrue(off.isSuccess() && !off.getValue().engaged(), off.toString());
      awaitTrue("bids rest again after the reset", Duration.ofSeconds(30),
          () -> c.accepted() > acceptedBefore && c.states(1).values().stream().allMatch(st -> working(st) == 1));
    }
  }

  private static StatusReply<KillSwitchState> killSwitch(SimCluster c, int via,
      java.util.function.Function<org.apache.pekko.actor.typed.ActorRef<StatusReply<KillSwitchState>>,
          AccountDesk.Command> command) {
    TestProbe<StatusReply<KillSwitchState>> p = c.kits.get(via).createTestProbe();
    c.handles.get(via).account().tell(command.apply(p.getRef()));
    return p.receiveMessage(ASK);
  }

  private static long working(AgentState s) {
    return s.openOrders().values().stream().filter(o -> o.status() == OrderStatus.WORKING).count();
  }

  private static long denied(AgentState s) {
    return s.closedOrders().stream().filter(o -> o.status() == OrderStatus.DENIED && o.lastMessage() != null
        && o.lastMessage().startsWith(RejectReason.RISK_KILL_SWITCH.name())).count();
  }

}
