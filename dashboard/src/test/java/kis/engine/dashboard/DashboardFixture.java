package kis.engine.dashboard;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * A dashboard on 127.0.0.1 (ephemeral port) over any {@link EngineView} and {@link EngineControl}:
 * the fakes here, the real engine when the lead wires it.
 */
final class DashboardFixture implements AutoCloseable {
  static final String TOKEN = "test-token-0123456789abcdef";

  final ActorSystem<Void> system;
  final DashboardServer server;
  final ControlAudit audit;
  final EngineMetrics metrics = new EngineMetrics();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  DashboardFixture(EngineView view, EngineControl control, Path auditFile) throws Exception {
    this(view, control, auditFile, false);
  }

  DashboardFixture(EngineView view, EngineControl control, Path auditFile, boolean tokenForReads) throws Exception {
    system = ActorSystem.create(Behaviors.empty(), "dashboard-test");
    audit = new ControlAudit(Clock.systemUTC(), auditFile);
    Dashboard d = new Dashboard(view, control, ControlToken.of(TOKEN), metrics, audit);
    server = DashboardServer.start(system, new DashboardSettings("127.0.0.1", 0, Duration.ofMillis(200), tokenForReads), d)
        .toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  String url(String path) {
    return server.baseUrl() + path;
  }

  HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String path, String token) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(10))
        .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(10))
        .header("X-Operator", "kim").POST(HttpRequest.BodyPublishers.noBody());
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A control POST with exactly these headers (besides the client's own). */
  HttpResponse<String> postWith(String path, java.util.Map<String, String> headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(10))
        .POST(HttpRequest.BodyPublishers.noBody());
    headers.forEach(b::header);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** {@code host:port} as a browser on this dashboard would send it in {@code Host}. */
  String hostPort() {
    return "127.0.0.1:" + server.address().getPort();
  }

  @Override
  public void close() {
    server.close();
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("actor system did not stop", e);
    }
  }
}
