package kis.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * What a user sees of LIVE: the dashboard's {@code GET /api/overview} on 127.0.0.1 (the header's
 * {@code websocket LIVE} pill and every agent {@code RUNNING}), polled every 100 ms within a bound.
 * The dashboard reads the agents' books once a second, so it shows LIVE up to about a second after
 * the engine is; the figure is the console's moment ({@link RestartMarks}), this is its check.
 */
final class DashboardLive {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private DashboardLive() {}

  /** Whether the overview shows the websocket LIVE and at least {@code agents} agents, each RUNNING. */
  static boolean live(String overviewJson, int agents) throws IOException {
    JsonNode root = JSON.readTree(overviewJson);
    if (!"LIVE".equals(root.path("connection").path("websocket").path("state").asText())) {
      return false;
    }
    JsonNode rows = root.path("agents");
    if (!rows.isArray() || rows.size() < agents) {
      return false;
    }
    for (JsonNode row : rows) {
      if (!"RUNNING".equals(row.path("state").asText())) {
        return false;
      }
    }
    return true;
  }

  /**
   * Polls until the overview shows LIVE; returns the child's elapsed nanoseconds at that answer, or
   * -1 if it did not within {@code bound}.
   */
  static long await(EngineChild engine, int agents, Duration bound) throws InterruptedException {
    long deadline = System.nanoTime() + bound.toNanos();
    while (System.nanoTime() < deadline) {
      int port = engine.dashboardPort();
      if (port == 0) {
        return -1; // kis.dashboard.enabled = false: nothing to ask
      }
      if (port > 0) {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/overview"))
            .timeout(Duration.ofSeconds(2)).GET().build();
        try {
          HttpResponse<String> r = HTTP.send(req, HttpResponse.BodyHandlers.ofString());
          if (r.statusCode() == 200 && live(r.body(), agents)) {
            return engine.elapsed();
          }
        } catch (IOException e) {
          // not answering yet (or a read cut short): the next poll asks again, within the bound
        }
      }
      Thread.sleep(100);
    }
    return -1;
  }
}
