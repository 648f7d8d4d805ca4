package kis.actors.agent;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import kis.journal.AgentId;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * The agents of this actor system that are recovering their journal at start and have not yet
 * completed, with their slow tries ({@link RecoveryFailureKind#SLOW}). An agent answers nothing
 * while it recovers, so whoever shows agents (the runner's status, the dashboard, the status log)
 * reads it here instead of waiting for an answer that comes only once the books are whole. An
 * extension, as {@link RecoveryGiveUps}, so the live and cluster profiles share it.
 */
public final class Recoveries implements Extension {

  /**
   * One agent still recovering.
   *
   * @param slowTries tries the journal did not answer in time (each retried after backoff, none counted as damage)
   * @param eventsSoFar events the last slow try had folded when it gave out (0 before any)
   * @param lastTimeout what the last slow try met (e.g. the journal's circuit breaker timing out); "" before any
   */
  public record Recovering(int slowTries, long eventsSoFar, String lastTimeout) {

    /** As an operator reads it, e.g. on the dashboard's agent row. */
    public String describe() {
      if (slowTries == 0) {
        return "recovering its journal; it trades once recovered and reconciled";
      }
      return "recovering its journal, slow: " + slowTries + (slowTries == 1 ? " try" : " tries")
          + " timed out and retried (" + lastTimeout + "), " + eventsSoFar + " events read by the last;"
          + " not damage, it trades once recovered and reconciled";
    }
  }

  private final Map<AgentId, Recovering> recovering = new ConcurrentHashMap<>();

  private Recoveries() {}

  /** The system's instance. */
  public static Recoveries get(ActorSystem<?> system) {
    return Id.INSTANCE.apply(system);
  }

  /** {@code journalId}'s agent while it recovers; empty once it completed (or gave up, or never started). */
  public Optional<Recovering> of(AgentId journalId) {
    return Optional.ofNullable(recovering.get(journalId));
  }

  void started(AgentId journalId) {
    recovering.put(journalId, new Recovering(0, 0, ""));
  }

  /** One more slow try; returns how many there were. */
  int slow(AgentId journalId, long eventsSoFar, String timeout) {
    return recovering.merge(journalId, new Recovering(1, eventsSoFar, timeout),
        (was, one) -> new Recovering(was.slowTries() + 1, eventsSoFar, timeout)).slowTries();
  }

  void ended(AgentId journalId) {
    recovering.remove(journalId);
  }

  private static final class Id extends ExtensionId<Recoveries> {
    static final Id INSTANCE = new Id();

    @Override
    public Recoveries createExtension(ActorSystem<?> system) {
      return new Recoveries();
    }
  }
}
