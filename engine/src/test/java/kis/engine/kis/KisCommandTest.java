package kis.engine.kis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kis.engine.Main;
import kis.sim.KisSimulator;
import kis.sim.SimConfig;
import kis.sim.SimCredentials;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code kis-trader kis} against an external kis-sim, configured from files as a user would. */
class KisCommandTest {
  static KisSimulator sim;
  @TempDir static Path dir;
  static Path config;
  static Path credentials;

  @BeforeAll
  static void start() throws Exception {
    sim = KisSimulator.start(SimConfig.fromConfig(ConfigFactory.parseString(
        "kis-sim { tick-interval = 0, rate-limit-per-second = -1, token-reissue-interval = 0s }")));
    config = dir.resolve("kis.conf");
    Files.writeString(config, "kis { mode = sim, rest-url = \"" + sim.restBaseUrl() + "\", ws-url = \""
        + sim.websocketUrl() + "\", token.cache-dir = \"" + dir.resolve("tokens") + "\" }");
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

  static Run kis(String... args) {
    List<String> all = new ArrayList<>(List.of("kis", "--config", config.toString(), "--credentials", credentials.toString()));
    all.addAll(List.of(args));
    CommandLine cli = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(all.toArray(String[]::new));
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void placesListsAndCancelsAnOrderAndShowsBalanceAndPrice() {
    Run price = kis("price", "035720");
    assertEquals(0, price.exit(), price.err());
    Matcher limits = Pattern.compile("limits ([0-9,]+) \\.\\.").matcher(price.out());
    assertTrue(limits.find(), price.out());
    String lower = limits.group(1).replace(",", "");

    Run buy = kis("buy", "035720", "2", lower);
    assertEquals(0, buy.exit(), buy.out() + buy.err());
    Matcher odno = Pattern.compile("ACCEPTED odno=([0-9]+)").matcher(buy.out());
    assertTrue(odno.find(), buy.out());

    Run orders = kis("orders");
    assertTrue(orders.out().contains(odno.group(1)), orders.out());

    Run cancel = kis("cancel", odno.group(1));
    assertEquals(0, cancel.exit(), cancel.out());
    assertTrue(cancel.out().contains("ACCEPTED"), cancel.out());

    Run balance = kis("balance");
    assertEquals(0, balance.exit());
    assertTrue(balance.out().contains("cash (deposit)"), balance.out());
    for (String secret : List.of(sim.credentials().appKey(), sim.credentials().appSecret(), sim.credentials().cano())) {
      assertFalse((price.out() + buy.out() + orders.out() + cancel.out() + balance.out()).contains(secret));
    }
  }

  @Test
  void tailPrintsTradesUntilTheTimeIsUp() throws Exception {
    // Trades keep arriving while the tail runs.
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    java.util.concurrent.ScheduledExecutorService pusher = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
    pusher.scheduleAtFixedRate(() -> {
      try {
        http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(sim.restBaseUrl() + "/sim/trade"))
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"symbol\":\"005930\",\"price\":71000,\"qty\":1}"))
            .header("content-type", "application/json").build(), java.net.http.HttpResponse.BodyHandlers.discarding());
      } catch (Exception e) {
        // the next tick tries again
      }
    }, 0, 100, java.util.concurrent.TimeUnit.MILLISECONDS);
    Run tail;
    try {
      tail = kis("tail", "005930", "--seconds", "3");
    } finally {
      pusher.shutdownNow();
    }
    assertEquals(0, tail.exit(), tail.err());
    assertTrue(tail.out().contains("trade 005930 71,000"), tail.out());
    assertTrue(tail.out().contains("malformed frames: 0"), tail.out());
  }

  @Test
  void buyVenueGoesOnTheWireAndPaperRefusesAnythingButKrx() throws Exception {
    int before = sim.orderLog().size();

    Run nxt = kis("buy", "035720", "1", "40000", "--venue", "nxt");

    assertEquals(1, nxt.exit(), nxt.out() + nxt.err());
    assertTrue(nxt.out().contains("REJECTED"), nxt.out());
    List<kis.sim.OrderLog.Entry> sent = sim.orderLog().entries().subList(before, sim.orderLog().size());
    assertEquals(1, sent.size());
    assertEquals("NXT", kis.connector.rest.KisJson.MAPPER.readTree(sent.get(0).body()).path("EXCG_ID_DVSN_CD")
        .asText());
  }

  @Test
  void anUnknownVenueIsAUsageErrorAndNothingIsSent() {
    int before = sim.orderLog().size();

    Run bad = kis("sell", "035720", "1", "--venue", "NYSE");
    Run badTail = kis("tail", "005930", "--venue", "SOR", "--seconds", "1");

    assertEquals(2, bad.exit(), bad.out() + bad.err());
    assertTrue(bad.err().contains("KRX, NXT or SOR"), bad.err());
    assertEquals(2, badTail.exit(), badTail.out() + badTail.err());
    assertTrue(badTail.err().contains("KRX, NXT or UN"), badTail.err());
    assertEquals(before, sim.orderLog().size());
  }

  @Test
  void ordersListEveryVenueWithAVenueColumnAndTailSubscribesTheIntegratedFeed() {
    Run orders = kis("orders");
    assertEquals(0, orders.exit(), orders.err());
    assertTrue(orders.out().lines().anyMatch(l -> l.startsWith("odno") && l.trim().endsWith("venue")), orders.out());

    Run tail = kis("tail", "005930", "--venue", "UN", "--no-notices", "--seconds", "1");
    assertEquals(0, tail.exit(), tail.err());
    assertTrue(tail.out().contains("trId=H0UNCNT0"), tail.out());
  }

  @Test
  void anUnreachableKisHostIsOneErrorLineAndExitOneNotAStackTrace() throws Exception {
    Path nowhere = dir.resolve("nowhere.conf");
    try (java.net.ServerSocket closed = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      int port = closed.getLocalPort();
      closed.close(); // nothing listens there now: every connect is refused
      Files.writeString(nowhere, "kis { mode = sim, rest-url = \"http://127.0.0.1:" + port + "\", ws-url = \"ws://127.0.0.1:"
          + port + "\", token.cache-dir = \"" + dir.resolve("tokens-nowhere") + "\", read-attempts = 1 }");
    }
    CommandLine cli = Main.commandLine();
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err, true));
    cli.setOut(new PrintWriter(new StringWriter(), true));
    assertEquals(1, cli.execute("kis", "--config", nowhere.toString(), "--credentials", credentials.toString(), "balance"));
    assertTrue(err.toString().startsWith("kis-trader kis balance: INQUIRE_BALANCE failed"), err.toString());
    assertFalse(err.toString().contains("\tat "), "no stack trace: " + err);
    assertFalse(err.toString().contains(sim.credentials().appSecret()), err.toString());
  }

  @Test
  void paperWithoutCredentialsIsAUsageError() {
    CommandLine cli = Main.commandLine();
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err, true));
    cli.setOut(new PrintWriter(new StringWriter(), true));
    assertEquals(2, cli.execute("kis", "--mode", "paper", "--credentials", dir.resolve("missing.properties").toString(),
        "balance"));
    assertTrue(err.toString().contains("credentials file not found"), err.toString());
  }
}
