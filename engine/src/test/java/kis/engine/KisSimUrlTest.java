package kis.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import kis.engine.journal.EngineConfig;
import kis.sim.SimCredentials;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code kis --sim-url}: the {@code kis} commands reach a running engine's embedded kis-sim with
 * nothing but the URL from the engine's start line and the engine's data dir: no config file, no
 * credentials typed, and the engine's cached token is used, not a new one (the simulator keeps
 * KIS's one-token-a-minute rule here, so a second issuance would be refused).
 */
@ExtendWith(LogCapturingExtension.class)
class KisSimUrlTest {
  @TempDir Path dir;

  record Run(int exit, String out, String err) {}

  static Run kis(String... args) {
    CommandLine cli = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void kisReachesTheEnginesEmbeddedSimulatorByItsUrlAndUsesTheEnginesToken() throws Exception {
    Path data = dir.resolve("data");
    Path conf = Files.writeString(dir.resolve("engine.conf"), String.join("\n",
        "kis-trader.agents = [ { id = url-a, symbol = \"005930\", strategy { name = kis.actors.live.DemoRoundTrip,",
        "    params { symbol = \"005930\", quantity = 1 } } } ]",
        "kis-trader.status-log-every = 1h",
        "kis-sim { token-reissue-interval = 60s }",
        "kis.dashboard.port = 0",
        "pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off",
        "pekko.stdout-loglevel = OFF"));
    Config c = EngineConfig.load(Optional.of(conf), Optional.of(data));
    StringWriter startOut = new StringWriter();
    RunCommand.Engine engine = RunCommand.start(c, new PrintWriter(startOut));
    try {
      Matcher url = Pattern.compile("embedded kis-sim at (http://127\\.0\\.0\\.1:[0-9]+)").matcher(startOut.toString());
      assertTrue(url.find(), startOut.toString());
      Path tokens = data.resolve("tokens");
      await("the engine has its token cached", Duration.ofSeconds(180),
          () -> tokenFiles(tokens).size() == 1 && !issued(tokenFiles(tokens).get(0)).isEmpty());
      Path tokenFile = tokenFiles(tokens).get(0);
      String engineToken = issued(tokenFile);

      // A trailing slash as a user may paste it: the cache is keyed by the url as the engine spells it.
      Run balance = kis("kis", "--sim-url", url.group(1) + "/", "--data-dir", data.toString(), "balance");
      assertEquals(0, balance.exit(), balance.out() + balance.err());
      assertTrue(balance.out().contains("cash (deposit)"), balance.out());
      assertTrue(balance.out().startsWith("# sim at " + url.group(1)), balance.out());
      Run orders = kis("kis", "--sim-url", url.group(1), "--data-dir", data.toString(), "orders");
      assertEquals(0, orders.exit(), orders.out() + orders.err());

      assertEquals(List.of(tokenFile), tokenFiles(tokens), "one cache file for the simulator and its app key");
      assertEquals(engineToken, issued(tokenFile), "the engine's token was used, none issued");
      SimCredentials sc = engine.target.embedded().orElseThrow().credentials();
      String said = balance.out() + balance.err() + orders.out() + orders.err();
      for (String secret : List.of(sc.appKey(), sc.appSecret(), sc.cano())) {
        assertFalse(said.contains(secret), "no credential printed");
      }
    } finally {
      engine.stop();
    }
  }

  @Test
  void withoutCredentialsOrAnEnginesStateFileTheSimUrlIsAUsageErrorNamingTheWays() {
    Run r = kis("kis", "--sim-url", "http://127.0.0.1:9", "--data-dir", dir.resolve("empty").toString(), "balance");
    assertEquals(2, r.exit(), r.out() + r.err());
    assertTrue(r.err().contains("no credentials for the simulator at --sim-url"), r.err());
    assertTrue(r.err().contains("--credentials FILE"), r.err());
  }

  @Test
  void simUrlExcludesAModeOtherThanSimAndItsCompanionsNeedIt() {
    Run paper = kis("kis", "--sim-url", "http://127.0.0.1:9", "--mode", "paper", "balance");
    assertEquals(2, paper.exit(), paper.err());
    assertTrue(paper.err().contains("--sim-url excludes"), paper.err());
    Run alone = kis("kis", "--data-dir", dir.toString(), "balance");
    assertEquals(2, alone.exit(), alone.err());
    assertTrue(alone.err().contains("go with --sim-url"), alone.err());
    Run notHttp = kis("kis", "--sim-url", "127.0.0.1:9", "balance");
    assertEquals(2, notHttp.exit(), notHttp.err());
    assertTrue(notHttp.err().contains("wants the simulator's REST url"), notHttp.err());
  }

  /** The cached access token and when it was issued ("" while none); the approval key may come later. */
  private static String issued(Path tokenFile) {
    try {
      com.fasterxml.jackson.databind.JsonNode n = new com.fasterxml.jackson.databind.ObjectMapper()
          .readTree(Files.readString(tokenFile));
      return n.path("accessToken").asText("") + (n.has("accessToken") ? "@" + n.path("lastAccessIssue").asText() : "");
    } catch (java.io.IOException e) {
      return ""; // replaced between list and read: the next poll reads the new one
    }
  }

  private static List<Path> tokenFiles(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return new ArrayList<>(s.filter(p -> p.getFileName().toString().startsWith("kis-token-")).sorted().toList());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void await(String what, Duration within, java.util.function.BooleanSupplier done) {
    long deadline = System.nanoTime() + within.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(what + " within " + within);
      }
      java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(100).toNanos()); // poll pacing
    }
  }
}
