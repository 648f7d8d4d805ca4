package kis.actors.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import kis.journal.state.AgentState;
import kis.sim.KisSimulator;
import kis.sim.SimConfig;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's coordinated shutdown while its agents are busy writing: started on one LevelDB
 * data dir again and again, each time terminated (as {@code ActorSystem.terminate}, which Ctrl-C
 * and SIGTERM also run) in the middle of a burst of orders, fills and denials. Every shutdown
 * runs its four steps within their bounds, the next engine recovers at least every event the
 * agents had confirmed before it (nothing lost), and the journals fold without a broken invariant
 * (no corrupt LevelDB).
 */
@ExtendWith(LogCapturingExtension.class)
class LiveEngineShutdownTest {
  private static final int ITERATIONS = 20;
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;

  private static final String AGENTS = """
      kis-trader.agents = [
        { id = sd-a, symbol = "005930", strategy { name = kis.actors.live.TimerTrader,
            params { symbol = "005930", every-ms = 20 } } }
        { id = sd-b, symbol = "000660", strategy { name = kis.actors.live.TimerTrader,
            params { symbol = "000660", every-ms = 20 } } }
        { id = sd-c, symbol = "035720", strategy { name = kis.actors.live.TimerTrader,
            params { symbol = "035720", every-ms = 20 } } }
      ]
      kis-trader.agent {
        snapshot-every = 15, snapshots-kept = 2
        persist-failure-backoff { min = 100ms, max = 1s, random-factor = 0.2 }
        costs { fee-ppb = 140527, sell-tax-ppb = 2000000 }
      }
      kis-trader.risk { duplicate-window = 1ms }
      kis-trader.reconcile-in-doubt-grace = 1s
      """;

  @Test
  void shuttingDownWhileAgentsWriteLosesNoEventAndLeavesTheJournalReadable() throws Exception {
    try (KisSimulator sim = KisSimulator.start(SimConfig.fromConfig(ConfigFactory.parseString(
        "kis-sim { tick-interval = 50ms, rate-limit-per-second = -1, session-mode = ALWAYS_OPEN }")))) {
      Map<String, Long> confirmed = new HashMap<>();
      List<String> timings = new ArrayList<>();
      for (int run = 1; run <= ITERATIONS; run++) {
        final int i = run;
        long t0 = System.nanoTime();
        ConcurrentLinkedQueue<String> steps = new ConcurrentLinkedQueue<>();
        Engine e = Engine.start("shutdown-" + i, sim, dir, steps);
        try {
          Map<String, AgentState> recovered = e.awaitStates(3);
          for (Map.Entry<String, Long> c : confirmed.entrySet()) {
            long now = recovered.get(c.getKey()).eventCount();
            assertTrue(now >= c.getValue(), "run " + i + ": " + c.getKey() + " recovered " + now
                + " events, had confirmed " + c.getValue() + " before the shutdown");
          }
          recovered.values().forEach(s -> assertEquals(List.of(), s.invariantViolations(), "run " + i));
          // Busy: every agent has journaled a few more events since it recovered.
          Map<String, AgentState> busy = e.awaitMoreEvents(recovered, 6);
          busy.forEach((id, s) -> confirmed.put(id, s.eventCount()));
        } finally {
          e.kit().system().terminate();
          e.kit().system().getWhenTerminated().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
        List<String> lines = List.copyOf(steps);
        assertEquals(EngineShutdown.STEPS, lines.size(), "run " + i + ": one line per step: " + lines);
        for (int n = 1; n <= EngineShutdown.STEPS; n++) {
          String prefix = "shutdown " + n + "/" + EngineShutdown.STEPS + ": ";
          assertTrue(lines.get(n - 1).startsWith(prefix) && !lines.get(n - 1).contains("not done within"),
              "run " + i + ": step " + n + " in order and in time: " + lines);
        }
        timings.add(Duration.ofNanos(System.nanoTime() - t0).toMillis() + "ms");
      }
      // The last replay: a fresh engine recovers every agent with what the last run confirmed.
      Engine last = Engine.start("shutdown-replay", sim, dir, new ConcurrentLinkedQueue<>());
      try {
        Map<String, AgentState> end = last.awaitStates(3);
        confirmed.forEach((id, n) -> assertTrue(end.get(id).eventCount() >= n, id + " lost events"));
        end.values().forEach(s -> {
          assertEquals(List.of(), s.invariantViolations(), s.agentId());
          assertTrue(s.eventCount() > 50, s.agentId() + " wrote in every run: " + s.eventCount());
        });
      } finally {
        last.kit().shutdownTestKit();
      }
      System.out.println("LiveEngineShutdownTest runs: " + timings);
    }
  }

  /** The live engine in its own actor system on the shared LevelDB data dir. */
  private record Engine(SimEngine engine) {
    static Engine start(String name, KisSimulator sim, Path dataDir, ConcurrentLinkedQueue<String> steps)
        throws Exception {
      Config config = ConfigFactory.parseString(AGENTS).withFallback(SimEngine.levelDb(dataDir))
          .withFallback(ConfigFactory.parseString("pekko.loglevel = WARNING"));
      return new Engine(SimEngine.startWithShutdownSteps(name, config, sim, dataDir, Duration.ofSeconds(1),
          steps::add));
    }

    ActorTestKit kit() {
      return engine.kit;
    }

    Map<String, AgentState> awaitStates(int agents) throws InterruptedException {
      return await("all agents recovered", s -> s.size() == agents);
    }

    Map<String, AgentState> awaitMoreEvents(Map<String, AgentState> from, long more) throws InterruptedException {
      return await("every agent journals " + more + " more events", s -> s.size() == from.size()
          && s.entrySet().stream().allMatch(e -> e.getValue().eventCount() >= from.get(e.getKey()).eventCount() + more));
    }

    private Map<String, AgentState> await(String what, java.util.function.Predicate<Map<String, AgentState>> done)
        throws InterruptedException {
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (true) {
        Map<String, AgentState> s = engine.states();
        if (done.test(s)) {
          return s;
        }
        if (System.nanoTime() > deadline) {
          throw new AssertionError("timed out: " + what + ": " + s.values().stream()
              .map(x -> x.agentId() + " events " + x.eventCount()).toList());
        }
        TimeUnit.MILLISECONDS.sleep(20);
      }
    }
  }
}
