package kis.actors.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import kis.journal.AgentId;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * The agents of this actor system that are recovering their journal and have not yet completed:
 * at start, and again after a journal write the journal did not confirm in time (the restart that
 * follows recovers the books from the journal), with what slowed them: slow tries
 * ({@link RecoveryFailureKind#SLOW}), tries an earlier try's replay interfered with, slow writes.
 * An agent answers nothing while it recovers, so whoever shows agents (the runner's status, the
 * dashboard, the status log) reads it here instead of waiting for an answer that comes only once the
 * books are whole. An extension, as {@link RecoveryGiveUps}, so the live and cluster profiles share it.
 */
public final class Recoveries implements Extension {

  /**
   * One agent still recovering.
   *
   * @param slowTries tries the journal did not answer in time (each retried after backoff, none counted as damage)
   * @param eventsSoFar events the last slow try had folded when it gave out (0 before any)
   * @param lastTimeout what the last slow try met (e.g. the journal's circuit breaker timing out); "" before any
   * @param slowWrites writes the journal did not confirm in time since the agent last recovered (each
   *     followed by this recovery; none counted toward parking the agent)
   * @param lastSlowWrite what the last slow write met; "" before any
   * @param interferedTries tries failed by events or an end an earlier try's replay, still running,
   *     sent (retried, none counted as damage)
   * @param lastInterference what the last interfered try found, with how many earlier replays were still running
   */
  public record Recovering(int slowTries, long eventsSoFar, String lastTimeout, int slowWrites, String lastSlowWrite,
      int interferedTries, String lastInterference) {

    /** Recovering at start, nothing slow yet. */
    static final Recovering FRESH = new Recovering(0, 0, "", 0, "", 0, "");

    /** As an operator reads it, e.g. on the dashboard's agent row. */
    public String describe() {
      List<String> why = new ArrayList<>();
      if (slowWrites > 0) {
        why.add("journal slow, write retrying: " + slowWrites + (slowWrites == 1 ? " write" : " writes")
            + " not confirmed in time (" + lastSlowWrite + "), so it recovers its books from the journal, which shows"
            + " whether the write landed");
      }
      if (slowTries > 0) {
        why.add("recovering its journal, slow: " + slowTries + (slowTries == 1 ? " try" : " tries")
            + " timed out and retried (" + lastTimeout + "), " + eventsSoFar + " events read by the last");
      }
      if (interferedTries > 0) {
        why.add("recovering its journal, interfered: " + interferedTries + (interferedTries == 1 ? " try" : " tries")
            + " met an earlier try's replay still running and retried (" + lastInterference + ")");
      }
      if (why.isEmpty()) {
        return "recovering its journal; it trades once recovered and reconciled";
      }
      return String.join("; ", why) + "; not damage, it trades once recovered and reconciled";
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
    recovering.put(journalId, Recovering.FRESH);
  }

  /** One more slow try; returns how many there were. */
  int slow(AgentId journalId, long eventsSoFar, String timeout) {
    return recovering.merge(journalId, new Recovering(1, eventsSoFar, timeout, 0, "", 0, ""),
        (was, one) -> new Recovering(was.slowTries() + 1, eventsSoFar, timeout, was.slowWrites(), was.lastSlowWrite(),
            was.interferedTries(), was.lastInterference())).slowTries();
  }

  /** One more write the journal did not confirm in time; the agent recovers next. Returns how many in a row. */
  int slowWrite(AgentId journalId, String timeout) {
    return recovering.merge(journalId, new Recovering(0, 0, "", 1, timeout, 0, ""),
        (was, one) -> new Recovering(was.slowTries(), was.eventsSoFar(), was.lastTimeout(), was.slowWrites() + 1,
            timeout, was.interferedTries(), was.lastInterference())).slowWrites();
  }

  /** One more try an earlier try's replay interfered with; returns how many there were. */
  int interfered(AgentId journalId, String what) {
    return recovering.merge(journalId, new Recovering(0, 0, "", 0, "", 1, what),
        (was, one) -> new Recovering(was.slowTries(), was.eventsSoFar(), was.lastTimeout(), was.slowWrites(),
            was.lastSlowWrite(), was.interferedTries() + 1, what)).interferedTries();
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
