package kis.engine.dashboard.live;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import kis.actors.agent.JournalWrites;
import kis.actors.agent.SessionSchedule;
import kis.actors.live.LiveEngine;
import kis.connector.KisConfig;
import kis.engine.dashboard.AlertSettings;
import kis.engine.dashboard.ControlAudit;
import kis.engine.dashboard.ControlToken;
import kis.engine.dashboard.Dashboard;
import kis.engine.dashboard.DashboardServer;
import kis.engine.dashboard.DashboardSettings;
import kis.engine.live.LiveDashboardPorts;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * The dashboard over a running {@link LiveEngine}: its ports with the journal feed, the market
 * watch and the metrics hooks, the HTTP server and the alert monitor, started together and closed
 * together. {@code run} starts one; so does the browser test.
 *
 * <p>The REST client's listener must be set by whoever creates the connector
 * ({@code connector.rest().listen(metrics)}); the agents' journal timings are hooked here.
 */
public final class LiveDashboard implements AutoCloseable {
  private final LiveDashboardPorts ports;
  private final JournalFeed journal;
  private final DashboardServer server;
  private final ActorSystem<?> system;

  private LiveDashboard(ActorSystem<?> system, LiveDashboardPorts ports, JournalFeed journal, DashboardServer server) {
    this.system = system;
    this.ports = ports;
    this.journal = journal;
    this.server = server;
  }

  /**
   * Starts the dashboard and waits (up to 10 s) for it to bind.
   *
   * @param config the engine's configuration ({@code kis.dashboard}, {@code kis.alerts})
   * @param kis the KIS configuration, for the REST pacing shown next to the calls made
   * @param metrics the engine's metrics, already listening to the REST client
   * @param token the control token
   */
  public static LiveDashboard start(Config config, ActorSystem<?> system, LiveEngine.Handles engine,
      SessionSchedule schedule, Clock clock, Path dataDir, KisConfig kis, LiveMetrics metrics, ControlToken token)
      throws Exception {
    MarketWatch market = new MarketWatch(system, engine.supervisor(), clock, "dashboard-market-watch");
    int tail = config.hasPath("kis.dashboard.journal-tail") ? config.getInt("kis.dashboard.journal-tail")
        : JournalFeed.DEFAULT_TAIL;
    JournalFeed journal = JournalFeed.leveldb(system)
        .map(q -> new JournalFeed(system, q, market::lastPrices, metrics, clock, tail))
        .orElseGet(() -> new JournalFeed(system, emptyJournal(), Map::of, metrics));
    JournalWrites.get(system).listen(metrics);
    LiveDashboardPorts ports = new LiveDashboardPorts(system, engine, schedule, clock,
        Optional.of(new LiveDashboardPorts.Feeds(journal, market, metrics, perSecond(kis))));
    try {
      Dashboard d = new Dashboard(ports, ports, token, metrics.metrics(),
          new ControlAudit(clock, dataDir.resolve("control-audit.jsonl")));
      AlertSettings alerts = AlertSettings.fromConfig(config);
      DashboardServer server = DashboardServer.start(system, DashboardSettings.fromConfig(config), d,
          alerts.monitor(clock), alerts.checkEvery()).toCompletableFuture().get(10, TimeUnit.SECONDS);
      return new LiveDashboard(system, ports, journal, server);
    } catch (Exception e) {
      ports.close();
      journal.close();
      JournalWrites.get(system).listen(null);
      throw e;
    }
  }

  private static JournalFeed.Queries emptyJournal() {
    return new JournalFeed.Queries() {
      @Override
      public org.apache.pekko.stream.javadsl.Source<org.apache.pekko.persistence.query.EventEnvelope,
          org.apache.pekko.NotUsed> current(String pid, long from) {
        return org.apache.pekko.stream.javadsl.Source.empty();
      }

      @Override
      public org.apache.pekko.stream.javadsl.Source<org.apache.pekko.persistence.query.EventEnvelope,
          org.apache.pekko.NotUsed> live(String pid, long from) {
        return org.apache.pekko.stream.javadsl.Source.never();
      }
    };
  }

  /** REST requests per second the account's limiter allows. */
  static int perSecond(KisConfig kis) {
    long windowMillis = Math.max(1, kis.rateWindow().toMillis());
    return (int) Math.max(1, kis.requestsPerWindow() * Duration.ofSeconds(1).toMillis() / windowMillis);
  }

  /** {@code http://host:port} of the dashboard. */
  public String baseUrl() {
    return server.baseUrl();
  }

  /** The engine view and control the dashboard serves. */
  public LiveDashboardPorts ports() {
    return ports;
  }

  @Override
  public void close() {
    ports.close();
    journal.close();
    server.close();
    JournalWrites.get(system).listen(null);
  }
}
