package kis.actors.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Instant;
import kis.actors.risk.KillSwitch;
import kis.actors.risk.KillSwitchState;
import kis.actors.agent.Agent;
import kis.journal.AgentId;
import kis.journal.ClientOrderId;
import kis.journal.KrxTick;
import kis.journal.OrderSpec;
import kis.journal.RejectReason;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.state.AgentState;
import kis.journal.state.Order;
import kis.journal.state.OrderStatus;
import kis.sim.KisSimulator;
import kis.sim.OrderLog;
import kis.sim.SimConfig;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kill switch on the whole live engine with the real LevelDB journal: engaged, it cancels the
 * working orders and every new order is denied (journaled); it is still engaged after the actor
 * system is torn down and a new one starts on the same data dir; only an operator's reset lets
 * trading resume. (A second engine on the same data dir is refused by the engine's data-dir lock:
 * {@code engine/src/test/java/kis/engine/EngineLockTest} and {@code RunCommandTest}.)
 */
@ExtendWith(LogCapturingExtension.class)
class KillSwitchRestartSimTest {
  @TempDir Path dir;

  static final String AGENT = """
      kis-trader.agents = [
        { id = ks-a, symbol = "005930", strategy { name = kis.actors.live.DemoRoundTrip,
            params { symbol = "005930", quantity = 2, hold-trades = 2 } } }
      ]
      kis-trader.agent {
        snapshot-every = 50, snapshots-kept = 2
        persist-failure-backoff { min = 100ms, max = 1s, random-factor = 0.2 }
        costs { fee-ppb = 140527, sell-tax-ppb = 2000000 }
      }
      kis-trader.risk { duplicate-window = 1ms }
      pekko.loglevel = WARNING
      """;

  @Test
  void anEngagedKillSwitchCancelsDeniesAndSurvivesARestartUntilAnOperatorResetsIt() throws Exception {
    KisSimulator sim = KisSimulator.start(SimConfig.fromConfig(ConfigFactory.parseString(
        "kis-sim { tick-interval = 100ms, rate-limit-per-second = -1, session-mode = ALWAYS_OPEN,"
            + " token-reissue-interval = 0s }")));
    Config config = ConfigFactory.parseString(AGENT).withFallback(SimEngine.levelDb(dir));
    try {
      long acceptedBefore;
      Instant engagedAt;
      try (SimEngine first = SimEngine.start("ks-first", config, sim, dir)) {
        first.await("the agent trades", () -> agent(first).closedOrders().stream().anyMatch(o -> o.filledQuantity() > 0));
        // A buy resting well under the market: a working order for the kill switch to cancel.
        long traded = agent(first).closedOrders().stream().filter(o -> o.filledQuantity() > 0).reduce((a, b) -> b)
            .map(o -> o.filledValue() / o.filledQuantity()).orElseThrow();
        TestProbe<StatusReply<ClientOrderId>> placed = first.kit.createTestProbe();
        first.handles.registry().agents().get(new AgentId("ks-a")).tell(new Agent.PlaceOrder(
            OrderSpec.limit(Symbol.of("005930"), Side.BUY, 1, KrxTick.roundDown(traded * 85 / 100)), "resting",
            placed.getRef()));
        ClientOrderId resting = placed.receiveMessage(SimEngine.WAIT).getValue();
        first.await("the resting buy is working at KIS", () -> agent(first).order(resting)
            .map(o -> o.status() == OrderStatus.WORKING).orElse(false));

        KillSwitchState on = askReply(first, r -> new KillSwitch.Engage("drill", "tester", r));
        assertTrue(on.engaged());
        engagedAt = on.engagedAt();
        first.await("the working order cancelled and a new order denied by the kill switch", () -> {
          AgentState s = agent(first);
          return s.order(resting).map(o -> o.status() == OrderStatus.CANCELLED).orElse(false)
              && s.openOrders().isEmpty() && killSwitchDenials(s) > 0;
        });
        acceptedBefore = accepted(sim);
      }

      try (SimEngine second = SimEngine.start("ks-second", config, sim, dir)) {
        KillSwitchState still = ask(second, KillSwitch.Get::new);
        assertTrue(still.engaged(), "latched across the restart");
        assertEquals("tester", still.engagedBy());
        assertEquals("drill", still.reason());
        long deniedBefore = killSwitchDenials(agent(second));
        second.await("orders denied after the restart", () -> killSwitchDenials(agent(second)) > deniedBefore);
        assertEquals(acceptedBefore, accepted(sim), "no order reached the exchange while engaged");
        assertTrue(agent(second).closedOrders().stream().filter(o -> o.status() == OrderStatus.DENIED)
            .allMatch(o -> o.lastMessage().startsWith(RejectReason.RISK_KILL_SWITCH.name())
                || o.requestedAt().isBefore(engagedAt)), "denials name the kill switch");

        KillSwitchState off = askReply(second, r -> new KillSwitch.Reset("operator", r));
        assertFalse(off.engaged());
        assertEquals("operator", off.resetBy());
        second.await("trading resumes after the reset", () -> accepted(sim) > acceptedBefore);
      }
      try (SimEngine third = SimEngine.start("ks-third", config, sim, dir)) {
        KillSwitchState reset = ask(third, KillSwitch.Get::new);
        assertFalse(reset.engaged(), "the reset is journaled too");
        assertEquals("operator", reset.resetBy());
      }
    } finally {
      sim.close();
    }
  }

  /** The agent's books; empty (not null) until the manager has registered it. */
  private static AgentState agent(SimEngine e) {
    return e.states().getOrDefault("ks-a", AgentState.empty("ks-a"));
  }

  private static long killSwitchDenials(AgentState s) {
    return s.closedOrders().stream().filter(o -> o.status() == OrderStatus.DENIED)
        .map(Order::lastMessage).filter(m -> m != null && m.startsWith(RejectReason.RISK_KILL_SWITCH.name())).count();
  }

  private static long accepted(KisSimulator sim) {
    return sim.orderLog().entries(e -> e.outcome() == OrderLog.Outcome.ACCEPTED).size();
  }

  private static KillSwitchState ask(SimEngine e,
      java.util.function.Function<org.apache.pekko.actor.typed.ActorRef<KillSwitchState>, KillSwitch.Command> get) {
    TestProbe<KillSwitchState> p = e.kit.createTestProbe();
    e.handles.killSwitch().tell(get.apply(p.getRef()));
    return p.receiveMessage(SimEngine.WAIT);
  }

  private static KillSwitchState askReply(SimEngine e, java.util.function.Function<
      org.apache.pekko.actor.typed.ActorRef<StatusReply<KillSwitchState>>, KillSwitch.Command> command) {
    TestProbe<StatusReply<KillSwitchState>> p = e.kit.createTestProbe();
    e.handles.killSwitch().tell(command.apply(p.getRef()));
    return p.receiveMessage(SimEngine.WAIT).getValue();
  }
}
