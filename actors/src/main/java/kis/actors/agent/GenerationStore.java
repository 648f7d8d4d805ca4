package kis.actors.agent;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import kis.journal.JournalSerializable;
import kis.journal.OrderNo;
import kis.journal.AgentId;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

/**
 * Which journal a configured agent runs on: the count of its fresh starts. Generation 0 is the
 * configured id, generation n is {@code <id>.g<n>} ({@link #journalId}); a fresh start moves to the
 * next generation and leaves the old journal as it was. One store per profile: the single node
 * keeps a properties file in its data dir ({@code GenerationFile}), the cluster a small journaled
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

    /**
     * As {@link #next(String)}, recording with the move the KIS numbers of {@code day}'s orders the
     * journal left behind placed, so the reconciler recognises that journal's rows by number.
     */
    default CompletionStage<Integer> next(String by, LocalDate day, List<OrderNo> leftBehind) {
      return next(by);
    }

    /** What each recorded fresh start left behind (generations moved to without a record are absent). */
    default CompletionStage<List<LeftBehind>> leftBehind() {
      return CompletableFuture.completedFuture(List.of());
    }
  }

  /**
   * The fresh start to {@code generation} left the journal before it behind, with these KIS order
   * numbers of {@code day}.
   */
  record LeftBehind(int generation, LocalDate day, List<OrderNo> orders) implements JournalSerializable {
    public LeftBehind {
      orders = List.copyOf(orders);
    }
  }

  /** The journal id of {@code configured} at {@code generation}. */
  static AgentId journalId(AgentId configured, int generation) {
    return generation == 0 ? configured : new AgentId(configured.value() + ".g" + generation);
  }
}
