package kis.cluster.migrate;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import kis.journal.event.AgentEvent;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.query.javadsl.CurrentEventsByPersistenceIdQuery;
import org.apache.pekko.persistence.query.javadsl.CurrentPersistenceIdsQuery;
import org.apache.pekko.persistence.query.javadsl.ReadJournal;
import org.apache.pekko.stream.javadsl.Sink;

/** An agent's events as a read journal (LevelDB or JDBC) holds them now, in sequence order. */
public final class JournalEvents {
  /** The JDBC read journal's plugin id. */
  public static final String JDBC = "jdbc-read-journal";
  /** The LevelDB read journal's plugin id. */
  public static final String LEVELDB = "pekko.persistence.query.journal.leveldb";

  private JournalEvents() {}

  /** Every event of {@code persistenceId} in {@code readJournal}, waiting at most {@code max}. */
  public static List<AgentEvent> read(ActorSystem<?> system, String readJournal, String persistenceId, Duration max)
      throws Exception {
    CurrentEventsByPersistenceIdQuery q = PersistenceQuery.get(system)
        .getReadJournalFor(CurrentEventsByPersistenceIdQuery.class, readJournal);
    return q.currentEventsByPersistenceId(persistenceId, 0L, Long.MAX_VALUE)
        .map(EventEnvelope::event)
        .map(e -> (AgentEvent) e)
        .runWith(Sink.seq(), system)
        .toCompletableFuture().get(max.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Every event of {@code persistenceId} in {@code readJournal}, of whatever kind, waiting at most {@code max}. */
  public static List<Object> readAny(ActorSystem<?> system, String readJournal, String persistenceId, Duration max)
      throws Exception {
    CurrentEventsByPersistenceIdQuery q = PersistenceQuery.get(system)
        .getReadJournalFor(CurrentEventsByPersistenceIdQuery.class, readJournal);
    return q.currentEventsByPersistenceId(persistenceId, 0L, Long.MAX_VALUE)
        .map(EventEnvelope::event)
        .runWith(Sink.seq(), system)
        .toCompletableFuture().get(max.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Every persistence id in {@code readJournal}. */
  public static List<String> persistenceIds(ActorSystem<?> system, String readJournal, Duration max)
      throws Exception {
    ReadJournal j = PersistenceQuery.get(system).getReadJournalFor(CurrentPersistenceIdsQuery.class, readJournal);
    return ((CurrentPersistenceIdsQuery) j).currentPersistenceIds().runWith(Sink.seq(), system)
        .toCompletableFuture().get(max.toMillis(), TimeUnit.MILLISECONDS);
  }
}
