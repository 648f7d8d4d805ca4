package kis.engine.journal;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.persistence.AtomicWrite;
import org.apache.pekko.persistence.JournalProtocol;
import org.apache.pekko.persistence.NonPersistentRepr;
import org.apache.pekko.persistence.PersistentEnvelope;
import org.apache.pekko.persistence.PersistentRepr;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The journal's answer to one persistent actor's {@code WriteMessages}, told at most once, by
 * whichever thread settles it first: the writer once the commit holding it is durable (or failed),
 * or the deadline check once it is overdue (a late commit's confirmation is then dropped: if
 * uncertain, fail). The replies are Pekko's, in Pekko's order: {@code WriteMessagesSuccessful} (or
 * {@code WriteMessagesFailed}) first, then one reply per event and per looped message in request
 * order, each event's reply with the event's own sender. A typed persistent actor, which ignores
 * {@code WriteMessagesSuccessful}, is not sent it ({@link BatchAcks}).
 */
final class WriteAnswer {
  private final JournalProtocol.WriteMessages request;
  /** One per atomic write in request order: null = accepted, else why it was rejected. */
  private final List<Throwable> rejections;
  private final boolean holdsEvents;
  /** Whether the actor reads {@code WriteMessagesSuccessful} ({@link BatchAcks}). */
  private final boolean batchAck;
  private final ActorRef journal;
  private final long deadlineNanos;
  private final AtomicBoolean settled = new AtomicBoolean();

  /**
   * @param rejections one entry per atomic write of {@code request}, in order: null when it is
   *     written, else the reason it is rejected (it is not written)
   * @param holdsEvents whether anything of the request is written (an uncertain commit fails it)
   */
  WriteAnswer(JournalProtocol.WriteMessages request, List<Throwable> rejections, boolean holdsEvents, ActorRef journal,
      long deadlineNanos) {
    this.request = request;
    this.rejections = rejections;
    this.holdsEvents = holdsEvents;
    this.batchAck = BatchAcks.wanted(request.persistentActor());
    this.journal = journal;
    this.deadlineNanos = deadlineNanos;
  }

  /** Whether it has been answered (a commit that has not begun leaves its events out). */
  boolean settled() {
    return settled.get();
  }

  boolean holdsEvents() {
    return holdsEvents;
  }

  /** Whether its time limit has passed at {@code nowNanos}. */
  boolean overdue(long nowNanos) {
    return nowNanos - deadlineNanos >= 0;
  }

  /** Its events are durable: tells the actor so, unless it was answered before. */
  boolean confirm() {
    if (!settled.compareAndSet(false, true)) {
      return false;
    }
    tellAccepted();
    return true;
  }

  /**
   * Its events may not be durable: tells the actor each failed, unless it was answered before. A
   * request that writes nothing (looped messages, rejected events) has nothing uncertain and is
   * answered as it would have been by a good commit.
   */
  boolean fail(Throwable cause) {
    if (!settled.compareAndSet(false, true)) {
      return false;
    }
    if (!holdsEvents) {
      tellAccepted();
      return true;
    }
    ActorRef actor = request.persistentActor();
    int id = request.actorInstanceId();
    actor.tell(new JournalProtocol.WriteMessagesFailed(cause, rejections.size()), journal);
    for (PersistentEnvelope e : CollectionConverters.asJava(request.messages())) {
      if (e instanceof AtomicWrite a) {
        for (PersistentRepr p : CollectionConverters.asJava(a.payload())) {
          actor.tell(new JournalProtocol.WriteMessageFailure(p, cause, id), p.sender());
        }
      } else if (e instanceof NonPersistentRepr r) {
        actor.tell(new JournalProtocol.LoopMessageSuccess(r.payload(), id), r.sender());
      }
    }
    return true;
  }

  private void tellAccepted() {
    ActorRef actor = request.persistentActor();
    int id = request.actorInstanceId();
    if (batchAck) {
      actor.tell(JournalProtocol.WriteMessagesSuccessful$.MODULE$, journal);
    }
    int atomic = 0;
    for (PersistentEnvelope e : CollectionConverters.asJava(request.messages())) {
      if (e instanceof AtomicWrite a) {
        Throwable rejected = rejections.get(atomic++);
        for (PersistentRepr p : CollectionConverters.asJava(a.payload())) {
          actor.tell(rejected == null ? new JournalProtocol.WriteMessageSuccess(p, id)
              : new JournalProtocol.WriteMessageRejected(p, rejected, id), p.sender());
        }
      } else if (e instanceof NonPersistentRepr r) {
        actor.tell(new JournalProtocol.LoopMessageSuccess(r.payload(), id), r.sender());
      }
    }
  }
}
