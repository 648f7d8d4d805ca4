package kis.cluster;

import static kis.cluster.SimCluster.ASK;
import static kis.actors.live.LiveHarness.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import kis.actors.live.AccountDesk;
import kis.actors.live.AgentRunner;
import kis.journal.AgentId;
import kis.journal.state.AgentState;
import kis.journal.state.OrderStatus;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fresh starts are cluster-wide: the agent's generation is journaled in PostgreSQL, so when its
 * node dies and sharding starts it on another node, it runs on the same new journal, not on the
 * configured one.
 */
@ExtendWith(LogCapturingExtension.class)
class ClusterFreshStartTest {
  @TempDir Path dir;

  static final String AGENTS = """
      kis-trader.agents = [
        { id = fs-a, symbol = "005930", strategy { name = kis.actors.live.TimerTrader,
            params { symbol = "005930", every-ms = 200 } } }
        { id = fs-b, symbol = "000660", strategy { name = kis.actors.live.TimerTrader,
            params { symbol = "000660", every-ms = 200 } } }
        { id = fs-c, symbol = "035720", strategy { name = kis.actors.live.TimerTrader,
            params { symbol = "035720", every-ms = 200 } } }
        { id = fs-d, symbol = "035420", strategy { name = kis.actors.live.TimerTrader,
            params { symbol = "035420", every-ms = 200 } } }
      ]
      """;

  @Test
  void anAgentFreshStartedOnOneNodeRunsOnItsNewJournalAfterMovingToAnotherNode() throws Exception {
    try (SimCluster c = SimCluster.start(2, AGENTS, dir)) {
      String other = c.address(1).toString();
      awaitTrue("agents trade on both nodes", Duration.ofSeconds(60), () -> {
        AccountDesk.DeskStatus s = c.status(0);
        return s.trading().size() == c.agents.size() && s.agentNodes().containsValue(other)
            && c.states(0).values().stream().allMatch(st -> filled(st) >= 1);
      });
      AgentId id = new AgentId(c.status(0).agentNodes().entrySet().stream()
          .filter(e -> e.getValue().equals(other)).findFirst().orElseThrow().getKey());
      var entity = c.handles.get(0).agent(id);

      StatusReply<Done> parked = entity.<StatusReply<Done>>ask(r -> new AgentRunner.Park("fresh start", r), ASK)
          .toCompletableFuture().get(15, TimeUnit.SECONDS);
      assertTrue(parked.isSuccess(), parked.toString());
      awaitTrue("its orders settled", Duration.ofSeconds(30), () -> state(c, 0, id).openOrders().isEmpty());
      // A round trip may leave shares held: those are handed over, or the fresh start is refused.
      long held = state(c, 0, id).positions().values().stream().mapToLong(p -> p.quantity()).sum();
      StatusReply<String> fresh = entity.<StatusReply<String>>ask(r -> new AgentRunner.FreshStart("ops", held > 0, r),
          ASK).toCompletableFuture().get(15, TimeUnit.SECONDS);
      assertEquals(StatusReply.success(id.value() + ".g1"), fresh);
      awaitTrue("it trades on its new journal", Duration.ofSeconds(30), () -> {
        AgentState st = state(c, 0, id);
        AccountDesk.DeskStatus s = c.status(0);
        return st.agentId().equals(id + ".g1") && filled(st) >= 1
            && s.journalIds().get(id.value()).equals(id + ".g1") && s.trading().contains(id.value());
      });
      assertEquals(1, c.db.count("SELECT count(*) FROM event_journal WHERE persistence_id = 'AgentGeneration|"
          + id + "'"), "the generation is in PostgreSQL");

      // Its node dies: on the other node it comes back on generation 1, not the configured journal.
      c.kill(1);
      awaitTrue("back on the surviving node, on its new journal, trading", Duration.ofSeconds(90), () -> {
        AccountDesk.DeskStatus s = c.status(0);
        return !s.agentNodes().containsValue(other) && s.trading().contains(id.value())
            && s.journalIds().get(id.value()).equals(id + ".g1");
      });
      long before = state(c, 0, id).nextOrderSeq();
      awaitTrue("it trades on from its new journal", Duration.ofSeconds(30), () -> {
        AgentState st = state(c, 0, id);
        return st.agentId().equals(id + ".g1") && st.nextOrderSeq() > before + 1;
      });
    }
  }

  private static AgentState state(SimCluster c, int via, AgentId id) {
    try {
      return c.handles.get(via).agent(id).<AgentState>ask(AgentRunner.GetState::new, ASK).toCompletableFuture()
          .get(15, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static long filled(AgentState s) {
    return s.closedOrders().stream().filter(o -> o.status() == OrderStatus.FILLED).count();
  }
}
