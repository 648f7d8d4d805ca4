package kis.engine.dashboard.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import kis.journal.calendar.SessionSchedule;
import kis.actors.agent.AgentConfig;
import kis.actors.live.AccountDesk;
import kis.actors.live.AgentRunner;
import kis.actors.live.LiveEngine;
import kis.actors.live.LocalAgents;
import java.util.Map;
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

/**
 * An agent damaged after the dashboard has shown it running (its recovery gave up) turns DAMAGED;
 * one still recovering (slow, not damage) is RECOVERING with why, then RUNNING.
 */
class EnginePortsDamageTest {
  static final ActorTestKit testKit = ActorTestKit.create();

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @Test
  void anAgentShownRunningThenFoundDamagedIsShownDamaged() {
    AgentId id = new AgentId("late");
    AgentConfig config = new AgentConfig(id, Symbol.of("005930"), "s", Map.of(), AgentConfig.RiskLimits.NONE,
        10_000_000);
    // The runner shows the agent running, then its recovery gives up.
    AtomicReference<Optional<String>> damage = new AtomicReference<>(Optional.empty());
    ActorRef<AgentRunner.Command> runner = testKit.spawn(Behaviors.receive(AgentRunner.Command.class)
        .onMessage(AgentRunner.GetStatus.class, m -> {
          m.replyTo().tell(new AgentRunner.Status(AgentState.empty(id.value()), false, "", damage.get()));
          return Behaviors.same();
        }).build());
    EnginePorts ports = portsOver(config, runner);
    try {
      AgentRow before = awaitRow(ports, r -> true);
      assertNotEquals(AgentRunState.DAMAGED, before.state());
      damage.set(Optional.of("recovery failed 3 times in a row"));
      assertEquals(AgentRunState.DAMAGED, awaitRow(ports, r -> r.state() == AgentRunState.DAMAGED).state());
    } finally {
      ports.close();
    }
  }

  @Test
  void anAgentStillRecoveringIsShownRecoveringWithWhyThenRunning() {
    AgentId id = new AgentId("slow");
    AgentConfig config = new AgentConfig(id, Symbol.of("005930"), "s", Map.of(), AgentConfig.RiskLimits.NONE,
        10_000_000);
    String why = "recovering its journal, slow: 4 tries timed out and retried (TimeoutException: Circuit Breaker"
        + " Timed out.), 0 events read by the last; not damage, it trades once recovered and reconciled";
    java.util.concurrent.atomic.AtomicBoolean recovering = new java.util.concurrent.atomic.AtomicBoolean(true);
    ActorRef<AgentRunner.Command> runner = testKit.spawn(Behaviors.receive(AgentRunner.Command.class)
        .onMessage(AgentRunner.GetStatus.class, m -> {
          m.replyTo().tell(recovering.get()
              ? new AgentRunner.Status(AgentState.empty(id.value()), false, why, Optional.empty(), true)
              : new AgentRunner.Status(AgentState.empty(id.value()), false, "", Optional.empty()));
          return Behaviors.same();
        }).build());
    EnginePorts ports = portsOver(config, runner);
    try {
      AgentRow slow = awaitRow(ports, r -> r.state() == AgentRunState.RECOVERING);
      assertEquals(why, slow.idleReason());
      recovering.set(false);
      assertEquals(AgentRunState.RUNNING, awaitRow(ports, r -> r.state() == AgentRunState.RUNNING).state());
    } finally {
      ports.close();
    }
  }

  /** The dashboard's ports over a single node whose one agent is {@code config}, run by {@code runner}. */
  private static EnginePorts portsOver(AgentConfig config, ActorRef<AgentRunner.Command> runner) {
    ActorRef<LocalAgents.Command> runners = testKit.spawn(Behaviors.receive(LocalAgents.Command.class)
        .onMessage(LocalAgents.GetAgents.class, m -> {
          m.replyTo().tell(List.of(new LocalAgents.Member(config, Optional.of(runner))));
          return Behaviors.same();
        }).build());
    LiveEngine.Handles handles = new LiveEngine.Handles(testKit.<AccountDesk.Command>createTestProbe().getRef(),
        runners, probeParts(testKit), List.of(config));
    return new EnginePorts(testKit.system(),
        new kis.actors.handle.LocalEngineHandle(testKit.system(), handles, Clock.systemUTC()), List.of(),
        SessionSchedule.alwaysOpen(StrategyContext.KST), Clock.systemUTC(), EnginePorts.Feeds.none());
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

  /** The account's parts as probes nobody answers: the ports only read the desk and the runners. */
  static AccountDesk.Parts probeParts(org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit testKit) {
    return new AccountDesk.Parts(
        testKit.<kis.actors.supervisor.KisSupervisor.Command>createTestProbe().getRef(),
        testKit.<kis.actors.gateway.OrderGateway.Command>createTestProbe().getRef(),
        testKit.<kis.actors.reconcile.ReconcilerActor.Command>createTestProbe().getRef(),
        testKit.<kis.actors.risk.KillSwitch.Command>createTestProbe().getRef(),
        testKit.<kis.actors.live.HostSignals.Command>createTestProbe().getRef(), Map::of);
  }
}
