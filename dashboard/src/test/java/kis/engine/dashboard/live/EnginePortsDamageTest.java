package kis.engine.dashboard.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import kis.actors.agent.Agent;
import kis.journal.calendar.SessionSchedule;
import kis.actors.live.LiveEngine;
import kis.actors.live.ReconcileOutcomes;
import kis.actors.manager.AgentManager;
import kis.actors.manager.AgentRegistry;
import kis.engine.dashboard.AgentRow;
import kis.engine.dashboard.AgentRunState;
import kis.journal.AgentId;
import kis.journal.Symbol;
import kis.journal.state.AgentState;
import kis.strategies.StrategyContext;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** An agent damaged after the dashboard has shown it running (its recovery gave up) turns DAMAGED. */
class EnginePortsDamageTest {
  static final ActorTestKit testKit = ActorTestKit.create();

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @Test
  void anAgentShownRunningThenFoundDamagedIsShownDamaged() {
    AgentId id = new AgentId("late");
    ActorRef<Agent.Command> agent = testKit.spawn(Behaviors.receive(Agent.Command.class)
        .onMessage(Agent.GetState.class, m -> {
          m.replyTo().tell(AgentState.empty(id.value()));
          return Behaviors.same();
        }).build());
    AgentManager.ManagedAgent running = new AgentManager.ManagedAgent(id, id, "s", Symbol.of("005930"), true,
        Optional.of(agent), Optional.empty());
    AtomicReference<AgentManager.ManagedAgent> shown = new AtomicReference<>(running);
    ActorRef<AgentManager.Command> manager = testKit.spawn(Behaviors.receive(AgentManager.Command.class)
        .onMessage(AgentManager.GetAgents.class, m -> {
          m.replyTo().tell(List.of(shown.get()));
          return Behaviors.same();
        }).build());
    LiveEngine.Handles handles = new LiveEngine.Handles(manager, testKit.<kis.actors.supervisor.KisSupervisor.Command>createTestProbe().getRef(),
        testKit.<kis.actors.gateway.OrderGateway.Command>createTestProbe().getRef(),
        testKit.<kis.actors.reconcile.ReconcilerActor.Command>createTestProbe().getRef(), new AgentRegistry(), List.of(),
        testKit.<kis.actors.risk.KillSwitch.Command>createTestProbe().getRef(), new ReconcileOutcomes(),
        testKit.<kis.actors.live.HostSignals.Command>createTestProbe().getRef());
    EnginePorts ports = new EnginePorts(testKit.system(),
        new kis.actors.handle.LocalEngineHandle(testKit.system(), handles, Clock.systemUTC()), List.of(),
        SessionSchedule.alwaysOpen(StrategyContext.KST), Clock.systemUTC(), EnginePorts.Feeds.none());
    try {
      AgentRow before = awaitRow(ports, r -> true);
      assertNotEquals(AgentRunState.DAMAGED, before.state());
      shown.set(new AgentManager.ManagedAgent(id, id, "s", Symbol.of("005930"), false, Optional.empty(),
          Optional.empty(), Optional.of("recovery failed 3 times in a row")));
      assertEquals(AgentRunState.DAMAGED, awaitRow(ports, r -> r.state() == AgentRunState.DAMAGED).state());
    } finally {
      ports.close();
    }
  }

  private static AgentRow awaitRow(EnginePorts ports, java.util.function.Predicate<AgentRow> p) {
    var probe = testKit.createTestProbe();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      Optional<AgentRow> row = ports.agents().stream().filter(p).findFirst();
      if (row.isPresent()) {
        return row.get();
      }
      probe.expectNoMessage(Duration.ofMillis(100)); // the ports refresh every second
    }
    throw new AssertionError("no such row within 10 s: " + ports.agents());
  }
}
