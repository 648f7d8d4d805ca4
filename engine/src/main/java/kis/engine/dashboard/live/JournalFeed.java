package kis.engine.dashboard.live;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import kis.actors.agent.Agent;
import kis.journal.AgentId;
import kis.journal.Symbol;
import kis.journal.event.AgentEvent;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.query.javadsl.CurrentEventsByPersistenceIdQuery;
import org.apache.pekko.persistence.query.javadsl.EventsByPersistenceIdQuery;
import org.apache.pekko.persistence.query.journal.leveldb.javadsl.LeveldbReadJournal;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows agents' journals through Pekko Persistence Query: for each followed agent it folds the
 * journal so far into an {@link AgentJournalView}, then keeps folding new events as they are
 * written ({@code eventsByPersistenceId}, live). New events (not the history) also go to a
 * {@link Listener}, which the metrics count. A failed stream is logged and restarted on the next
 * {@link #follow}.
 */
public final class JournalFeed implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JournalFeed.class);

  /** Both queries a feed needs; LevelDB's and the persistence testkit's read journals have them. */
  public interface Queries {
    org.apache.pekko.stream.javadsl.Source<EventEnvelope, org.apache.pekko.NotUsed> current(String pid, long from);

    org.apache.pekko.stream.javadsl.Source<EventEnvelope, org.apache.pekko.NotUsed> live(String pid, long from);

    /** Over any read journal with both queries. */
    static <J extends CurrentEventsByPersistenceIdQuery & EventsByPersistenceIdQuery> Queries of(J journal) {
      return new Queries() {
        @Override
        public org.apache.pekko.stream.javadsl.Source<EventEnvelope, org.apache.pekko.NotUsed> current(String pid,
            long from) {
          return journal.currentEventsByPersistenceId(pid, from, Long.MAX_VALUE);
        }

        @Override
        public org.apache.pekko.stream.javadsl.Source<EventEnvelope, org.apache.pekko.NotUsed> live(String pid,
            long from) {
          return journal.eventsByPersistenceId(pid, from, Long.MAX_VALUE);
        }
      };
    }
  }

  /** Hears every event journaled after the feed caught up with an agent's history. */
  @FunctionalInterface
  public interface Listener {
    void onNewEvent(AgentId agent, AgentEvent event);
  }

  private final class Followed {
    final AgentJournalView view;
    volatile UniqueKillSwitch stream;
    volatile boolean caughtUp;
    volatile boolean failed;
    volatile long lastSeq;

    Followed(AgentId id) {
      this.view = new AgentJournalView(id.value());
    }
  }

  private final ActorSystem<?> system;
  private final Queries queries;
  private final Supplier<Map<Symbol, Long>> lastPrices;
  private final Listener listener;
  private final Map<AgentId, Followed> followed = new ConcurrentHashMap<>();
  private volatile boolean closed;

  public JournalFeed(ActorSystem<?> system, Queries queries, Supplier<Map<Symbol, Long>> lastPrices,
      Listener listener) {
    this.system = system;
    this.queries = queries;
    this.lastPrices = lastPrices;
    this.listener = listener;
  }

  /** The engine's LevelDB journal, if that is the configured journal. */
  public static Optional<Queries> leveldb(ActorSystem<?> system) {
    try {
      return Optional.of(Queries.of(PersistenceQuery.get(Adapter.toClassic(system))
          .getReadJournalFor(LeveldbReadJournal.class, LeveldbReadJournal.Identifier())));
    } catch (RuntimeException e) {
      LOG.warn("no LevelDB read journal; the dashboard shows no journal events: {}", e.toString());
      return Optional.empty();
    }
  }

  /** Starts following {@code agent}'s journal (its journal id) unless already following it. */
  public void follow(AgentId agent) {
    if (closed) {
      return;
    }
    Followed f = followed.compute(agent, (k, v) -> v == null || v.failed ? new Followed(k) : v);
    synchronized (f) {
      if (f.stream != null || f.failed) {
        return;
      }
      String pid = Agent.persistenceId(agent).id();
      var history = queries.current(pid, 0).viaMat(KillSwitches.single(), Keep.right())
          .toMat(Sink.foreach(env -> apply(agent, f, env, false)), Keep.both()).run(system);
      f.stream = history.first();
      history.second().whenComplete((done, failure) -> {
        if (failure != null) {
          fail(agent, f, failure);
          return;
        }
        synchronized (f) {
          if (closed) {
            return;
          }
          var live = queries.live(pid, f.lastSeq + 1).viaMat(KillSwitches.single(), Keep.right())
              .toMat(Sink.foreach(env -> apply(agent, f, env, true)), Keep.both()).run(system);
          f.stream = live.first();
          f.caughtUp = true;
          live.second().whenComplete((d, e) -> {
            if (e != null) {
              fail(agent, f, e);
            }
          });
        }
      });
    }
  }

  private void apply(AgentId agent, Followed f, EventEnvelope env, boolean isNew) {
    if (!(env.event() instanceof AgentEvent e) || env.sequenceNr() <= f.lastSeq) {
      return;
    }
    f.lastSeq = env.sequenceNr();
    f.view.apply(e, lastPrices.get());
    if (isNew) {
      try {
        listener.onNewEvent(agent, e);
      } catch (RuntimeException ex) {
        LOG.debug("journal feed listener failed", ex);
      }
    }
  }

  private void fail(AgentId agent, Followed f, Throwable e) {
    if (!closed) {
      LOG.warn("journal feed of {} failed, restarting: {}", agent, e.toString());
    }
    f.failed = true;
  }

  /** The folded view of a followed agent. */
  public Optional<AgentJournalView> view(AgentId agent) {
    return Optional.ofNullable(followed.get(agent)).map(f -> f.view);
  }

  /** Whether the agent's history has been read and new events are being followed. */
  public boolean caughtUp(AgentId agent) {
    Followed f = followed.get(agent);
    return f != null && f.caughtUp;
  }

  @Override
  public void close() {
    closed = true;
    for (Followed f : followed.values()) {
      UniqueKillSwitch k = f.stream;
      if (k != null) {
        k.shutdown();
      }
    }
  }
}
