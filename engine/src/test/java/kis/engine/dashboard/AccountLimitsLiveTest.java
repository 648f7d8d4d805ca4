package kis.engine.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import kis.actors.agent.Agent;
import kis.journal.AgentId;
import kis.journal.state.AgentState;
import kis.journal.state.OrderStatus;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The account's limits across agents ({@code kis-trader.risk.account}) in the real engine on
 * kis-sim: orders per day counted over every agent, gross exposure, and a daily loss that engages
 * the journaled kill switch with its reason. One engine per limit (they would mask each other).
 */
@ExtendWith(LogCapturingExtension.class)
class AccountLimitsLiveTest {
  private static final Duration WAIT = Duration.ofMinutes(2);

  private static String agents(long quantity) {
    return String.join("\n",
        "kis-trader.agents = [",
        "  { id = one, symbol = \"005930\", strategy { name = kis.actors.live.DemoRoundTrip,",
        "      params { symbol = \"005930\", quantity = " + quantity + ", hold-trades = 2 } } }",
        "  { id = two, symbol = \"000660\", strategy { name = kis.actors.live.DemoRoundTrip,",
        "      params { symbol = \"000660\", quantity = " + quantity + ", hold-trades = 2 } } }",
        "]");
  }

  @Test
  void ordersPerDayAreCountedOverEveryAgent(@TempDir Path dir) throws Exception {
    try (LiveEngineOnSim engine = new LiveEngineOnSim(dir, agents(1) + "\nkis-trader.risk.account.max-orders-per-day = 3")) {
      List<AgentDetail> both = await("both agents denied by the account's order count", () -> {
        List<AgentDetail> ds = List.of(detail(engine, "one"), detail(engine, "two"));
        return ds.stream().allMatch(d -> d.recentOrders().stream().anyMatch(
            o -> o.lastMessage() != null && o.lastMessage().startsWith("RISK_ACCOUNT_ORDER_COUNT account max-orders-per-day 3: other agents ")))
            ? ds : null;
      });
      // Every order of the agents' books (the dashboard lists only the latest 50, denials included).
      long sent = 0;
      for (var agent : engine.handles.registry().agents().values()) {
        AgentState s = AskPattern.<Agent.Command, AgentState>ask(agent, Agent.GetState::new, Duration.ofSeconds(10),
            engine.system.scheduler()).toCompletableFuture().get(15, TimeUnit.SECONDS);
        sent += s.openOrders().size() + s.closedOrders().stream().filter(o -> o.status() != OrderStatus.DENIED).count();
      }
      // The account's keeper reserves each placement as it checks it: never one over.
      long n = sent;
      assertEquals(3, n, () -> "orders sent over both agents: " + n + " in " + both);
    }
  }

  @Test
  void aBuyBeyondTheAccountsGrossExposureIsDenied(@TempDir Path dir) throws Exception {
    try (LiveEngineOnSim engine = new LiveEngineOnSim(dir, agents(1)
        + "\nkis-trader.risk.account.max-gross-exposure = 1000")) {
      AgentDetail d = await("one denied by the account's exposure", () -> {
        AgentDetail x = detail(engine, "one");
        return x.recentOrders().stream().anyMatch(o -> o.lastMessage() != null && o.lastMessage().startsWith(
            "RISK_ACCOUNT_EXPOSURE account max-gross-exposure 1000 won: other agents 0 + this agent 0 + this order "))
            ? x : null;
      });
      d.recentOrders().forEach(o -> assertEquals(OrderStatus.DENIED, o.status(), o::toString));
      assertTrue(d.fills().isEmpty());
    }
  }

  @Test
  void crossingTheAccountsDailyLossEngagesTheKillSwitchWithTheReason(@TempDir Path dir) throws Exception {
    // Any round trip loses at least its fees: more than 1 won over the account.
    try (LiveEngineOnSim engine = new LiveEngineOnSim(dir, agents(1) + "\nkis-trader.risk.account.max-daily-loss = 1")) {
      KillSwitchStatus k = await("the kill switch engaged by the account's loss", () -> {
        KillSwitchStatus s = engine.dashboard.ports().killSwitch();
        return s.engaged() ? s : null;
      });
      assertEquals("risk:account-daily-loss", k.by());
      assertTrue(k.reason().startsWith("account max-daily-loss 1 won crossed: today's P&L over "), k.reason());
    }
  }

  private static AgentDetail detail(LiveEngineOnSim engine, String id) {
    return engine.dashboard.ports().agent(new AgentId(id)).orElseThrow();
  }

  private static <T> T await(String what, Supplier<T> probe) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      T t;
      try {
        t = probe.get();
      } catch (java.util.NoSuchElementException notYet) {
        t = null;
      }
      if (t != null) {
        return t;
      }
      LockSupport.parkNanos(100_000_000L);
    }
    throw new AssertionError("not within " + WAIT + ": " + what);
  }
}
