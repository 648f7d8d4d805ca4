package kis.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import kis.actors.live.BooksEqualTheAccount;
import kis.engine.journal.EngineConfig;
import kis.engine.journal.JournalReader;
import kis.engine.journal.LevelDbBackend;
import kis.journal.Venue;
import kis.journal.event.AgentEvent;
import kis.journal.state.AgentState;
import kis.sim.KisSimulator;
import kis.sim.OrderLog;
import kis.sim.SimConfig;
import kis.sim.SimCredentials;
import kis.strategies.examples.LimitChaser;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash proof: {@code kis-trader run} as a child JVM against a standalone kis-sim in this JVM,
 * killed with SIGKILL at random moments while its agents trade and restarted each time. A last
 * run whose agents no longer trade reconciles and is stopped like Ctrl-C; then the journals,
 * read from LevelDB and folded, equal the simulator's account order for order, and the
 * simulator's order log shows no order sent twice and no fill lost.
 *
 * <p>The kill moments come from one seed (printed; rerun with {@code -Dkis.crash.seed=N}).
 */
@ExtendWith(LogCapturingExtension.class)
class EngineCrashTest {
  private static final long SEED = Long.getLong("kis.crash.seed", 20261124L);
  private static final int KILLS = 5;
  /** A bound on one child JVM's start (JIT-less start, LevelDB recovery, token, first reconciliation), not a pace. */
  private static final Duration START = Duration.ofSeconds(180);

  @TempDir Path dir;

  /** The agents and the venue each trades on. */
  private static final Map<String, Venue> AGENTS = new TreeMap<>(Map.of("cr-a", Venue.KRX, "cr-b", Venue.KRX,
      "cr-c", Venue.KRX, "cr-d", Venue.NXT, "cr-e", Venue.SOR));

  /**
   * An agent trading at market, one trading at market behind protective orders (a bracket with a
   * trailing stop and a take-profit: armed, trailed and fired across the kills), one chasing with a
   * limit order it revises and cancels; the same chaser on NXT (its prints NXT's H0NXCNT0, its
   * revises and cancels sent to NXT), and one trading at market through SOR (the integrated prints).
   */
  private static String agents(boolean trading) {
    String market = trading ? "kis.actors.live.DemoRoundTrip" : NoTrading.class.getName();
    String protectedMarket = trading ? ProtectedRoundTrip.class.getName() : NoTrading.class.getName();
    String limit = trading ? LimitChaser.class.getName() : NoTrading.class.getName();
    return "kis-trader.agents = [\n"
        + agent("cr-a", "005930", market, "quantity = 3, hold-trades = 1")
        + agent("cr-b", "000660", protectedMarket, trading ? "quantity = 1" : "quantity = 1, hold-trades = 1")
        + agent("cr-c", "035720", limit, "quantity = 5, patience = 2, revises = 2")
        + agent("cr-d", "035420", limit, "quantity = 2, patience = 2, revises = 2")
        + agent("cr-e", "005380", market, "quantity = 1, hold-trades = 2") + "]\n";
  }

  private static String agent(String id, String symbol, String strategy, String params) {
    return "{ id = " + id + ", symbol = \"" + symbol + "\", venue = " + AGENTS.get(id) + ", strategy { name = \""
        + strategy + "\", params { symbol = \"" + symbol + "\", " + params + " } } }\n";
  }

  private static final String ENGINE = """
      # kis-sim's REAL flavour (NXT and SOR trade there, not on paper) takes real TR ids.
      kis.tr-ids = real
      kis-trader.agent.snapshot-every = 20
      kis-trader.risk { duplicate-window = 1ms }
      kis-trader.reconcile-every = 2s
      # kis-sim lists an order in inquire-daily-ccld the moment it exists.
      kis-trader.reconcile-in-doubt-grace = 3s
      kis-trader.status-log-every = 1h
      kis.dashboard.port = 0
      pekko.loglevel = WARNING
      pekko.stdout-loglevel = OFF
      """;

  @Test
  void anEngineKilledWithSigkillWhileTradingLosesNoFillAndSendsNoOrderTwice() throws Exception {
    Map<String, List<AgentEvent>> journals = crashAndReplay("", KILLS, List.of());
    List<AgentEvent> stops = journals.get("cr-b");
    assertTrue(stops.stream().anyMatch(e -> e instanceof kis.journal.event.ProtectiveTrailed)
        && stops.stream().anyMatch(e -> e instanceof kis.journal.event.ProtectiveTriggered),
        "cr-b's stops were trailed and fired across the kills");
  }

