package kis.cluster;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import kis.actors.agent.GenerationStore;
import kis.journal.AgentId;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * The cluster profile's generation store: each runner spawns its agent's {@link AgentGeneration}
 * (journaled in the shared journal as {@code AgentGeneration|<configured id>}) as a child, so the
 * runner reads the same generation on whichever node sharding starts it.
 */
public final class JournalGenerations implements GenerationStore {
  private static final Duration READ = Duration.ofSeconds(30);
  private static final Duration WRITE = Duration.ofSeconds(10);

  private final Clock clock;

  public JournalGenerations(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Generation open(ActorContext<?> ctx, AgentId configured) {
    ActorRef<AgentGeneration.Command> ref = ctx.spawn(AgentGeneration.create(configured, clock), "generation");
    var scheduler = ctx.getSystem().scheduler();
    return new Generation() {
      @Override
      public CompletionStage<Integer> current() {
        return AskPattern.ask(ref, AgentGeneration.Get::new, READ, scheduler);
      }

      @Override
      public CompletionStage<Integer> next(String by) {
        return AskPattern.askWithStatus(ref, r -> new AgentGeneration.Next(by, r), WRITE, scheduler);
      }

      @Override
      public CompletionStage<Integer> next(String by, java.time.LocalDate day, java.util.List<kis.journal.OrderNo> left) {
        java.util.List<String> numbers = left.stream().map(kis.journal.OrderNo::value).toList();
        return AskPattern.askWithStatus(ref, r -> new AgentGeneration.Next(by, day, numbers, r), WRITE, scheduler);
      }

      @Override
      public CompletionStage<java.util.List<LeftBehind>> leftBehind() {
        return AskPattern.ask(ref, AgentGeneration.GetLeftBehind::new, READ, scheduler);
      }
    };
  }
}
