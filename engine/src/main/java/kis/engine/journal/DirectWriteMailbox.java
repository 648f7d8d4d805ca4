package kis.engine.journal;

import com.typesafe.config.Config;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.dispatch.Envelope;
import org.apache.pekko.dispatch.MailboxType;
import org.apache.pekko.dispatch.MessageQueue;
import org.apache.pekko.dispatch.UnboundedMailbox;
import org.apache.pekko.persistence.JournalProtocol;
import scala.Option;

/**
 * The group-commit journal actor's mailbox: a write request is handed to the journal's writer on
 * the persisting agent's own thread, as it is sent, instead of queuing for the journal actor's
 * thread to wake, take it and hand it on (issue 17: a thread wake-up per write on 2 cores, and the
 * journal actor's cold caches, were a large part of an agent's write cycle). Every other message
 * (reads, deletes, subscriptions, and every message while no journal {@link #takeWrites takes}
 * writes: before it started, after it stopped, or another journal class) queues as in Pekko's
 * unbounded mailbox. An agent has one write in flight, so a write taken directly never overtakes one
 * of its own still queued; a read or a delete waits for the writes submitted before it
 * ({@link GroupCommitLeveldbJournal}'s barrier), whichever way they came.
 *
 * <p>Configured as the {@code mailbox-type} of the journal's plugin dispatcher
 * ({@code pekko.persistence.dispatchers.kis-journal-dispatcher} in conf/application.conf).
 */
public final class DirectWriteMailbox implements MailboxType {
  /** Takes a write request on the sender's thread; false leaves it to the mailbox. */
  @FunctionalInterface
  interface Writes {
    boolean take(JournalProtocol.WriteMessages request);
  }

  /** Pekko's unbounded queue, with writes handed on directly while a journal takes them. */
  static final class Queue extends UnboundedMailbox.MessageQueue {
    private static final long serialVersionUID = 1L;
    private transient volatile Writes writes;

    @Override
    public void enqueue(ActorRef receiver, Envelope handle) {
      Writes w = writes;
      if (w != null && handle.message() instanceof JournalProtocol.WriteMessages request && w.take(request)) {
        return;
      }
      super.enqueue(receiver, handle);
    }
  }

  public DirectWriteMailbox(ActorSystem.Settings settings, Config config) {
    // Nothing to configure: Pekko's constructor shape for a mailbox type.
  }

  @Override
  public MessageQueue create(Option<ActorRef> owner, Option<ActorSystem> system) {
    return new Queue();
  }

  /**
   * Lets {@code writes} take the write requests sent to the actor whose queue is {@code queue}
   * (null: back to the mailbox); false when that actor's mailbox is not this type.
   */
  static boolean takeWrites(MessageQueue queue, Writes writes) {
    if (queue instanceof Queue q) {
      q.writes = writes;
      return true;
    }
    return false;
  }
}