  /**
   * The same proof on the pure-Java LevelDB ({@code kis-trader.journal.native = off}), the one the
   * engine falls back to where leveldbjni has no native library; the child JVMs log with the
   * engine's own logback.xml so the fallback's one line at start can be seen.
   */
  @Test
  void anEngineOnThePureJavaLevelDbKilledWithSigkillLosesNoFillAndSendsNoOrderTwice() throws Exception {
    crashAndReplay("kis-trader.journal.native = off\n", 3,
        List.of("-Dlogback.configurationFile=logback.xml"));
    List<String> firstRun = ChildJvmLog.lines(dir.resolve("run-1.log"));
    assertEquals(1, firstRun.stream().filter(l -> l.contains("using the pure-Java LevelDB")).count(),
        "the fallback is logged once at start: " + ChildJvmLog.transcript(dir.resolve("run-1.log")));
  }

  private Map<String, List<AgentEvent>> journals(com.typesafe.config.Config config, Path data) throws Exception {
    Map<String, List<AgentEvent>> journals = new TreeMap<>();
    try (JournalReader reader = JournalReader.open(data, LevelDbBackend.configure(config))) {
      for (String id : reader.agentIds()) {
        journals.put(id, reader.events("Agent|" + id).stream().map(JournalReader.Entry::event).toList());
      }
    }
    return journals;
  }

  /**
   * Kills the engine {@code kills} times while it trades, settles it in a last run, and proves the
   * journals equal the account.
   *
   * @param extraConfig HOCON every run gets besides the agents and {@link #ENGINE}
   * @return the journals as the last run's configuration reads them
   */
  private Map<String, List<AgentEvent>> crashAndReplay(String extraConfig, int kills, List<String> jvmArgs)
      throws Exception {
    System.out.println("EngineCrashTest seed = " + SEED + " (rerun with -Dkis.crash.seed=" + SEED + ")");
    Random random = new Random(SEED);
    Path data = dir.resolve("data");
    Path trading = Files.writeString(dir.resolve("trading.conf"), agents(true) + ENGINE + extraConfig);
    Path idle = Files.writeString(dir.resolve("idle.conf"), agents(false) + ENGINE + extraConfig);
    try (KisSimulator sim = KisSimulator.start(SimConfig.fromConfig(ConfigFactory.parseString(
        "kis-sim { flavour = REAL, tick-interval = 100ms, rate-limit-per-second = -1, session-mode = ALWAYS_OPEN,"
            + " seed = " + SEED
            + " }")))) {
      long cashBefore = sim.account().cash();
      List<String> killLog = new ArrayList<>();
      long startedIn = 0;
      for (int k = 1; k <= kills; k++) {
        EngineProcess engine = EngineProcess.start(trading, data, sim, dir.resolve("run-" + k + ".log"), jvmArgs);
        long t0 = System.nanoTime();
        try {
          engine.awaitLine("kis-trader started", START);
          startedIn = Duration.ofNanos(System.nanoTime() - t0).toMillis();
          int before = sim.orderLog().size();
          // Kill after a random number of this run's orders, a random few milliseconds later: mid-send,
          // mid-reply, mid-fill or between orders.
          int orders = 1 + random.nextInt(6);
          // A bound, not a pace: on a loaded machine a first token request that times out costs
          // KIS's one-issuance-per-minute wait before any order can go (seen: 60 s).
          // The last killed run also waits until KIS accepted orders of every venue: a short proof (the
          // pure-Java LevelDB's three kills) could otherwise end before the SOR agent's first order.
          boolean last = k == kills;
          ChildJvmLog.awaitTrue("run " + k + " sends " + orders + " orders" + (last ? ", every venue's accepted" : ""),
              Duration.ofSeconds(150), () -> sim.orderLog().size() >= before + orders
                  && (!last || acceptedOn(sim, "NXT") && acceptedOn(sim, "SOR")), engine.process, engine.log);
          TimeUnit.MILLISECONDS.sleep(random.nextInt(250)); // where the kill lands, not a wait for something
        } finally {
          engine.kill();
        }
        killLog.add("run " + k + ": started in " + startedIn + " ms, killed after " + Duration.ofNanos(System.nanoTime()
            - t0).toMillis() + " ms at order log size " + sim.orderLog().size());
      }
      System.out.println("EngineCrashTest kills: " + killLog);

      // The last run trades no more: it reconciles on start and then periodically, and is stopped like Ctrl-C.
      EngineProcess last = EngineProcess.start(idle, data, sim, dir.resolve("run-last.log"), jvmArgs);
      try {
        last.awaitLine("kis-trader started", START);
        String dashboard = last.awaitLine("Dashboard: http://", START).replace("Dashboard: ", "").trim();
        awaitSettled(dashboard, last);
        awaitCleanReconciliation(dashboard, last);
        last.process.destroy();
        assertTrue(last.process.waitFor(30, TimeUnit.SECONDS), "the engine stops on SIGTERM");
        List<String> words = last.output();
        assertTrue(words.stream().anyMatch(l -> l.contains("kis-trader stopping (coordinated shutdown)")),
            last.transcript());
      } finally {
        last.kill();
      }

      Map<String, List<AgentEvent>> journals = journals(EngineConfig.load(Optional.of(idle), Optional.of(data)), data);
      assertEquals(AGENTS.keySet(), journals.keySet());
      Map<String, AgentState> books = new TreeMap<>();
      journals.forEach((id, events) -> books.put(id, AgentState.fold(id, events)));
      assertBooksEqualTheAccount(sim, books, journals, cashBefore, kills);
      return journals;
    }
  }

