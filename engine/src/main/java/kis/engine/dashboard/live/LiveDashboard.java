package kis.engine.dashboard.live;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import kis.journal.calendar.SessionSchedule;
import kis.actors.live.LiveEngine;
import kis.connector.KisConfig;
import kis.engine.dashboard.ControlToken;
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
  private final DashboardStack stack;

  private LiveDashboard(LiveDashboardPorts ports, DashboardStack stack) {
    this.ports = ports;
    this.stack = stack;
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
    int tail = JournalFeed.tail(config);
    JournalFeed journal = JournalFeed.leveldb(system)
        .map(q -> new JournalFeed(system, q, market::lastPrices, metrics, clock, tail))
        .orElseGet(() -> new JournalFeed(system, emptyJournal(), Map::of, metrics));
    LiveDashboardPorts ports = new LiveDashboardPorts(system, engine, schedule, clock,
        Optional.of(new LiveDashboardPorts.Feeds(journal, market, metrics, DashboardStack.restCallsPerSecond(kis))));
    return new LiveDashboard(ports,
        DashboardStack.start(config, system, ports, journal, metrics, token, clock, dataDir));
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

  /** {@code http://host:port} of the dashboard. */
  public String baseUrl() {
    return stack.baseUrl();
  }

  /** The engine view and control the dashboard serves. */
  public LiveDashboardPorts ports() {
    return ports;
  }

  @Override
  public void close() {
    stack.close();
  }
}
