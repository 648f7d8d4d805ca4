package kis.engine.journal;

import java.util.Optional;
import kis.engine.dashboard.live.JournalFeed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.query.journal.leveldb.javadsl.LeveldbReadJournal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a single node's dashboard reads the agents' journals: the engine's own LevelDB journal
 * (its {@link MarkedLeveldbJournal}, read through {@link JournalReplayQueries}) or Pekko's LevelDB
 * read journal, with the snapshot store. Here, not in the dashboard module, because it knows the
 * engine's journal plugin.
 */
public final class DashboardJournal {
  private static final Logger LOG = LoggerFactory.getLogger(DashboardJournal.class);

  private DashboardJournal() {}

  /** The engine's LevelDB journal (and its snapshot store), if that is the configured journal. */
  public static Optional<JournalFeed.Queries> of(ActorSystem<?> system) {
    String plugin = system.settings().config().getString("pekko.persistence.journal.plugin");
    if (JournalPlugin.isEngineJournal(system.settings().config().getString(plugin + ".class"))) {
      // Pekko's LevelDB read journal accepts no write journal class but its own.
      return Optional.of(JournalFeed.withSnapshots(new JournalReplayQueries(Adapter.toClassic(system), plugin,
          java.time.Duration.ofSeconds(1)), system));
    }
    try {
      JournalFeed.Queries q = JournalFeed.Queries.of(PersistenceQuery.get(Adapter.toClassic(system))
          .getReadJournalFor(LeveldbReadJournal.class, LeveldbReadJournal.Identifier()));
      return Optional.of(JournalFeed.withSnapshots(q, system));
    } catch (RuntimeException e) {
      LOG.warn("no LevelDB read journal; the dashboard shows no journal events: {}", e.toString());
      return Optional.empty();
    }
  }

}