  /** Whether KIS accepted an order request naming {@code venue} ({@code EXCG_ID_DVSN_CD}). */
  private static boolean acceptedOn(KisSimulator sim, String venue) {
    return !sim.orderLog().entries(e -> e.outcome() == OrderLog.Outcome.ACCEPTED && e.body() != null
        && venue.equals(BooksEqualTheAccount.wireVenue(e.body()))).isEmpty();
  }

  private static void assertBooksEqualTheAccount(KisSimulator sim, Map<String, AgentState> books,
      Map<String, List<AgentEvent>> journals, long cashBefore, int kills) {
    String summary = summary(books);
    for (AgentState s : books.values()) {
      assertTrue(s.openOrders().isEmpty(), "every order settled: " + summary);
      assertEquals(0, s.anomalyCount(), "no anomalies: " + summary);
      assertEquals(List.of(), s.invariantViolations(), summary);
    }
    BooksEqualTheAccount.positions(sim, books, summary);
    // Order for order (every order still in the books' window), no request accepted twice.
    BooksEqualTheAccount.Claims claims = BooksEqualTheAccount.orderForOrder(sim, books,
        Set.of(OrderLog.Outcome.ACCEPTED), "accepted", summary);
    BooksEqualTheAccount.cash(sim, books, journals, claims.owner(), cashBefore, summary);
    // Per venue: each agent's orders on its own venue, on the wire and in the account, fills on their books.
    books.forEach((id, s) -> assertTrue(s.closedOrders().stream().allMatch(o -> o.spec().venue() == AGENTS.get(id)),
        id + "'s orders all on " + AGENTS.get(id) + ": " + summary));
    Map<Venue, Long> perVenue = BooksEqualTheAccount.venues(sim, books, journals, Set.of(OrderLog.Outcome.ACCEPTED),
        summary);
    assertTrue(perVenue.getOrDefault(Venue.NXT, 0L) > 0 && perVenue.getOrDefault(Venue.SOR, 0L) > 0,
        "the NXT and SOR agents traded: " + perVenue);

    Map<OrderLog.Outcome, Long> outcomes = sim.orderLog().entries().stream()
        .collect(Collectors.groupingBy(OrderLog.Entry::outcome, TreeMap::new, Collectors.counting()));
    System.out.println("EngineCrashTest order log: " + outcomes + ", accepted per venue " + perVenue + "; books: "
        + summary);
    assertTrue(claims.applied().size() >= kills, "the agents traded in every run: " + outcomes);
  }

