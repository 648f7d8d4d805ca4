package kis.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import kis.connector.KisConfig;
import kis.connector.assembly.KisConnector;
import kis.connector.KisCredentials;
import kis.connector.rest.StockInfo;
import kis.sim.KisSimulator;
import kis.sim.SimConfig;
import kis.sim.SimCredentials;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Against KIS ({@code kis.mode = paper}) every agent's symbol is looked up with KIS's stock info
 * before anything starts, here against a kis-sim on 127.0.0.1 standing in for KIS: a symbol KIS
 * does not know refuses the start (exit 2, naming the agent's key, the file and the symbol), and a
 * KIS nobody can reach fails it (exit 1), never letting the symbol through.
 */
class KisSymbolsOnSimTest {
  static KisSimulator sim;
  @TempDir static Path dir;
  static Path credentials;

  @BeforeAll
  static void start() throws Exception {
    sim = KisSimulator.start(SimConfig.fromConfig(ConfigFactory.parseString(
        "kis-sim { tick-interval = 0, rate-limit-per-second = -1, token-reissue-interval = 0s }")));
    SimCredentials c = sim.credentials();
    credentials = dir.resolve("kis.properties");
    Files.writeString(credentials, "app-key=" + c.appKey() + "\napp-secret=" + c.appSecret() + "\naccount="
        + c.cano() + "-" + c.acntPrdtCd() + "\nhts-id=" + c.htsId() + "\n");
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  record Run(int exit, String out, String err) {}

  static Run run(String name, String restUrl, String wsUrl, String... symbols) throws Exception {
    StringBuilder agents = new StringBuilder("kis-trader.agents = [\n");
    for (int i = 0; i < symbols.length; i++) {
      agents.append("  { id = a").append(i).append(", symbol = \"").append(symbols[i])
          .append("\", strategy { name = kis.actors.live.DemoRoundTrip, params { symbol = \"").append(symbols[i])
          .append("\", quantity = 1, hold-trades = 2 } } }\n");
    }
    agents.append("]\n");
    Path config = dir.resolve(name + ".conf");
    Files.writeString(config, "kis { mode = paper, rest-url = \"" + restUrl + "\", ws-url = \"" + wsUrl
        + "\", token.cache-dir = \"" + dir.resolve("tokens-" + name) + "\" }\n"
        + "kis.dashboard.enabled = false\n" + agents);
    CommandLine cli = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute("run", "--config", config.toString(), "--data-dir", dir.resolve("data-" + name).toString(),
        "--credentials", credentials.toString());
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void aSymbolKisDoesNotKnowRefusesTheStartNamingTheAgentsKeyAndTheSymbol() throws Exception {
    Run r = run("unknown", sim.restBaseUrl(), sim.websocketUrl(), "005930", "999999");
    assertEquals(2, r.exit(), r.out() + r.err());
    assertTrue(r.err().contains("kis-trader.agents[1].symbol"), r.err());
    assertTrue(r.err().contains("unknown symbol 999999: not in KIS's stock info (search-stock-info)"), r.err());
    assertTrue(r.err().contains("unknown.conf"), "the file it came from: " + r.err());
    assertFalse(r.err().contains("005930"), "KIS knows 005930: " + r.err());
    assertFalse(r.out().contains("Press Ctrl-C"), "nothing started");
    for (String secret : new String[] {sim.credentials().appKey(), sim.credentials().appSecret()}) {
      assertFalse(r.out().contains(secret) || r.err().contains(secret));
    }
  }

  @Test
  void aKisNobodyCanReachFailsTheStartInsteadOfAcceptingTheSymbols() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    Run r = run("unreachable", "http://127.0.0.1:" + closed, "ws://127.0.0.1:" + closed + "/tryitout", "005930");
    assertEquals(1, r.exit(), r.out() + r.err());
    assertTrue(r.err().contains("cannot check the agents' symbols with KIS (PAPER), nothing was started: looking up"
        + " 005930 with KIS search-stock-info"), r.err());
    assertFalse(r.out().contains("Press Ctrl-C"), "nothing started");
  }

  @Test
  void theConnectorsStockInfoNamesAListedSymbolAndIsEmptyForAnUnknownOne() throws Exception {
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "stock-info");
    try {
      KisConnector kis = KisConnector.create(system, KisConfig.forSimulator(sim.restBaseUrl(), sim.websocketUrl(),
          dir.resolve("tokens-connector")), KisCredentials.fromFile(credentials));
      Optional<StockInfo> samsung = kis.rest().searchStockInfo("005930").toCompletableFuture().get(30, TimeUnit.SECONDS);
      assertEquals("005930", samsung.orElseThrow().pdno());
      assertFalse(samsung.get().prdtName().isBlank());
      assertEquals("N", samsung.get().trStopYn());
      assertTrue(kis.rest().searchStockInfo("999999").toCompletableFuture().get(30, TimeUnit.SECONDS).isEmpty());
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(Duration.ofSeconds(30).toSeconds(), TimeUnit.SECONDS);
    }
  }
}
