package kis.engine.dashboard.live;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import kis.actors.agent.JournalWrites;
import kis.connector.KisConfig;
import kis.engine.dashboard.AlertSettings;
import kis.engine.dashboard.ControlAudit;
import kis.engine.dashboard.ControlToken;
import kis.engine.dashboard.Dashboard;
import kis.engine.dashboard.DashboardServer;
import kis.engine.dashboard.DashboardSettings;
import kis.engine.dashboard.EngineControl;
import kis.engine.dashboard.EngineView;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * What every profile's dashboard runs around its ports: the control audit, the HTTP server with
 * its alert monitor ({@code kis.dashboard}, {@code kis.alerts}), the agents' journal timings
 * hooked to the metrics; started together and closed together with the ports and the journal
 * feed. {@code run} ({@link LiveDashboard}) and {@code run --profile cluster} both start one, so
 * the two dashboards differ only in their ports.
 */
public final class DashboardStack implements AutoCloseable {
  /** The ports a dashboard serves: what it shows, what its controls do, and their background refresh. */
  public interface Ports extends EngineView, EngineControl, AutoCloseable {
    @Override
    void close();
  }

  private final ActorSystem<?> system;
  private final Ports ports;
  private final JournalFeed journal;
  private final DashboardServer server;

  private DashboardStack(ActorSystem<?> system, Ports ports, JournalFeed journal, DashboardServer server) {
    this.system = system;
    this.ports = ports;
    this.journal = journal;
    this.server = server;
  }

  /**
   * Starts the server over {@code ports} and waits (up to 10 s) for it to bind. Owns the ports and
   * the journal feed from here on: closes them if the start fails, and on {@link #close()}.
   *
   * @param config the engine's configuration ({@code kis.dashboard}, {@code kis.alerts})
   * @param metrics the engine's metrics, already listening to the REST client
   * @param dataDir where the control audit ({@code control-audit.jsonl}) is written
   */
  public static DashboardStack start(Config config, ActorSystem<?> system, Ports ports, JournalFeed journal,
      LiveMetrics metrics, ControlToken token, Clock clock, Path dataDir) throws Exception {
    JournalWrites.get(system).listen(metrics);
    try {
      Dashboard d = new Dashboard(ports, ports, token, metrics.metrics(),
          new ControlAudit(clock, dataDir.resolve("control-audit.jsonl")));
      AlertSettings alerts = AlertSettings.fromConfig(config);
      DashboardServer server = DashboardServer.start(system, DashboardSettings.fromConfig(config), d,
          alerts.monitor(clock), alerts.checkEvery()).toCompletableFuture().get(10, TimeUnit.SECONDS);
      return new DashboardStack(system, ports, journal, server);
    } catch (Exception e) {
      ports.close();
      journal.close();
      JournalWrites.get(system).listen(null);
      throw e;
    }
  }

  /** REST requests per second the account's limiter allows, shown next to the calls made. */
  public static int restCallsPerSecond(KisConfig kis) {
    long windowMillis = Math.max(1, kis.rateWindow().toMillis());
    return (int) Math.max(1, kis.requestsPerWindow() * Duration.ofSeconds(1).toMillis() / windowMillis);
  }

  /** {@code http://host:port} of the dashboard. */
  public String baseUrl() {
    return server.baseUrl();
  }

  @Override
  public void close() {
    ports.close();
    journal.close();
    server.close();
    JournalWrites.get(system).listen(null);
  }
}