  /** Polls the dashboard until every agent has no working order and none is in doubt, twice in a row. */
  private static void awaitSettled(String dashboard, EngineProcess engine) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    ObjectMapper json = new ObjectMapper();
    int[] calm = {0};
    ChildJvmLog.awaitTrue("every agent settled", Duration.ofSeconds(40), () -> {
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(dashboard + "api/agents"))
            .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
        JsonNode rows = json.readTree(r.body());
        boolean settled = r.statusCode() == 200 && rows.size() == AGENTS.size();
        for (JsonNode row : rows) {
          settled &= row.path("workingOrders").asInt(-1) == 0 && !"IN_DOUBT".equals(row.path("riskState").asText());
        }
        calm[0] = settled ? calm[0] + 1 : 0;
        return calm[0] >= 3;
      } catch (IOException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }, engine.process, engine.log);
  }

  /**
   * Waits for a reconciliation that ran after the agents settled to find nothing to repair and no
   * alarm (no drift, no order without an agent, no cash the journals do not explain).
   */
  private static void awaitCleanReconciliation(String dashboard, EngineProcess engine) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    ObjectMapper json = new ObjectMapper();
    String[] seen = {null, null}; // the run the wait began after, the last status read
    try {
      ChildJvmLog.awaitTrue("a clean reconciliation after the agents settled", Duration.ofSeconds(40), () -> {
        try {
          HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(dashboard + "api/overview"))
              .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
          if (r.statusCode() != 200) {
            return false;
          }
          JsonNode reconcile = json.readTree(r.body()).path("reconcile");
          seen[1] = reconcile.toString();
          String at = reconcile.path("at").asText();
          if (seen[0] == null) {
            seen[0] = at;
            return false;
          }
          return !at.equals(seen[0]) && "CLEAN".equals(reconcile.path("result").asText())
              && reconcile.path("drift").isEmpty();
        } catch (IOException e) {
          return false;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }, engine.process, engine.log);
    } catch (AssertionError e) {
      throw new AssertionError("last reconciliation: " + seen[1] + "\n" + e.getMessage(), e);
    }
  }

  private static String summary(Map<String, AgentState> books) {
    StringBuilder b = new StringBuilder();
    books.forEach((id, s) -> b.append(id).append(": orders ").append(s.nextOrderSeq() - 1).append(" open ")
        .append(s.openOrders().values().stream().map(o -> o.id() + "/" + o.status()).toList()).append(" pos ")
        .append(s.positions().values().stream().map(p -> p.symbol() + "=" + p.quantity()).toList()).append(" cash ")
        .append(s.cashFlow()).append(" anomalies ").append(s.anomalies()).append("; "));
    return b.toString();
  }

  /** {@code kis-trader run} in a child JVM on this test's classpath, its output in a file. */
  private static final class EngineProcess {
    final Process process;
    final Path log;

    private EngineProcess(Process process, Path log) {
      this.process = process;
      this.log = log;
    }

    static EngineProcess start(Path config, Path data, KisSimulator sim, Path log, List<String> jvmArgs)
        throws IOException {
      String java = ProcessHandle.current().info().command().orElse("java");
      List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-XX:TieredStopAtLevel=1",
          "-XX:+UseSerialGC", "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir")));
      command.addAll(jvmArgs);
      command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(),
          "run", "--config", config.toString(), "--data-dir", data.toString(),
          "--sim-url", sim.restBaseUrl(), "--sim-ws-url", sim.websocketUrl()));
      // Output to a file, not a pipe: Process.destroy() closes the pipes, and the shutdown's last words count.
      ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      SimCredentials c = sim.credentials();
      Map<String, String> env = pb.environment();
      env.put("KIS_APP_KEY", c.appKey());
      env.put("KIS_APP_SECRET", c.appSecret());
      env.put("KIS_ACCOUNT", c.cano() + "-" + c.acntPrdtCd());
      env.put("KIS_HTS_ID", c.htsId());
      env.remove("KIS_TRADER_DATA_DIR");
      return new EngineProcess(pb.start(), log);
    }

    List<String> output() {
      return ChildJvmLog.lines(log);
    }

    String awaitLine(String prefix, Duration limit) throws InterruptedException {
      return ChildJvmLog.awaitLine(log, prefix, limit, process);
    }

    void kill() throws InterruptedException {
      if (process.isAlive()) {
        process.destroyForcibly();
      }
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        throw new AssertionError("the engine did not die");
      }
    }

    String transcript() {
      return ChildJvmLog.transcript(log);
    }
  }
}
