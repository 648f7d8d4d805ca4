package kis.engine.dashboard.live;

import com.typesafe.config.Config;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import kis.journal.state.AgentState;
import org.apache.pekko.pattern.Patterns;
import org.apache.pekko.persistence.Persistence;
import org.apache.pekko.persistence.SnapshotProtocol;
import org.apache.pekko.persistence.SnapshotSelectionCriteria;
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
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows agents' journals through Pekko Persistence Query: for each followed agent it folds the
 * recent part of its journal into an {@link AgentJournalView}, then keeps folding new events as
 * they are written ({@code eventsByPersistenceId}, live). New events (not the history) also go to
 * a {@link Listener}, which the metrics count. A failed stream is logged and restarted on the next
 * {@link #follow}.
 *
 * <p>What is read at the start, found once per agent by probing single events: the view shows
 * the last {@code tail} events and today's (Seoul) fills and P&L, so it reads from whichever of
 * the two starts first. The books before that point (positions and realized P&L at the day's
 * start) come from the agent's newest snapshot at or before it, folded forward without view work;
 * only when no snapshot is that old are they folded from the journal's start.
 */
public final class JournalFeed implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JournalFeed.class);

  /** Both queries a feed needs; LevelDB's and the persistence testkit's read journals have them. */
  public interface Queries {
    org.apache.pekko.stream.javadsl.Source<EventEnvelope, org.apache.pekko.NotUsed> current(String pid, long from);

    org.apache.pekko.stream.javadsl.Source<EventEnvelope, org.apache.pekko.NotUsed> live(String pid, long from);

    /** The agent's newest snapshot with a sequence number at most {@code maxSeq}; none by default. */
    default CompletionStage<Optional<Snapshot>> snapshotAtMost(String pid, long maxSeq) {
      return CompletableFuture.completedFuture(Optional.empty());
    }

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

  /** An agent's books as a snapshot holds them, after event {@code sequenceNr}. */
  public record Snapshot(long sequenceNr, AgentState state) {}

  /**
   * Where reading an agent's journal starts.
   *
   * @param readFrom the first event read
   * @param viewFrom events before it only move the books ({@link AgentJournalView#foldOnly})
   * @param seed the books before {@code readFrom}, from a snapshot
   */
  record Plan(long readFrom, long viewFrom, Optional<AgentState> seed) {}

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
    volatile boolean starting;
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
  private final Clock clock;
  private final int tail;
  private volatile boolean closed;

  /** Today by the system clock, the latest {@value #DEFAULT_TAIL} events. */
  public JournalFeed(ActorSystem<?> system, Queries queries, Supplier<Map<Symbol, Long>> lastPrices,
      Listener listener) {
    this(system, queries, lastPrices, listener, Clock.systemUTC(), DEFAULT_TAIL);
  }

  /**
   * @param clock whose Seoul date is "today" for the fills and P&L read at the start
   * @param tail the latest events read at the start for the view's journal lines (at least 1)
   */
  public JournalFeed(ActorSystem<?> system, Queries queries, Supplier<Map<Symbol, Long>> lastPrices,
      Listener listener, Clock clock, int tail) {
    this.system = system;
    this.queries = queries;
    this.lastPrices = lastPrices;
    this.listener = listener;
    this.clock = clock;
    this.tail = Math.max(1, tail);
  }

  /** The view's journal lines: as many as it keeps. */
  public static final int DEFAULT_TAIL = AgentJournalView.EVENTS_KEPT;

  /** The journal events read per agent at start: {@code kis.dashboard.journal-tail}, or {@link #DEFAULT_TAIL}. */
  public static int tail(Config config) {
    return config.hasPath("kis.dashboard.journal-tail") ? config.getInt("kis.dashboard.journal-tail") : DEFAULT_TAIL;
  }

  /** {@code q} with the system's default snapshot store for {@link Queries#snapshotAtMost}. */
  public static Queries withSnapshots(Queries q, ActorSystem<?> system) {
    return new Queries() {
      @Override
      public org.apache.pekko.stream.javadsl.Source<EventEnvelope, org.apache.pekko.NotUsed> current(String pid,
          long from) {
        return q.current(pid, from);
      }

      @Override
      public org.apache.pekko.stream.javadsl.Source<EventEnvelope, org.apache.pekko.NotUsed> live(String pid,
          long from) {
        return q.live(pid, from);
      }

      @Override
      public CompletionStage<Optional<Snapshot>> snapshotAtMost(String pid, long maxSeq) {
        org.apache.pekko.actor.ActorRef store = Persistence.get(Adapter.toClassic(system))
            .snapshotStoreFor("", com.typesafe.config.ConfigFactory.empty());
        SnapshotSelectionCriteria criteria = SnapshotSelectionCriteria.create(maxSeq, Long.MAX_VALUE);
        return Patterns.ask(store, new SnapshotProtocol.LoadSnapshot(pid, criteria, Long.MAX_VALUE),
            Duration.ofSeconds(10)).thenApply(reply -> {
              if (reply instanceof SnapshotProtocol.LoadSnapshotResult r && r.snapshot().isDefined()
                  && r.snapshot().get().snapshot() instanceof AgentState st) {
                return Optional.of(new Snapshot(r.snapshot().get().metadata().sequenceNr(), st));
              }
              return Optional.<Snapshot>empty();
            });
      }
    };
  }

  /** Starts following {@code agent}'s journal (its journal id) unless already following it. */
  public void follow(AgentId agent) {
    if (closed) {
      return;
    }
    Followed f = followed.compute(agent, (k, v) -> v == null || v.failed ? new Followed(k) : v);
    synchronized (f) {
      if (f.stream != null || f.failed || f.starting) {
        return;
      }
      f.starting = true;
    }
    String pid = Agent.persistenceId(agent).id();
    plan(pid).whenComplete((plan, failure) -> {
      if (failure != null) {
        fail(agent, f, failure);
      } else {
        start(agent, f, pid, plan);
      }
    });
  }

  private void start(AgentId agent, Followed f, String pid, Plan plan) {
    synchronized (f) {
      if (closed || f.failed) {
        return;
      }
      plan.seed().ifPresent(f.view::seed);
      f.lastSeq = plan.readFrom() - 1;
      var history = queries.current(pid, plan.readFrom()).viaMat(KillSwitches.single(), Keep.right())
          .toMat(Sink.foreach(env -> {
            if (env.sequenceNr() < plan.viewFrom() && env.event() instanceof AgentEvent e
                && env.sequenceNr() > f.lastSeq) {
              f.lastSeq = env.sequenceNr();
              f.view.foldOnly(e);
            } else {
              apply(agent, f, env, false);
            }
          }), Keep.both()).run(system);
      f.stream = history.first();
      history.second().whenComplete((done, failure) -> {
        if (failure != null) {
          fail(agent, f, failure);
          return;
        }
        synchronized (f) {
          if (closed || f.failed) {
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

  /**
   * Where to start reading {@code pid}: the journal's end, the first event of today (Seoul) and
   * the newest snapshot before the view's part, each found once by reading single events.
   */
  CompletionStage<Plan> plan(String pid) {
    LocalDate today = clock.instant().atZone(AgentJournalView.KST).toLocalDate();
    Instant dayStart = today.atStartOfDay(AgentJournalView.KST).toInstant();
    return JournalProbe.highest(system, queries, pid).thenCompose(highest -> {
      if (highest == 0) {
        return CompletableFuture.completedFuture(new Plan(1, 1, Optional.empty()));
      }
      long tailStart = Math.max(1, highest - tail + 1);
      return JournalProbe.firstAtOrAfter(system, queries, pid, dayStart, highest).thenCompose(dayFirst -> {
        long viewFrom = Math.min(tailStart, dayFirst);
        if (viewFrom <= 1) {
          return CompletableFuture.completedFuture(new Plan(1, 1, Optional.empty()));
        }
        return queries.snapshotAtMost(pid, viewFrom - 1).exceptionally(e -> Optional.empty())
            .thenApply(snap -> snap.map(sn -> new Plan(sn.sequenceNr() + 1, viewFrom, Optional.of(sn.state())))
                .orElse(new Plan(1, viewFrom, Optional.empty())));
      });
    });
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

  /** Stops following {@code agent}'s journal (a fresh start left it behind); its view goes. */
  public void unfollow(AgentId agent) {
    Followed f = followed.remove(agent);
    if (f != null) {
      synchronized (f) {
        f.failed = true; // a stream still starting stops at its next step
        UniqueKillSwitch k = f.stream;
        if (k != null) {
          k.shutdown();
        }
      }
    }
  }

  /** The folded view of a followed agent. */
  public Optional<AgentJournalView> view(AgentId agent) {
    return Optional.ofNullable(followed.get(agent)).map(f -> f.view);
  }

  /**
   * The highest sequence number read so far from {@code agent}'s journal (0 for an empty one), or
   * -1 if it is not followed (yet, or its stream failed): how far the journal has moved, without
   * asking the agent.
   */
  public long lastSequenceNr(AgentId agent) {
    Followed f = followed.get(agent);
    return f == null || f.failed ? -1 : f.lastSeq;
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
