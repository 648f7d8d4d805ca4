package kis.engine;

import static kis.engine.CliRun.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCommandTest {
  @TempDir Path dir;

  /** Every configuration the repository ships: the defaults, the agents example and the strategy examples. */
  private static List<Path> shippedConfigs() throws IOException {
    List<Path> out = new ArrayList<>(List.of(Path.of("../conf/application.conf"), Path.of("../conf/agents.example.conf")));
    try (Stream<Path> s = Files.list(Path.of("../strategies/examples"))) {
      s.filter(p -> p.toString().endsWith(".conf")).sorted().forEach(out::add);
    }
    return out;
  }

  @Test
  void everyShippedConfigurationPassesTheCheck() throws IOException {
    List<Path> configs = shippedConfigs();
    assertTrue(configs.size() >= 7, configs.toString());
    for (Path p : configs) {
      CliRun r = cli("config", "check", "--config", p.toString());
      assertEquals(0, r.exitCode(), p + ":\n" + r.out() + r.err());
      assertTrue(r.out().contains("config check: no problems"), r.out());
    }
    assertEquals(0, cli("config", "check").exitCode());
  }

  @Test
  void checkPrintsTheEffectiveConfigurationRedactedAndEveryProblemThenExits2() throws IOException {
    Path f = dir.resolve("bad.conf");
    Files.writeString(f, String.join("\n",
        "kis-sim.credentials { app-key = \"PSsecretkey1\", app-secret = \"verysecret\", cano = \"50001234\" }",
        "kis-trader.agents = [{ id = a1, symbol = \"005930\", strategy { name = volatility-band,",
        "  params { symbol = \"005930\", quantity = 1 } }, risk { max-daily-los = 300000 } }]",
        "kis-trader.status-log-evry = 5s", ""));
    CliRun r = cli("config", "check", "--config", f.toString());
    assertEquals(2, r.exitCode(), r.out() + r.err());
    assertTrue(r.out().contains("status-log-every"), "the effective configuration is printed:\n" + r.out());
    for (String secret : new String[] {"PSsecretkey1", "verysecret", "50001234"}) {
      assertFalse(r.out().contains(secret), secret + " printed:\n" + r.out());
    }
    assertTrue(r.out().contains("config check: 2 configuration problems:"), r.out());
    assertTrue(r.out().contains(f + ":3: kis-trader.agents[0].risk.max-daily-los: unknown key (did you mean"
        + " `max-daily-loss`?)"), r.out());
    assertTrue(r.out().contains(f + ":4: kis-trader.status-log-evry: unknown key (did you mean `status-log-every`?)"),
        r.out());
  }

  @Test
  void runWithAMisspeltKeyExits2NamingItAndStartsNothing() throws IOException {
    Path f = dir.resolve("agents.conf");
    Files.writeString(f, "kis-trader.agents = [{ id = a1, symbol = \"005930\", strategy { name = volatility-band,"
        + " params { symbol = \"005930\", quantity = 1 } },\n  risk { max-daily-los = 300000 } }]\n");
    Path data = dir.resolve("data");
    CliRun r = cli("run", "--config", f.toString(), "--data-dir", data.toString());
    assertEquals(2, r.exitCode(), r.out() + r.err());
    assertTrue(r.err().contains(f + ":2: kis-trader.agents[0].risk.max-daily-los: unknown key (did you mean"
        + " `max-daily-loss`?)"), r.err());
    assertFalse(r.out().contains("started"), r.out());
    assertFalse(Files.exists(data), "no data dir, lock or journal was created");
  }

  @Test
  void kisWithAMisspeltKeyExits2BeforeConnecting() throws IOException {
    Path f = dir.resolve("kis.conf");
    Files.writeString(f, "kis {\n  read-timout = 5s\n}\n");
    CliRun r = cli("kis", "--config", f.toString(), "balance");
    assertEquals(2, r.exitCode(), r.out() + r.err());
    assertTrue(r.err().contains(f + ":2: kis.read-timout: unknown key (did you mean `read-timeout`?)"), r.err());
    assertFalse(r.out().contains("# "), "no session was opened: " + r.out());
  }

  @Test
  void simWithAMisspeltKeyExits2BeforeStarting() {
    // sim reads application.conf and -D overrides only; a -D override is how a user misspells one.
    System.setProperty("kis-sim.tick-intervall", "1s");
    com.typesafe.config.ConfigFactory.invalidateCaches();
    java.io.PrintStream saved = System.err;
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    try {
      System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
      // Preemptive: were the check to pass, sim would serve until stopped.
      assertEquals(2, org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(60),
          () -> Main.commandLine().execute("sim")));
    } finally {
      System.setErr(saved);
      System.clearProperty("kis-sim.tick-intervall");
      com.typesafe.config.ConfigFactory.invalidateCaches();
    }
    String text = err.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(text.contains("kis-sim.tick-intervall: unknown key (did you mean `tick-interval`?)"), text);
  }

  @Test
  void aBacktestFileWithAMisspeltStrategyKeyIsRefused() throws IOException {
    Path f = dir.resolve("bt.conf");
    Files.writeString(f, "strategy {\n  type = volume-trigger\n  parmas { symbol = \"005930\", quantity = 1 }\n}\n");
    CliRun r = cli("backtest", "--config", f.toString(), "--synthetic", "--days", "1",
        "--report", dir.resolve("report").toString());
    assertEquals(2, r.exitCode(), r.out() + r.err());
    assertTrue(r.err().contains(f + ":3: strategy.parmas: unknown key (did you mean `params`?)"), r.err());
  }
}
