package kis.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import kis.actors.agent.AgentConfig;
import kis.journal.AgentId;
import kis.journal.Symbol;
import kis.journal.state.AgentState;
import org.junit.jupiter.api.Test;

/**
 * The cluster dashboard's refresh counted in asks, not timed: 300 agents, a few of them trading.
 * Before, every agent's entity was asked every second; now only the agents whose journal moved,
 * whose journal id changed or that a control touched, plus a slow sweep, within a bound.
 */
class AgentRefreshTest {
  static final int AGENTS = 300;
  static final int TICKS = 120;

  /** Agents whose journals the read journal shows, and entities that answer with books of that length. */
  static final class Cluster {
    final Map<AgentId, Long> journalEnd = new ConcurrentHashMap<>();
    final Map<AgentId, String> journalOf = new ConcurrentHashMap<>();
    final Map<AgentId, Integer> asked = new ConcurrentHashMap<>();
    final List<CompletableFuture<AgentState>> pending = new ArrayList<>();
    final Map<AgentId, AgentState> shown = new ConcurrentHashMap<>();
    boolean answerAtOnce = true;
    int maxInFlight;
    AgentRefresh refresh;

    CompletionStage<AgentState> books(AgentConfig a) {
      asked.merge(a.id(), 1, Integer::sum);
      maxInFlight = Math.max(maxInFlight, refresh.inFlight());
      String journal = journalOf.getOrDefault(a.id(), a.id().value());
      long n = journalEnd.getOrDefault(new AgentId(journal), 0L);
      AgentState s = AgentState.empty(journal);
      AgentState books = new AgentState(journal, n, 1, s.openOrders(), s.closedOrders(), s.positions(), 0, 0, 0, 0,
          false, null, List.of(), 0, java.util.Set.of(), s.prunedOrderNos());
      CompletableFuture<AgentState> f = new CompletableFuture<>();
      if (answerAtOnce) {
        f.complete(books);
      } else {
        synchronized (pending) {
          pending.add(f);
        }
      }
      return f;
    }

    long end(AgentId journal) {
      return journalEnd.getOrDefault(journal, 0L);
    }
  }

  static List<AgentConfig> agents(int n) {
    List<AgentConfig> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new AgentConfig(new AgentId("agent-" + i), Symbol.of("005930"), "kis.actors.live.DemoRoundTrip",
          Map.of(), AgentConfig.RiskLimits.NONE, 10_000_000));
    }
    return out;
  }

  static Cluster cluster(List<AgentConfig> agents, int maxInFlight, int sweepTicks) {
    Cluster c = new Cluster();
    c.refresh = new AgentRefresh(agents, c::books, c::end, (a, s) -> c.shown.put(a.id(), s), maxInFlight, sweepTicks);
    return c;
  }

  @Test
  void quietAgentsAreAskedOnlyByTheSlowSweepAndMovedJournalsWithinASecond() {
    List<AgentConfig> agents = agents(AGENTS);
    Cluster c = cluster(agents, 1_000, 30);
    c.refresh.tick(Map.of());
    assertEquals(AGENTS, c.refresh.asks(), "the first refresh learns every agent's books");

    long before = c.refresh.asks();
    for (int t = 1; t <= TICKS; t++) {
      // Five agents trade each second: their journals move by two events.
      for (int k = 0; k < 5; k++) {
        AgentId moved = agents.get((t * 5 + k) % 40).id();
        c.journalEnd.merge(moved, 2L, Long::sum);
      }
      c.refresh.tick(Map.of());
      for (int k = 0; k < 5; k++) {
        AgentId moved = agents.get((t * 5 + k) % 40).id();
        assertEquals(c.end(moved), c.shown.get(moved).eventCount(), "a moved journal is asked on the next refresh");
      }
    }
    long asks = c.refresh.asks() - before;
    long everyAgentEverySecond = (long) AGENTS * TICKS;
    long sweep = (long) AGENTS * TICKS / 30;
    assertTrue(asks <= 5L * TICKS + sweep, asks + " asks");
    assertTrue(asks * 10 < everyAgentEverySecond, asks + " asks instead of " + everyAgentEverySecond);
    // Every quiet agent was still asked by the sweep, once per 30 ticks.
    agents.forEach(a -> assertTrue(c.asked.get(a.id()) >= 1 + TICKS / 30, a.id() + ": " + c.asked.get(a.id())));
  }

  @Test
  void aFreshStartReportedByTheAccountAndAControlAreAskedOnTheNextRefresh() {
    List<AgentConfig> agents = agents(50);
    Cluster c = cluster(agents, 1_000, 30);
    c.refresh.tick(Map.of());
    AgentId a = agents.get(7).id();
    AgentId b = agents.get(9).id();
    c.journalOf.put(a, a.value() + ".g1");
    long before = c.refresh.asks();
    Map<String, String> journalIds = new HashMap<>();
    agents.forEach(x -> journalIds.put(x.id().value(), x.id().value()));
    journalIds.put(a.value(), a.value() + ".g1");
    c.refresh.force(b);
    c.refresh.tick(journalIds);
    assertEquals(a.value() + ".g1", c.shown.get(a).agentId());
    assertEquals(2 + 2, c.refresh.asks() - before, "the two agents and a sweep slice of two");
    c.refresh.tick(journalIds);
    assertEquals(2 + 2 + 2, c.refresh.asks() - before, "then only the sweep");
  }

  @Test
  void asksOutstandingNeverExceedTheBoundAndTheRestWaitForTheNextRefresh() {
    List<AgentConfig> agents = agents(AGENTS);
    Cluster c = cluster(agents, 16, 30);
    c.answerAtOnce = false;
    c.refresh.tick(Map.of());
    assertEquals(16, c.refresh.asks(), "a node that does not answer gets at most the bound");
    c.refresh.tick(Map.of());
    assertEquals(16, c.refresh.asks(), "nothing more while all are outstanding");
    List<CompletableFuture<AgentState>> answers;
    synchronized (c.pending) {
      answers = new ArrayList<>(c.pending);
      c.pending.clear();
    }
    c.answerAtOnce = true;
    answers.forEach(f -> f.completeExceptionally(new java.util.concurrent.TimeoutException("ask timed out")));
    for (int t = 0; t < AGENTS / 16 + 2; t++) {
      c.refresh.tick(Map.of());
    }
    assertEquals(AGENTS, c.shown.size(), "every agent known after enough refreshes");
    assertTrue(c.maxInFlight <= 16, "outstanding at most 16: " + c.maxInFlight);
  }
}
