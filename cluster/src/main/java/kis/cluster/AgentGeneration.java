package kis.cluster;

import java.time.Clock;
import java.time.Duration;
import kis.actors.agent.GenerationStore;
import kis.journal.AgentId;
import kis.journal.JournalSerializable;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;

/**
 * Which journal a configured agent runs on, cluster-wide: the count of its fresh starts, journaled
 * in the shared journal as {@code AgentGeneration|<configured id>}, so the agent's entity reads the
 * same generation on whichever node sharding starts it; the {@link GenerationStore} of the cluster
 * profile ({@link JournalGenerations}), with the same journal ids as the single node's file.
 */
public final class AgentGeneration
    extends EventSourcedBehaviorWithEnforcedReplies<AgentGeneration.Command, FreshStarted, Integer> {

  /** What the generation accepts (only from its own entity, on the same node). */
  public sealed interface Command extends JournalSerializable permits Get, Next {}

  /** The generation now (answered once recovered). */
  public record Get(ActorRef<Integer> replyTo) implements Command {}

  /** Move to the next generation; answered with it once journaled. */
  public record Next(String by, ActorRef<StatusReply<Integer>> replyTo) implements Command {}

  private final Clock clock;

  private AgentGeneration(AgentId configured, Clock clock) {
    super(PersistenceId.of("AgentGeneration", configured.value()),
        SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(5), 0.2));
    this.clock = clock;
  }

  public static AgentGeneration create(AgentId configured, Clock clock) {
    return new AgentGeneration(configured, clock);
  }

  /** The journal id of {@code configured} at {@code generation} ({@link GenerationStore#journalId}). */
  public static AgentId journalId(AgentId configured, int generation) {
    return GenerationStore.journalId(configured, generation);
  }

  @Override
  public Integer emptyState() {
    return 0;
  }

  @Override
  public CommandHandlerWithReply<Command, FreshStarted, Integer> commandHandler() {
    return newCommandHandlerWithReplyBuilder().forAnyState()
        .onCommand(Get.class, (n, c) -> Effect().reply(c.replyTo(), n))
        .onCommand(Next.class, this::next)
        .build();
  }

  private ReplyEffect<FreshStarted, Integer> next(Integer n, Next c) {
    if (c.by() == null || c.by().isBlank()) {
      return Effect().reply(c.replyTo(), StatusReply.error("a fresh start names its operator (by)"));
    }
    return Effect().persist(new FreshStarted(n + 1, c.by(), clock.instant()))
        .thenReply(c.replyTo(), StatusReply::success);
  }

  @Override
  public EventHandler<Integer, FreshStarted> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onAnyEvent((n, e) -> e.generation());
  }
}
