package kis.bench;

import java.util.List;
import kis.actors.agent.Agent;
import kis.journal.AgentId;
import kis.journal.event.AgentEvent;
import kis.journal.state.AgentState;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;

/**
 * Writes an agent's journal directly, in batches ({@code persist(List)}), under the agent's own
 * persistence id and with the agent's fold and snapshot cadence, so that {@link Agent} later
 * recovers it exactly as it would recover its own history. Only for generating recovery data.
 */
final class JournalWriter extends EventSourcedBehavior<JournalWriter.Write, AgentEvent, AgentState> {

  record Write(List<AgentEvent> events, ActorRef<Done> replyTo) {}

  private final AgentId agent;
  private final int snapshotEvery;

  private JournalWriter(AgentId agent, int snapshotEvery) {
    super(Agent.persistenceId(agent));
    this.agent = agent;
    this.snapshotEvery = snapshotEvery;
  }

  /** {@code snapshotEvery} 0: no snapshots at all. */
  static Behavior<Write> create(AgentId agent, int snapshotEvery) {
    return Behaviors.setup(ctx -> new JournalWriter(agent, snapshotEvery));
  }

  @Override
  public AgentState emptyState() {
    return AgentState.empty(agent.value());
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return snapshotEvery > 0 ? RetentionCriteria.snapshotEvery(snapshotEvery, 2) : RetentionCriteria.disabled();
  }

  @Override
  public CommandHandler<Write, AgentEvent, AgentState> commandHandler() {
    return newCommandHandlerBuilder().forAnyState()
        .onCommand(Write.class, (s, w) -> Effect().persist(w.events()).thenReply(w.replyTo(), ns -> Done.getInstance()))
        .build();
  }

  @Override
  public EventHandler<AgentState, AgentEvent> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onAnyEvent(AgentState::apply);
  }
}
