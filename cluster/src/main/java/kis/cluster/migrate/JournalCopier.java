package kis.cluster.migrate;

import java.util.List;
import kis.journal.JournalSerializable;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;

/**
 * Appends given events (an agent's, a kill switch's, a generation's), unchanged and in order, to
 * one persistence id in one journal plugin: the write side of a journal migration. Its state is
 * the number of events in the target.
 */
public final class JournalCopier extends EventSourcedBehavior<JournalCopier.Append, JournalSerializable, Long> {

  /** Persist {@code events} atomically; replies with the target's event count after them. */
  public record Append(List<? extends JournalSerializable> events, ActorRef<Long> replyTo) {}

  private final String journalPluginId;
  private final String snapshotPluginId;

  private JournalCopier(PersistenceId id, String journalPluginId, String snapshotPluginId) {
    super(id);
    this.journalPluginId = journalPluginId;
    this.snapshotPluginId = snapshotPluginId;
  }

  public static Behavior<Append> create(PersistenceId id, String journalPluginId, String snapshotPluginId) {
    return new JournalCopier(id, journalPluginId, snapshotPluginId);
  }

  @Override
  public Long emptyState() {
    return 0L;
  }

  @Override
  public CommandHandler<Append, JournalSerializable, Long> commandHandler() {
    return newCommandHandlerBuilder().forAnyState()
        .onCommand(Append.class, (n, c) -> Effect().persist(List.<JournalSerializable>copyOf(c.events()))
            .thenReply(c.replyTo(), after -> after))
        .build();
  }

  @Override
  public EventHandler<Long, JournalSerializable> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onAnyEvent((n, e) -> n + 1);
  }

  @Override
  public String journalPluginId() {
    return journalPluginId;
  }

  @Override
  public String snapshotPluginId() {
    return snapshotPluginId;
  }
}
