package kis.engine;

import static kis.engine.ChildJvmLog.awaitLine;
import static kis.engine.ChildJvmLog.awaitTrue;
import static kis.engine.ChildJvmLog.transcript;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import kis.engine.journal.EngineConfig;
import kis.engine.journal.JournalReader;
import kis.journal.event.AgentEvent;
import kis.journal.state.AgentState;
import kis.journal.state.Order;
import kis.journal.state.OrderStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kis-trader run} in a child JVM (on the embedded kis-sim), its agents trading, gets
 * SIGTERM: it exits 0 after the four shutdown steps in order, and its journals fold with every
 * order settled (order flow drained before the agents stopped) and no broken invariant.
 */
class EngineShutdownTest {
  private static final Duration START = Duration.ofSeconds(90);

  @TempDir Path dir;

  private static final String CONFIG = """
      kis-trader.agents = [
        { id = st-a, symbol = "005930", strategy { name = kis.actors.live.DemoRoundTrip,
            params { symbol = "005930", quantity = 2, hold-trades = 1 } } }
        { id = st-b, symbol = "000660", strategy { name = kis.actors.live.DemoRoundTrip,
            params { symbol = "000660", quantity = 1, hold-trades = 1 } } }
      ]
      kis-trader.agent.snapshot-every = 10
      kis-trader.risk { duplicate-window = 1ms }
      kis-trader.status-log-every = 1h
      kis.dashboard.port = 0
      # Agents that trade at every print: the fast tick walk, not the demo's calibrated market.
      kis-sim.price-model = tick-walk
      pekko.loglevel = WARNING
      pekko.stdout-loglevel = OFF
      """;

  @Test
  void sigtermStopsOrderFlowThenAgentsThenTheWebsocketAndExitsZeroWithIntactJournals() throws Exception {
    Path data = dir.resolve("data");
    Path config = Files.writeString(dir.resolve("engine.conf"), CONFIG);
    Path log = dir.resolve("run.log");
    String java = ProcessHandle.current().info().command().orElse("java");
    // Output to a file, not a pipe: the shutdown's last lines come after the signal.
    Process engine = new ProcessBuilder(java, "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"), "-cp", System.getProperty("java.class.path"),
        Main.class.getName(), "run", "--config", config.toString(), "--data-dir", data.toString())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      String dashboard = awaitLine(log, "Dashboard: http://", START, engine).replace("Dashboard: ", "").trim();
      // A child JVM beside a second suite and a CPU hog took longer than 60 s to fill both (red once).
      awaitTrue("both agents have filled orders", Duration.ofSeconds(180), () -> filledAgents(dashboard) == 2, engine,
          log);
      engine.destroy(); // SIGTERM
      assertTrue(engine.waitFor(60, TimeUnit.SECONDS), "stops within a minute\n" + transcript(log));
      assertEquals(0, engine.exitValue(), transcript(log));
    } finally {
      if (engine.isAlive()) {
        engine.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
      }
    }
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    System.out.println("EngineShutdownTest: " + lines.stream().filter(l -> l.contains("shutdown") || l.contains("stop"))
        .toList());
    int at = -1;
    for (String step : List.of("kis-trader stopping", "shutdown 1/4: order flow stopped",
        "shutdown 2/4: agents stopped", "shutdown 3/4: KIS websocket closed", "shutdown 4/4: journal writes done",
        "kis-trader stopped.")) {
      int found = indexOf(lines, step);
      assertTrue(found > at, "'" + step + "' after the step before it:\n" + transcript(log));
      at = found;
    }

    Map<String, AgentState> books = new TreeMap<>();
    try (JournalReader reader = JournalReader.open(data, EngineConfig.load(Optional.of(config), Optional.of(data)))) {
      for (String id : reader.agentIds()) {
        List<AgentEvent> events = reader.events("Agent|" + id).stream().map(JournalReader.Entry::event).toList();
        books.put(id, AgentState.fold(id, events));
      }
    }
    assertEquals(Set.of("st-a", "st-b"), books.keySet());
    Set<OrderStatus> unsettled = EnumSet.of(OrderStatus.REQUESTED, OrderStatus.IN_DOUBT, OrderStatus.PENDING_REVISE,
        OrderStatus.PENDING_CANCEL);
    for (AgentState s : books.values()) {
      assertEquals(List.of(), s.invariantViolations(), s.agentId());
      assertEquals(0, s.anomalyCount(), s.agentId() + " anomalies " + s.anomalies());
      List<Order> open = s.openOrders().values().stream().filter(o -> unsettled.contains(o.status())).toList();
      assertEquals(List.of(), open, s.agentId() + ": no order left on its way to KIS");
      assertTrue(s.closedOrders().stream().anyMatch(o -> o.status() == OrderStatus.FILLED), s.agentId() + " traded");
    }
  }

  private static int indexOf(List<String> lines, String start) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(start)) {
        return i;
      }
    }
    return -1;
  }

  private static int filledAgents(String dashboard) {
    try {
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(dashboard + "api/agents"))
          .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
      int n = 0;
      for (JsonNode row : new ObjectMapper().readTree(r.body())) {
        n += row.path("lastFill").isObject() ? 1 : 0;
      }
      return n;
    } catch (IOException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }
}
