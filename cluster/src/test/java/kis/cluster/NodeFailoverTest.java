package kis.cluster;

import static kis.cluster.SimCluster.ASK;
import static kis.cluster.SimCluster.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import kis.actors.agent.AgentConfig;
import kis.actors.live.BooksEqualTheAccount;
import kis.journal.state.AgentState;
import kis.actors.agent.Agent;
import kis.cluster.migrate.JournalEvents;
import kis.journal.ClientOrderId;
import kis.journal.event.AgentEvent;
import kis.journal.event.InDoubtResolved;
import kis.journal.event.OrderAccepted;
import kis.sim.KisSimulator;
import kis.sim.OrderLog;
import org.apache.pekko.Done;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.pattern.StatusReply;
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
      KisSimulator sim = c.sim;
      long cashBefore = c.cashAtStart;
      List<AgentConfig> agents = c.agents;
      List<ActorTestKit> kits = c.kits;
      ActorTestKit victimKit = kits.get(victimIndex);
      Address victim = Cluster.get(victimKit.system()).selfMember().address();
      int survivorIndex = victimIndex == 0 ? 1 : 0;
      ActorTestKit kit = kits.get(survivorIndex);
      ClusterEngine.Handles h = c.handles.get(survivorIndex);

      // Several nodes run agents, all of them trade.
      awaitTrue("agents on several nodes and trading", Duration.ofSeconds(120), () -> {
        AccountDesk.Agents a = desk(kit, h);
        return a.trading().size() == agents.size() && a.agents().values().stream()
            .anyMatch(r -> r.path().address().equals(victim));
      });
      Map<String, Address> placement = new HashMap<>();
      desk(kit, h).agents().forEach((id, r) -> placement.put(id, r.path().address()));
      List<String> moved = placement.entrySet().stream().filter(e -> e.getValue().equals(victim))
          .map(Map.Entry::getKey).toList();
      assertFalse(moved.isEmpty(), "some agents ran on the killed node: " + placement);
      awaitTrue("a few orders per agent", Duration.ofSeconds(60), () -> placedAtLeast(c, survivorIndex, 3));
      Map<String, Long> seqBeforeKill = new HashMap<>();
      c.states(survivorIndex).forEach((id, st) -> seqBeforeKill.put(id, st.nextOrderSeq()));

      // Kill the victim while its agents trade. Its database link goes first, so nothing it does
      // on the way down (a lease release, a journal write) reaches PostgreSQL, as when a machine
      // dies: its leases must expire before the survivor may run its account and agents.
      c.kill(victimIndex);

      // Its agents (and the account, if it ran there) come back on the survivors, recovered from
      // PostgreSQL, are reconciled and trade on.
      awaitTrue("every agent registered on a surviving node and trading", Duration.ofSeconds(120), () -> {
        AccountDesk.Agents a = desk(kit, h);
        return a.trading().size() == agents.size()
            && a.agents().values().stream().noneMatch(r -> r.path().address().equals(victim));
      });
      awaitTrue("moved agents trade on", Duration.ofSeconds(60), () -> {
        Map<String, AgentState> st = c.states(survivorIndex);
        return moved.stream().allMatch(id -> st.get(id).nextOrderSeq() > seqBeforeKill.get(id) + 1);
      });

      // Stop trading, let every order settle.
      for (AgentConfig a : agents) {
        StatusReply<Done> r = h.agent(a.id()).<StatusReply<Done>>ask(
            rt -> new AgentEntity.Park("test over", rt), ASK).toCompletableFuture().get(15, TimeUnit.SECONDS);
        assertTrue(r.isSuccess(), a.id() + " parked: " + r);
      }
      awaitTrue("orders settled", Duration.ofSeconds(30),
          () -> c.states(survivorIndex).values().stream().allMatch(st -> st.openOrders().isEmpty()));
      Map<String, AgentState> books = c.states(survivorIndex);
      for (String id : moved) {
        assertTrue(books.get(id).nextOrderSeq() > seqBeforeKill.get(id), id + " kept its journal");
      }

      // Positions: per symbol, the agents' books equal the account.
      BooksEqualTheAccount.positions(sim, books, summary(books));

      // Order for order, and none twice, from the whole journals in PostgreSQL (the books keep only
      // the newest closed orders): every order the sim accepted is exactly one agent order.
      Map<String, ClientOrderId> owner = new HashMap<>();
      for (AgentConfig a : agents) {
        for (AgentEvent e : JournalEvents.read(kit.system(), JournalEvents.JDBC,
            Agent.persistenceId(a.id()).id(), ASK)) {
          if (e instanceof OrderAccepted acc) {
            ClientOrderId before = owner.put(acc.orderNo().value(), acc.orderId());
            assertTrue(before == null || before.equals(acc.orderId()), acc.orderNo() + " belongs to one order");
          } else if (e instanceof InDoubtResolved r && r.orderNo().isPresent()) {
            ClientOrderId before = owner.put(r.orderNo().get().value(), r.orderId());
            assertTrue(before == null || before.equals(r.orderId()), r.orderNo() + " belongs to one order");
          }
        }
      }
      // Cash to the won: fee and tax are rounded per order on its cumulative amount, so a fill
      // inferred from the inquiry (its notice lost while the account moved) costs what the
      // exchange charged.
      long cashFlow = books.values().stream().mapToLong(AgentState::cashFlow).sum();
      assertEquals(sim.account().cash() - cashBefore, cashFlow, "cash; " + summary(books));
      List<OrderLog.Entry> accepted = sim.orderLog().entries(e -> e.outcome() == OrderLog.Outcome.ACCEPTED);
      Set<String> simOrders = new HashSet<>();
      accepted.forEach(e -> assertTrue(simOrders.add(e.odno()), "order " + e.odno() + " logged once"));
      assertEquals(simOrders, owner.keySet(), "the sim's orders are the agents' orders; " + summary(books));
      assertEquals(owner.size(), new HashSet<>(owner.values()).size(), "no agent order was sent twice");
    }
  }

  private static AccountDesk.Agents desk(ActorTestKit kit, ClusterEngine.Handles h) {
    TestProbe<AccountDesk.Agents> p = kit.createTestProbe();
    h.account().tell(new AccountDesk.GetAgents(p.getRef()));
    return p.receiveMessage(ASK);
  }

  private static boolean placedAtLeast(SimCluster c, int via, long n) {
    Map<String, AgentState> s = c.states(via);
    return s.size() == c.agents.size() && s.values().stream().allMatch(x -> x.nextOrderSeq() > n);
  }

  private static String summary(Map<String, AgentState> books) {
    StringBuilder b = new StringBuilder();
    books.forEach((id, s) -> b.append(id).append(": orders ").append(s.nextOrderSeq() - 1).append(" open ")
        .append(s.openOrders().size()).append(" pos ").append(s.positions()).append(" cash ").append(s.cashFlow())
        .append(" anomalies ").append(s.anomalyCount()).append("; "));
    return b.toString();
  }
}
