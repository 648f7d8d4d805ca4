package kis.cluster;

import static kis.actors.live.LiveHarness.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import kis.actors.live.AccountDesk;
import kis.journal.state.AgentState;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node stopped the way SIGTERM stops it (its coordinated shutdown with {@link NodeShutdown}),
 * while its agents trade: it pauses them and waits until none has an order unanswered (the
 * account's node closes the account's order flow and waits for every agent's), then hands them
 * (and the account) over and leaves. The other node runs them on from the PostgreSQL journal; in the end the
 * books equal the account, order for order, and no order was sent twice.
 */
class NodeLeaveTest {
  @TempDir Path dir;

  @Test
  void aNodeStoppedWhileItsAgentsTradeSettlesTheirOrdersHandsThemOverAndNothingIsLostOrDoubled() throws Exception {
    leave(1);
  }

  @Test
  void theAccountsNodeStoppedWhileAgentsTradeClosesTheAccountsOrderFlowAndTheAccountMovesWithNothingLostOrDoubled()
      throws Exception {
    leave(0);
  }

  /** Of two trading nodes, node {@code leaver} (0 = the oldest, running the account) is stopped. */
  private void leave(int leaver) throws Exception {
    int other = 1 - leaver;
    try (SimCluster c = SimCluster.start(2, NodeFailoverTest.AGENTS, dir, SimCluster.Options.FAILOVER)) {
      ActorSystem<Void> leaving = c.kits.get(leaver).system();
      String gone = leaving.address().toString();
      awaitTrue("agents on both nodes and trading", Duration.ofSeconds(120), () -> {
        AccountDesk.DeskStatus s = c.status(other);
        return s.trading().size() == c.agents.size() && s.agentNodes().containsValue(gone);
      });
      List<String> moved = c.status(other).agentNodes().entrySet().stream().filter(e -> e.getValue().equals(gone))
          .map(Map.Entry::getKey).toList();
      awaitTrue("a few orders per agent", Duration.ofSeconds(60), () -> c.placedAtLeast(other, 3));
      Map<String, Long> seqBeforeLeave = new HashMap<>();
      c.states(other).forEach((id, st) -> seqBeforeLeave.put(id, st.nextOrderSeq()));

      List<String> steps = new CopyOnWriteArrayList<>();
      NodeShutdown.register(leaving, c.handles.get(leaver), Duration.ofSeconds(4), steps::add);
      CoordinatedShutdown.get(leaving).run(CoordinatedShutdown.unknownReason());
      leaving.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);

      assertEquals(1, steps.size(), steps.toString());
      assertTrue(steps.get(0).contains(moved.size() + " agent(s) of this node paused"), steps.get(0));
      int watched = leaver == 0 ? c.agents.size() : moved.size(); // the account's node waits for every agent
      assertTrue(steps.get(0).contains("no order of " + watched + " agent(s) unanswered"), steps.get(0));
      assertEquals(leaver == 0, steps.get(0).contains("the account's order flow closed"), steps.get(0));

      awaitTrue("every agent registered on the other node and trading", Duration.ofSeconds(120), () -> {
        AccountDesk.DeskStatus s = c.status(other);
        return s.trading().size() == c.agents.size() && !s.agentNodes().containsValue(gone)
            && !s.node().equals(gone);
      });
      awaitTrue("moved agents trade on", Duration.ofSeconds(60), () -> {
        Map<String, AgentState> st = c.states(other);
        return moved.stream().allMatch(id -> st.get(id).nextOrderSeq() > seqBeforeLeave.get(id) + 1);
      });
      Map<String, AgentState> books = c.parkAndSettle(other);
      c.assertBooksEqualTheAccount(other, books);
    }
  }
}
