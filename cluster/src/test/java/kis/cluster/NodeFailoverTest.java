package kis.cluster;

import static kis.actors.live.LiveHarness.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kis.actors.agent.AgentConfig;
import kis.actors.live.AccountDesk;
import kis.journal.state.AgentState;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.cluster.typed.Cluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The failover proofs: engine nodes (actor systems on loopback ports) against one kis-sim and one
 * PostgreSQL, agents trading on all of them. One node is killed (its database link cut, no
 * graceful leave): a node without the account singleton, or the singleton's own node (then the
 * account moves too and the agents elsewhere re-register with it), of three nodes or of two. The
 * split brain resolver (lease-majority, the lease in PostgreSQL) downs it, once its leases
 * expired sharding restarts its agents on the survivors from the PostgreSQL journal and the
 * singleton moves, they trade on, and in the end every agent's books equal the account, order for
 * order, with no order sent twice.
 */
class NodeFailoverTest {
  @TempDir Path dir;

  static final String AGENTS = """
      kis-trader.agents = [
        { id = fo-a, symbol = "005930", strategy { name = kis.actors.live.DemoRoundTrip,
            params { symbol = "005930", quantity = 3, hold-trades = 2 } } }
        { id = fo-b, symbol = "000660", strategy { name = kis.actors.live.DemoRoundTrip,
            params { symbol = "000660", quantity = 1, hold-trades = 3 } } }
        { id = fo-c, symbol = "035720", strategy { name = kis.actors.live.DemoRoundTrip,
            params { symbol = "035720", quantity = 7, hold-trades = 2 } } }
        { id = fo-d, symbol = "005380", strategy { name = kis.actors.live.DemoRoundTrip,
            params { symbol = "005380", quantity = 2, hold-trades = 2 } } }
      ]
      kis-trader.agent.snapshot-every = 20
      """;

  @Test
  void killingANodeMovesItsAgentsToTheOtherNodeWithBooksEqualToTheAccountAndNoOrderTwice() throws Exception {
    failover(2, 1);
  }

  @Test
  void killingTheAccountSingletonsNodeMovesTheAccountAndItsAgentsWithBooksEqualToTheAccountAndNoOrderTwice()
      throws Exception {
    failover(3, 0);
  }

  @Test
  void ofTwoNodesKillingTheOldestLeavesTheOtherTradingAloneWithBooksEqualToTheAccountAndNoOrderTwice()
      throws Exception {
    // The survivor cannot tell a crash from a partition; it stays up because it takes the
    // resolver's lease in PostgreSQL, and runs the account once the dead node's lease expired.
    failover(2, 0);
  }

  /** {@code nodes} engine nodes trade; node {@code victim} (0 = the oldest, holding the account singleton) is killed. */
  private void failover(int nodes, int victimIndex) throws Exception {
    // The account's new node needs a token of its own: SimCluster's kis-sim re-issues tokens at
    // once, as KIS's once-a-minute issuance rule would stall the moved account for a minute (a
    // known limit, see README).
    try (SimCluster c = SimCluster.start(nodes, AGENTS, dir, SimCluster.Options.FAILOVER)) {
      List<AgentConfig> agents = c.agents;
      List<ActorTestKit> kits = c.kits;
      ActorTestKit victimKit = kits.get(victimIndex);
      Address victim = Cluster.get(victimKit.system()).selfMember().address();
      int survivorIndex = victimIndex == 0 ? 1 : 0;

      // Several nodes run agents, all of them trade.
      awaitTrue("agents on several nodes and trading", Duration.ofSeconds(120), () -> {
        AccountDesk.Agents a = c.desk(survivorIndex);
        return a.trading().size() == agents.size() && a.agents().values().stream()
            .anyMatch(r -> r.path().address().equals(victim));
      });
      Map<String, Address> placement = new HashMap<>();
      c.desk(survivorIndex).agents().forEach((id, r) -> placement.put(id, r.path().address()));
      List<String> moved = placement.entrySet().stream().filter(e -> e.getValue().equals(victim))
          .map(Map.Entry::getKey).toList();
      assertFalse(moved.isEmpty(), "some agents ran on the killed node: " + placement);
      awaitTrue("a few orders per agent", Duration.ofSeconds(60), () -> c.placedAtLeast(survivorIndex, 3));
      Map<String, Long> seqBeforeKill = new HashMap<>();
      c.states(survivorIndex).forEach((id, st) -> seqBeforeKill.put(id, st.nextOrderSeq()));

      // Kill the victim while its agents trade. Its database link goes first, so nothing it does
      // on the way down (a lease release, a journal write) reaches PostgreSQL, as when a machine
      // dies: its leases must expire before the survivor may run its account and agents.
      c.kill(victimIndex);

      // Its agents (and the account, if it ran there) come back on the survivors, recovered from
      // PostgreSQL, are reconciled and trade on.
      awaitTrue("every agent registered on a surviving node and trading", Duration.ofSeconds(120), () -> {
        AccountDesk.Agents a = c.desk(survivorIndex);
        return a.trading().size() == agents.size()
            && a.agents().values().stream().noneMatch(r -> r.path().address().equals(victim));
      });
      awaitTrue("moved agents trade on", Duration.ofSeconds(60), () -> {
        Map<String, AgentState> st = c.states(survivorIndex);
        return moved.stream().allMatch(id -> st.get(id).nextOrderSeq() > seqBeforeKill.get(id) + 1);
      });

      Map<String, AgentState> books = c.parkAndSettle(survivorIndex);
      for (String id : moved) {
        assertTrue(books.get(id).nextOrderSeq() > seqBeforeKill.get(id), id + " kept its journal");
      }
      c.assertBooksEqualTheAccount(survivorIndex, books);
    }
  }
}
