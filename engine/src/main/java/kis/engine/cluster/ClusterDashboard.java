package kis.engine.cluster;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import kis.journal.calendar.SessionSchedule;
import kis.cluster.ClusterEngine;
import kis.connector.KisConfig;
import kis.engine.dashboard.ControlToken;
import kis.engine.dashboard.live.DashboardStack;
import kis.engine.dashboard.live.JournalFeed;
import kis.engine.dashboard.live.LiveMetrics;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.PersistenceQuery;

/**
 * The dashboard of one cluster node ({@code run --profile cluster}): the same page, API, control
 * token, alerts and {@code /metrics} as without the profile ({@code kis.dashboard}, {@code kis.alerts}
 * settings), over {@link ClusterDashboardPorts}, so every node shows the whole cluster and its
 * controls reach agents and the account wherever they run. Journals are read from PostgreSQL
 * through the JDBC read journal ({@code jdbc-read-journal}).
 *
 * <p>The REST client's listener must be set by whoever creates the connector
 * ({@code connector.rest().listen(metrics)}); the journal timings of this node's agents are hooked here.
 */
public final class ClusterDashboard implements AutoCloseable {
  private final ClusterDashboardPorts ports;
  private final DashboardStack stack;

  private ClusterDashboard(ClusterDashboardPorts ports, DashboardStack stack) {
    this.ports = ports;
    this.stack = stack;
  }

  /**
   * Starts the node's dashboard and waits (up to 10 s) for it to bind.
   *
   * @param config the engine's configuration ({@code kis.dashboard}, {@code kis.alerts})
   * @param kis the KIS configuration, for the REST pacing shown next to the calls made
   * @param metrics the node's metrics, already listening to its REST client
   * @param token the control token
   */
  public static ClusterDashboard start(Config config, ActorSystem<?> system, ClusterEngine.Handles cluster,
      SessionSchedule schedule, Clock clock, Path dataDir, KisConfig kis, LiveMetrics metrics, ControlToken token)
      throws Exception {
    JournalFeed.Queries queries = JournalFeed.Queries.of(PersistenceQuery.get(Adapter.toClassic(system))
        .getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier()));
    AtomicReference<ClusterDashboardPorts> marks = new AtomicReference<>();
    // The same clock and tail as the single-node dashboard: "today" and kis.dashboard.journal-tail.
    JournalFeed journal = new JournalFeed(system, queries,
        () -> marks.get() == null ? Map.of() : marks.get().marks(), metrics, clock, JournalFeed.tail(config));
    ClusterDashboardPorts ports = new ClusterDashboardPorts(system, cluster, schedule, clock,
        new ClusterDashboardPorts.Feeds(Optional.of(journal), Optional.of(metrics),
            DashboardStack.restCallsPerSecond(kis)));
    marks.set(ports);
    return new ClusterDashboard(ports,
        DashboardStack.start(config, system, ports, journal, metrics, token, clock, dataDir));
  }

  /** {@code http://host:port} of the dashboard. */
  public String baseUrl() {
    return stack.baseUrl();
  }

  /** The engine view and control the dashboard serves. */
  public ClusterDashboardPorts ports() {
    return ports;
  }

  @Override
  public void close() {
    stack.close();
  }
}
