package kis.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import kis.actors.agent.GenerationStore;
import kis.journal.AgentId;
import kis.journal.JournalSerializable;
import kis.journal.OrderNo;
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
    extends EventSourcedBehaviorWithEnforcedReplies<AgentGeneration.Command, FreshStarted, AgentGeneration.State> {

  /** What the generation accepts (only from its own entity, on the same node). */
  public sealed interface Command extends JournalSerializable permits Get, Next, GetLeftBehind {}

  /** The generation now and what each recorded fresh start left behind. */
  public record State(int generation, List<GenerationStore.LeftBehind> leftBehind) {
    static final State EMPTY = new State(0, List.of());

    State moved(FreshStarted e) {
      if (e.day() == null || e.leftBehind() == null) {
        return new State(e.generation(), leftBehind);
      }
      List<GenerationStore.LeftBehind> more = new ArrayList<>(leftBehind);
      more.add(new GenerationStore.LeftBehind(e.generation(), e.day(), e.leftBehind().stream().map(OrderNo::of).toList()));
      return new State(e.generation(), List.copyOf(more));
    }
  }

  /** What each recorded fresh start left behind (answered once recovered). */
  public record GetLeftBehind(ActorRef<List<GenerationStore.LeftBehind>> replyTo) implements Command {}

  /** The generation now (answered once recovered). */
  public record Get(ActorRef<Integer> replyTo) implements Command {}

  /** Move to the next generation; answered with it once journaled. */
  public record Next(String by, LocalDate day, List<String> leftBehind, ActorRef<StatusReply<Integer>> replyTo)
      implements Command {
    public Next(String by, ActorRef<StatusReply<Integer>> replyTo) {
      this(by, null, null, replyTo);
    }
  }

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
  public State emptyState() {
    return State.EMPTY;
  }

  @Override
  public CommandHandlerWithReply<Command, FreshStarted, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder().forAnyState()
        .onCommand(Get.class, (s, c) -> Effect().reply(c.replyTo(), s.generation()))
        .onCommand(GetLeftBehind.class, (s, c) -> Effect().reply(c.replyTo(), s.leftBehind()))
        .onCommand(Next.class, this::next)
        .build();
  }

  private ReplyEffect<FreshStarted, State> next(State s, Next c) {
    if (c.by() == null || c.by().isBlank()) {
      return Effect().reply(c.replyTo(), StatusReply.error("a fresh start names its operator (by)"));
    }
    return Effect().persist(new FreshStarted(s.generation() + 1, c.by(), clock.instant(), c.day(),
            c.leftBehind() == null ? null : List.copyOf(c.leftBehind())))
        .thenReply(c.replyTo(), after -> StatusReply.success(after.generation()));
  }

  @Override
  public EventHandler<State, FreshStarted> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onAnyEvent(State::moved);
  }
}
