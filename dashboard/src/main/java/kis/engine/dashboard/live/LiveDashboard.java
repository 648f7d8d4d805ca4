package kis.engine.dashboard.live;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import kis.actors.agent.AgentConfig;
import kis.journal.calendar.SessionSchedule;
import kis.actors.handle.EngineHandle;
import kis.actors.handle.LocalEngineHandle;
import kis.actors.live.LiveEngine;
import kis.cluster.ClusterEngine;
import kis.cluster.ClusterEngineHandle;
import kis.connector.KisConfig;
import kis.engine.dashboard.ControlToken;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.PersistenceQuery;

/**
 * The dashboard over a running engine, in either profile: one {@link EnginePorts} over the
 * engine's {@link EngineHandle}, the journal feed, the metrics hooks, the HTTP server and the alert
 * monitor ({@link DashboardStack}), started together and closed together. The profiles differ only
 * in where the journals are read ({@link #start}: the LevelDB journal the engine hands over, plus the dashboard's own
 * market-data subscription; {@link #startCluster}: PostgreSQL through the JDBC read journal, every
 * node showing the whole cluster) and in the handle.
 *
 * <p>The REST client's listener must be set by whoever creates the connector
 * ({@code connector.rest().listen(metrics)}); the agents' journal timings are hooked here.
 */
public final class LiveDashboard implements AutoCloseable {
  private final EnginePorts ports;
  private final DashboardStack stack;

  private LiveDashboard(EnginePorts ports, DashboardStack stack) {
    this.ports = ports;
    this.stack = stack;
  }

  /**
   * The dashboard of {@code run}: over a single node's {@link LiveEngine}. Waits (up to 10 s) for it to bind.
   *
   * @param queries the engine's journal as the dashboard reads it ({@code kis.engine.journal.DashboardJournal});
   *     empty: no journal lines, fills or P&amp;L series
   * @param config the engine's configuration ({@code kis.dashboard}, {@code kis.alerts})
   * @param kis the KIS configuration, for the REST pacing shown next to the calls made
   * @param metrics the engine's metrics, already listening to the REST client
   * @param token the control token
   */
  public static LiveDashboard start(Config config, ActorSystem<?> system, LiveEngine.Handles engine,
      Optional<JournalFeed.Queries> queries, SessionSchedule schedule, Clock clock, Path dataDir, KisConfig kis,
      LiveMetrics metrics, ControlToken token) throws Exception {
    MarketWatch market = new MarketWatch(system, engine.supervisor(), clock, "dashboard-market-watch");
    return start(config, system, queries.orElseGet(LiveDashboard::emptyJournal), Optional.of(market),
        feed -> new LocalEngineHandle(system, engine, clock), engine.agents(), schedule, clock, dataDir, kis,
        metrics, token);
  }

  /**
   * The dashboard of one node of {@code run --profile cluster}: the whole cluster, its controls
   * reaching agents and the account wherever they run. Waits (up to 10 s) for it to bind.
   */
  public static LiveDashboard startCluster(Config config, ActorSystem<?> system, ClusterEngine.Handles cluster,
      SessionSchedule schedule, Clock clock, Path dataDir, KisConfig kis, LiveMetrics metrics, ControlToken token)
      throws Exception {
    JournalFeed.Queries queries = JournalFeed.Queries.of(PersistenceQuery.get(Adapter.toClassic(system))
        .getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier()));
    // The entities are asked for their books only when the read journal shows them moved.
    return start(config, system, queries, Optional.empty(),
        feed -> new ClusterEngineHandle(system, cluster, Optional.of(feed::lastSequenceNr)), cluster.agents(),
        schedule, clock, dataDir, kis, metrics, token);
  }

  private static LiveDashboard start(Config config, ActorSystem<?> system, JournalFeed.Queries queries,
      Optional<MarketWatch> market, Function<JournalFeed, EngineHandle> handle, List<AgentConfig> agents,
      SessionSchedule schedule, Clock clock, Path dataDir, KisConfig kis, LiveMetrics metrics, ControlToken token)
      throws Exception {
    AtomicReference<EnginePorts> marks = new AtomicReference<>();
    // "Today" and kis.dashboard.journal-tail, the same in both profiles.
    JournalFeed journal = new JournalFeed(system, queries,
        () -> marks.get() == null ? Map.of() : marks.get().marks(), metrics, clock, JournalFeed.tail(config));
    EnginePorts ports = new EnginePorts(system, handle.apply(journal), agents, schedule, clock,
        new EnginePorts.Feeds(Optional.of(journal), market, Optional.of(metrics), DashboardStack.restCallsPerSecond(kis)));
    marks.set(ports);
    return new LiveDashboard(ports, DashboardStack.start(config, system, ports, journal, metrics, token, clock, dataDir));
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
  public EnginePorts ports() {
    return ports;
  }

  @Override
  public void close() {
    stack.close();
  }
}
