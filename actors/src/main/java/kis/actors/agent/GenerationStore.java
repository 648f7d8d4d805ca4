package kis.actors.agent;

import java.util.concurrent.CompletionStage;
import kis.journal.AgentId;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

/**
 * Which journal a configured agent runs on: the count of its fresh starts. Generation 0 is the
 * configured id, generation n is {@code <id>.g<n>} ({@link #journalId}); a fresh start moves to the
 * next generation and leaves the old journal as it was. One store per profile: the single node
 * keeps a properties file in its data dir ({@code AgentGenerations}), the cluster a small journaled
 * actor per agent in the shared journal, so every node reads the same generation.
 */
public interface GenerationStore {

  /**
   * The generation of {@code configured}, for the {@link AgentRunner} whose context is {@code ctx}
   * (a store may spawn a child there; called once per runner, from its actor).
   */
  Generation open(ActorContext<?> ctx, AgentId configured);

  /** One agent's generation. Both stages complete on some thread; runners pipe them to themselves. */
  interface Generation {
    /** The generation now. */
    CompletionStage<Integer> current();

    /** Move to the next generation, journaled or written before the stage completes; {@code by} names the operator. */
    CompletionStage<Integer> next(String by);
  }

  /** The journal id of {@code configured} at {@code generation}. */
  static AgentId journalId(AgentId configured, int generation) {
    return generation == 0 ? configured : new AgentId(configured.value() + ".g" + generation);
  }
}
