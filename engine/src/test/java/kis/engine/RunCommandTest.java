package kis.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import kis.engine.config.ConfigProblem;
import kis.engine.config.InvalidConfigException;
import kis.engine.journal.EngineConfig;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@ExtendWith(LogCapturingExtension.class)
class RunCommandTest {
  @TempDir Path dir;

  private Config config(Path agentsFile) {
    return EngineConfig.load(Optional.of(agentsFile), Optional.of(dir.resolve("data")))
        .withFallback(ConfigFactory.empty());
  }

  @Test
  void theEngineStartsTheConfiguredAgentsAndASecondEngineOnTheSameDirExitsWith3() throws Exception {
    Path agents = dir.resolve("agents.conf");
    Files.writeString(agents, "kis-trader.agents = [{ id = a1, symbol = \"005930\", strategy { name = "
        + "kis.actors.live.DemoRoundTrip, params { symbol = \"005930\", quantity = 1 } } }]\n"
        + "pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off\nkis.dashboard.port = 0\n"
        + "kis-trader.disk.check-every = 200ms\n");
    StringWriter log = new StringWriter();
    RunCommand.Engine engine = RunCommand.start(config(agents), new PrintWriter(log));
    try {
      assertTrue(log.toString().contains("1 agent(s): [a1 005930 kis.actors.live.DemoRoundTrip]"), log.toString());
      assertTrue(log.toString().contains("embedded kis-sim"), log.toString());
      awaitActor(engine, "/user/agents");
      assertTrue(log.toString().contains("Dashboard: http://127.0.0.1:"), log.toString());
      // Every directory and every file the engine itself wrote is owner-only within a check period
      // (200 ms here); LevelDB's native code creates its newest files with the process umask,
      // behind the journal directory's rwx------, until the next pass.
      Path data = dir.resolve("data");
      assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
          Files.getPosixFilePermissions(data)));
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      List<String> open = groupOrOtherAccess(data);
      while (!open.isEmpty() && System.nanoTime() < deadline) {
        java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        open = groupOrOtherAccess(data);
      }
      assertEquals(List.of(), open);

      RunCommand.StartFailure e = assertThrows(RunCommand.StartFailure.class,
          () -> RunCommand.start(config(agents), new PrintWriter(new StringWriter())));
      assertEquals(RunCommand.UNAVAILABLE, e.exitCode);
      assertEquals(3, RunCommand.UNAVAILABLE, "README documents 3 for a data dir in use");
      assertTrue(e.getMessage().contains("in use by another kis-trader"), e.getMessage());

