package kis.engine;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import kis.engine.dashboard.AgentRow;
import kis.engine.dashboard.EngineSnapshot;
import kis.engine.dashboard.Json;
import kis.engine.dashboard.StatusTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kis-trader status}: prints the dashboard's agents table, read from the JSON API of a
 * running engine, plus one line on the KIS connection, reconcile and kill switch.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Print the agents table of a running engine (from its dashboard's JSON API).")
final class StatusCommand implements Callable<Integer> {

  @Option(names = "--url", description = "Dashboard base URL (default: ${DEFAULT-VALUE})")
  String url = "http://127.0.0.1:8686";

  @Option(names = "--token", defaultValue = "${env:KIS_DASHBOARD_TOKEN}",
      description = "Token, only needed when reads require it (default: $KIS_DASHBOARD_TOKEN)")
  String token;

  PrintStream out = System.out;
  PrintStream err = System.err;

  @Override
  public Integer call() {
    String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(base + "/api/overview"))
        .timeout(Duration.ofSeconds(10)).GET();
    if (token != null && !token.isBlank()) {
      req.header("Authorization", "Bearer " + token);
    }
    try {
      HttpResponse<String> res = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
      if (res.statusCode() != 200) {
        err.println("status: " + base + " answered HTTP " + res.statusCode());
        return 2;
      }
      EngineSnapshot s = Json.MAPPER.readValue(res.body(), new TypeReference<EngineSnapshot>() {});
      print(s);
      return 0;
    } catch (java.io.IOException e) {
      err.println("status: cannot reach the engine at " + base + " (" + e.getClass().getSimpleName() + ")");
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }

  private void print(EngineSnapshot s) {
    List<AgentRow> agents = s.agents();
    out.print(StatusTable.render(agents));
    out.printf("KIS token %s, websocket %s, session %s; REST %d/%d per s; reconcile %s%s; kill switch %s; %s %s%n",
        s.connection().token().state(), s.connection().websocket().state(), s.connection().session().state(),
        s.connection().restCallsLastSecond(), s.connection().restCallsPerSecondLimit(),
        s.reconcile().result(), s.reconcile().drift().isEmpty() ? "" : " (drift " + s.reconcile().drift().size() + ")",
        s.killSwitch().engaged() ? "ON" : "off", s.clock().phase(),
        s.clock().kst() == null ? "" : s.clock().kst().toLocalTime().withNano(0) + " KST");
    // What holds orders back, said plainly: a token that is not there, a disk below its margin.
    if (!s.connection().token().up() && !"UNKNOWN".equals(s.connection().token().state())) {
      out.printf("KIS token %s: %s%n", s.connection().token().state(), s.connection().token().detail());
    }
    if (s.disk().low()) {
      out.printf("NO NEW ORDERS: %s%n", s.disk().detail());
    }
    out.flush();
  }
}
