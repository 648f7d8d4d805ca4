package kis.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import kis.actors.agent.Agent;
import kis.actors.agent.StrategyHost;
import kis.actors.live.AgentRunner;
import kis.actors.live.LocalAgents;
import kis.actors.risk.KillSwitch;
import kis.actors.risk.KillSwitchState;
import kis.compat.ReplayFixture;
import kis.engine.journal.EngineConfig;
import kis.journal.AgentId;
import kis.journal.state.AgentState;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole engine, started as {@code run} starts it, on a copy of the replay fixture's data dir
 * (with the agents it was written with, on a fresh embedded kis-sim): no journal is found
 * damaged, every agent starts, the fresh-started one on its second journal, the parked one
 * parked, and the kill switch latched for every strategy host. The books themselves are pinned by
 * {@link kis.compat.FixtureReplayTest}; here the reconciler compares them with a new account, so
 * they may move after the start and are not asserted.
 */
@ExtendWith(LogCapturingExtension.class)
class FixtureEngineStartTest {
  private static final Duration ASK = Duration.ofSeconds(15);
  private static final Duration WAIT = Duration.ofSeconds(90);

  @TempDir Path tmp;

  @Test
  void runStartsOnTheFixtureWithEveryAgentOnItsJournalTheParkedOneParkedAndTheKillSwitchLatched() throws Exception {
    Path data = tmp.resolve("data");
    ReplayFixture.copy(ReplayFixture.DIR.resolve(ReplayFixture.DATA), data);
    Config c = ConfigFactory.parseString(ReplayFixture.CONFIG)
        .withFallback(EngineConfig.load(Optional.empty(), Optional.of(data))).resolve();
    StringWriter out = new StringWriter();

    RunCommand.Engine engine = RunCommand.start(c, new PrintWriter(out, true));
    try {
      Map<AgentId, AgentRunner.Refs> agents = awaitAgents(engine);
      assertEquals(ReplayFixture.FRESH_G1, agents.get(ReplayFixture.FRESH).journalId(), "fresh start kept");
      for (AgentId id : List.of(ReplayFixture.TRADE, ReplayFixture.DOUBT, ReplayFixture.PARKED,
          ReplayFixture.RESTING)) {
        assertEquals(id, agents.get(id).journalId());
      }
      agents.values().forEach(a -> assertTrue(a.agent().isPresent(), () -> "not damaged: " + a + "\n" + out));

      AgentState parked = ask(engine, agents.get(ReplayFixture.PARKED).agent().orElseThrow(), Agent.GetState::new);
      assertTrue(parked.parked(), "the parked agent stays parked");
      assertEquals(ReplayFixture.PARK_REASON, parked.parkReason());

      KillSwitchState latch = AskPattern.<KillSwitch.Command, KillSwitchState>ask(engine.handles.killSwitch(),
          KillSwitch.Get::new, ASK, engine.system.scheduler()).toCompletableFuture().get(30, TimeUnit.SECONDS);
      assertTrue(latch.engaged(), "the kill switch stays latched: " + latch);
      assertEquals(ReplayFixture.KILL_REASON, latch.reason());
      await("every strategy host hears the latched kill switch", () -> {
        for (AgentRunner.Refs a : awaitAgents(engine).values()) {
          StrategyHost.HostStatus st = AskPattern.<StrategyHost.Command, StrategyHost.HostStatus>ask(
              a.host().orElseThrow(), StrategyHost.GetStatus::new, ASK, engine.system.scheduler())
              .toCompletableFuture().get(30, TimeUnit.SECONDS);
          if (!st.killSwitchEngaged()) {
            return false;
          }
        }
        return true;
      });
      assertFalse(out.toString().contains("DAMAGED"), out::toString);
    } finally {
      engine.stop();
    }
  }

  /** Every configured agent with its agent and host running, by configured id. */
  private static Map<AgentId, AgentRunner.Refs> awaitAgents(RunCommand.Engine engine) throws Exception {
    AtomicReference<Map<AgentId, AgentRunner.Refs>> found = new AtomicReference<>();
    await("every agent runs", () -> {
      Map<AgentId, AgentRunner.Refs> all = new java.util.HashMap<>();
      for (var a : engine.handles.agents()) {
        LocalAgents.refs(engine.system, engine.handles.runners(), a.id(), ASK).toCompletableFuture()
            .get(30, TimeUnit.SECONDS).ifPresent(r -> all.put(a.id(), r));
      }
      found.set(all);
      return all.size() == 5 && all.values().stream().allMatch(a -> a.agent().isPresent() && a.host().isPresent());
    });
    return found.get();
  }

  private static <T> T ask(RunCommand.Engine engine, org.apache.pekko.actor.typed.ActorRef<Agent.Command> agent,
      org.apache.pekko.japi.function.Function<org.apache.pekko.actor.typed.ActorRef<T>, Agent.Command> m)
      throws Exception {
    return AskPattern.ask(agent, m, ASK, engine.system.scheduler()).toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private interface Check {
    boolean holds() throws Exception;
  }

  private static void await(String what, Check c) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!c.holds()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      LockSupport.parkNanos(100_000_000L);
    }
  }
}