      StringWriter err = new StringWriter();
      CommandLine cli = Main.commandLine().setErr(new PrintWriter(err));
      assertEquals(RunCommand.UNAVAILABLE, cli.execute("run", "--data-dir", dir.resolve("data").toString()));
      assertTrue(err.toString().contains("in use by another kis-trader"), err.toString());
    } finally {
      engine.stop();
    }
    RunCommand.start(config(agents), new PrintWriter(new StringWriter())).stop();
  }

  @Test
  void aTakenDashboardPortStopsRunWithExit3UnlessTheDashboardIsDisabled() throws Exception {
    try (java.net.ServerSocket holder = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      Path agents = dir.resolve("agents.conf");
      Files.writeString(agents, "kis-trader.agents = []\n"
          + "pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off\nkis.dashboard.port = " + holder.getLocalPort()
          + "\n");
      RunCommand.StartFailure e = assertThrows(RunCommand.StartFailure.class,
          () -> RunCommand.start(config(agents), new PrintWriter(new StringWriter())));
      assertEquals(RunCommand.UNAVAILABLE, e.exitCode);
      assertTrue(e.getMessage().contains("127.0.0.1:" + holder.getLocalPort()), e.getMessage());
      assertTrue(e.getMessage().contains("kis.dashboard.enabled = false"), e.getMessage());

      StringWriter err = new StringWriter();
      CommandLine cli = Main.commandLine().setErr(new PrintWriter(err));
      assertEquals(RunCommand.UNAVAILABLE, cli.execute("run", "--config", agents.toString(), "--data-dir", dir.resolve("data").toString()));
      assertTrue(err.toString().contains("the dashboard cannot listen on"), err.toString());

      Files.writeString(agents, "kis.dashboard.enabled = false\n", java.nio.file.StandardOpenOption.APPEND);
      StringWriter log = new StringWriter();
      RunCommand.Engine engine = RunCommand.start(config(agents), new PrintWriter(log));
      try {
        assertTrue(log.toString().contains("Dashboard off (kis.dashboard.enabled = false)"), log.toString());
        assertTrue(!log.toString().contains("Dashboard: http"), log.toString());
      } finally {
        engine.stop();
      }
    }
  }

  /** Directories and (not LevelDB's) files under {@code data} that group or others may use. */
  private static List<String> groupOrOtherAccess(Path data) throws Exception {
    List<String> out = new java.util.ArrayList<>();
    try (var all = Files.walk(data)) {
      for (Path p : all.filter(p -> !Files.isSymbolicLink(p)).toList()) {
        boolean levelDbFile = p.startsWith(data.resolve("journal")) && Files.isRegularFile(p);
        try {
          String perms = java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
          if (!levelDbFile && !perms.endsWith("------")) {
            out.add(data.relativize(p) + " " + perms);
          }
        } catch (java.nio.file.NoSuchFileException gone) {
          // deleted meanwhile
        }
      }
    }
    return out;
  }

  /** Polls (bounded) until the guardian has spawned the actor at {@code path}. */
  private static void awaitActor(RunCommand.Engine engine, String path) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      try {
        Adapter.toClassic(engine.system).actorSelection(path).resolveOne(Duration.ofSeconds(1))
            .toCompletableFuture().get(2, TimeUnit.SECONDS);
        return;
      } catch (ExecutionException e) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError(path + " never started", e);
        }
      }
    }
  }

  @Test
  void anUnknownStrategyIsRefusedByTheStartNamingTheAgentsSetting() throws Exception {
    Path agents = dir.resolve("agents.conf");
    Files.writeString(agents, "kis-trader.agents = [{ id = a1, symbol = \"005930\", strategy { name = noop } }]\n");
    InvalidConfigException e = assertThrows(InvalidConfigException.class,
        () -> RunCommand.start(config(agents), new PrintWriter(new StringWriter())));
    assertTrue(e.getMessage().contains("agents.conf:1: kis-trader.agents[0].strategy.name: 'noop' is neither"),
        e.getMessage());
    assertFalse(Files.exists(dir.resolve("data")), "a refused start takes nothing, not even the data dir");
  }

  @Test
  void aBadAgentEntryIsRefusedByTheStartNamingTheEntry() throws Exception {
    Path agents = dir.resolve("agents.conf");
    Files.writeString(agents, "kis-trader.agents = [{ id = a1, symbol = \"5930\", strategy { name = noop } }]\n");
    InvalidConfigException e = assertThrows(InvalidConfigException.class,
        () -> RunCommand.start(config(agents), new PrintWriter(new StringWriter())));
    assertTrue(e.getMessage().contains("kis-trader.agents[0].symbol: not a KRX short code"), e.getMessage());
  }

  @Test
  void aMisspeltAgentLimitIsRefusedByTheStartNamingTheKeyAndTheNearestKnownOne() throws Exception {
    Path agents = dir.resolve("agents.conf");
    Files.writeString(agents, "kis-trader.agents = [{ id = a1, symbol = \"005930\", strategy { name = "
        + "kis.actors.live.DemoRoundTrip, params { symbol = \"005930\", quantity = 1 } },\n"
        + "  risk { max-daily-los = 300000 } }]\n"
        + "pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off\nkis.dashboard.port = 0\n");
    InvalidConfigException e = assertThrows(InvalidConfigException.class,
        () -> RunCommand.start(config(agents), new PrintWriter(new StringWriter())));
    // The lines run prints before exiting 2, and nothing else is wrong.
    assertEquals(List.of("kis-trader.agents[0].risk.max-daily-los"),
        e.problems().stream().map(ConfigProblem::path).toList());
    assertTrue(e.getMessage().startsWith("run: 1 configuration problem:"), e.getMessage());
    assertTrue(e.getMessage().contains("agents.conf:2: kis-trader.agents[0].risk.max-daily-los: unknown key"
        + " (did you mean `max-daily-loss`?)"), e.getMessage());
    assertFalse(Files.exists(dir.resolve("data")), "a refused start takes nothing, not even the data dir");
  }
}
