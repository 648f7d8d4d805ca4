package kis.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import kis.actors.agent.Agent;
import kis.engine.journal.EngineConfig;
import kis.journal.state.AgentState;
import kis.journal.state.Order;
import kis.journal.state.OrderStatus;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} with its data dir on a real 16 MiB file system (tmpfs), far below the default
 * 256 MiB margin: the engine starts, trades nothing (every placement journaled as denied, naming
 * the disk) and stops cleanly, where a full disk once killed the JVM inside LevelDB. Needs root
 * and a kernel that lets it mount; skipped elsewhere.
 */
class FullDiskRunTest {
  @TempDir Path tmp;
  private Path mount;
  private boolean mounted;

  @AfterEach
  void unmount() throws Exception {
    if (mounted) {
      run("umount", mount.toString());
    }
  }

  private static boolean run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
  }

  @Test
  void onAFileSystemBelowTheMarginTheEngineRunsAndStopsButPlacesNoOrder() throws Exception {
    mount = Files.createDirectory(tmp.resolve("tiny"));
    mounted = run("mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", mount.toString());
    // Only a non-root developer machine may skip it; CI (root) must run it, like the browser test.
    if (!mounted && "true".equalsIgnoreCase(System.getenv("CI"))) {
      org.junit.jupiter.api.Assertions.fail("CI=true: cannot mount a tmpfs for the full-disk test (run as root)");
    }
    Assumptions.assumeTrue(mounted, "cannot mount a tmpfs here (needs root)");
    Path agents = tmp.resolve("agents.conf");
    Files.writeString(agents, "kis-trader.agents = [{ id = a1, symbol = \"005930\", strategy { name = "
        + "kis.actors.live.DemoRoundTrip, params { symbol = \"005930\", quantity = 1 } } }]\n"
        + "pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off\nkis.dashboard.port = 0\n");
    Config c = EngineConfig.load(Optional.of(agents), Optional.of(mount.resolve("data")))
        .withFallback(ConfigFactory.empty());
    RunCommand.Engine engine = RunCommand.start(c, new PrintWriter(new StringWriter()));
    try {
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      AgentState books = state(engine);
      while (books.closedOrders().stream().noneMatch(o -> o.status() == OrderStatus.DENIED)
          && System.nanoTime() < deadline) {
        java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        books = state(engine);
      }
      Order denied = books.closedOrders().stream().filter(o -> o.status() == OrderStatus.DENIED).findFirst()
          .orElseThrow(() -> new AssertionError("no placement was tried within 60 s"));
      assertTrue(denied.lastMessage().contains("disk almost full"), denied.lastMessage());
      List<Order> all = new java.util.ArrayList<>(books.closedOrders());
      all.addAll(books.openOrders().values());
      assertEquals(List.of(), all.stream().filter(o -> o.status() != OrderStatus.DENIED).toList(),
          "nothing but denials: no order went to KIS");
    } finally {
      engine.stop();
    }
  }

  private static AgentState state(RunCommand.Engine engine) throws Exception {
    var agent = kis.actors.live.LocalAgents.refs(engine.system, engine.handles.runners(),
        engine.handles.agents().get(0).id(), Duration.ofSeconds(5)).toCompletableFuture().get(10, TimeUnit.SECONDS)
        .flatMap(kis.actors.live.AgentRunner.Refs::agent);
    if (agent.isEmpty()) {
      return AgentState.empty("a1");
    }
    return AskPattern.<Agent.Command, AgentState>ask(agent.get(), Agent.GetState::new, Duration.ofSeconds(5),
        engine.system.scheduler()).toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
