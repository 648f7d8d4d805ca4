package kis.engine.journal;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import kis.engine.dashboard.live.JournalFeed;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.AbstractActor;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.Props;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.pattern.Patterns;
import org.apache.pekko.persistence.JournalProtocol;
import org.apache.pekko.persistence.Persistence;
import org.apache.pekko.persistence.PersistentRepr;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.Sequence;
import org.apache.pekko.stream.javadsl.Source;

/**
 * The dashboard's journal queries answered by the journal actor itself ({@code ReplayMessages},
 * the protocol recovery uses), in batches. Pekko's LevelDB read journal refuses any write journal
 * class but its own, and the engine's is {@link MarkedLeveldbJournal}; its current-events stage
 * also stalls at a batch boundary. {@code live} polls for new events every {@code refresh}.
 */
public final class JournalReplayQueries implements JournalFeed.Queries {
  private static final long BATCH = 500;

  private final ActorSystem system;
  private final ActorRef journal;
  private final Duration refresh;
  private final AtomicLong replays = new AtomicLong();

  public JournalReplayQueries(ActorSystem system, String journalPluginId, Duration refresh) {
    this.system = system;
    this.journal = Persistence.get(system).journalFor(journalPluginId, ConfigFactory.empty());
    this.refresh = refresh;
  }

  @Override
  public Source<EventEnvelope, NotUsed> current(String pid, long from) {
    return Source.unfoldAsync(Math.max(1, from), next -> replay(pid, next)
        .thenApply(batch -> batch.isEmpty() ? Optional.<Pair<Long, List<EventEnvelope>>>empty()
            : Optional.of(Pair.create(batch.get(batch.size() - 1).sequenceNr() + 1, batch))))
        .mapConcat(b -> b);
  }

  @Override
  public Source<EventEnvelope, NotUsed> live(String pid, long from) {
    return Source.unfoldAsync(Math.max(1, from), next -> replay(pid, next).thenCompose(batch -> {
      if (!batch.isEmpty()) {
        return CompletableFuture.completedFuture(
            Optional.of(Pair.create(batch.get(batch.size() - 1).sequenceNr() + 1, batch)));
      }
      return Patterns.after(refresh, system, () -> CompletableFuture.completedFuture(
          Optional.of(Pair.create(next, List.<EventEnvelope>of()))));
    })).mapConcat(b -> b);
  }

  /** Up to {@value #BATCH} events of {@code pid} from {@code from}. */
  CompletionStage<List<EventEnvelope>> replay(String pid, long from) {
    CompletableFuture<List<EventEnvelope>> done = new CompletableFuture<>();
    // A system actor: the engine's typed guardian allows no top-level user actors from outside.
    ActorRef collector = ((ExtendedActorSystem) system).systemActorOf(
        Props.create(Collector.class, () -> new Collector(done)), "journal-replay-" + replays.incrementAndGet());
    journal.tell(new JournalProtocol.ReplayMessages(from, Long.MAX_VALUE, BATCH, pid, collector), ActorRef.noSender());
    return done;
  }

  /** Collects one replay's events until the journal says it is done. */
  static final class Collector extends AbstractActor {
    private final CompletableFuture<List<EventEnvelope>> done;
    private final List<EventEnvelope> events = new ArrayList<>();

    Collector(CompletableFuture<List<EventEnvelope>> done) {
      this.done = done;
    }

    @Override
    public Receive createReceive() {
      return receiveBuilder()
          .match(JournalProtocol.ReplayedMessage.class, m -> {
            PersistentRepr p = m.persistent();
            events.add(new EventEnvelope(Sequence.apply(p.sequenceNr()), p.persistenceId(), p.sequenceNr(), p.payload(),
                p.timestamp()));
          })
          .match(JournalProtocol.RecoverySuccess.class, m -> finish(null))
          .match(JournalProtocol.ReplayMessagesFailure.class, m -> finish(m.cause()))
          .build();
    }

    private void finish(Throwable failure) {
      if (failure == null) {
        done.complete(List.copyOf(events));
      } else {
        done.completeExceptionally(failure);
      }
      getContext().stop(getSelf());
    }
  }
}
