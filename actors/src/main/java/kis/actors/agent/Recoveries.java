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
 * at start, and again after a journal write failed or was not confirmed in time (the restart that
 * follows recovers the books from the journal), with what slowed them: slow tries
 * ({@link RecoveryFailureKind#SLOW}), tries an earlier try's replay interfered with, slow writes,
 * and writes that failed for real with their count toward parking the agent.
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
   * @param failedWrites writes that failed for real in a row (a full disk, the marks broken, an event the
   *     journal rejected), the one this recovery follows the last: counted toward parking the agent
   * @param parkAfter how many such failures in a row park the agent
   * @param lastFailedWrite what the last of them met; "" before any
   */
  public record Recovering(int slowTries, long eventsSoFar, String lastTimeout, int slowWrites, String lastSlowWrite,
      int interferedTries, String lastInterference, int failedWrites, int parkAfter, String lastFailedWrite) {

    /** Recovering at start, nothing slow yet. */
    static final Recovering FRESH = new Recovering(0, 0, "", 0, "", 0, "", 0, 0, "");

    /** As an operator reads it, e.g. on the dashboard's agent row. */
    public String describe() {
      List<String> why = new ArrayList<>();
      if (failedWrites > 0) {
        why.add("write failed " + failedWrites + " of " + parkAfter + " (" + lastFailedWrite + "), so it recovers its"
            + " books from the journal; " + (failedWrites >= parkAfter
                ? "parked once recovered, never trading until an operator resumes it"
                : (parkAfter - failedWrites) + " more failed in a row park it"));
      }
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
      if (failedWrites >= parkAfter && failedWrites > 0) {
        return String.join("; ", why);
      }
      return String.join("; ", why) + (failedWrites > 0 ? "; it trades once recovered and reconciled"
          : "; not damage, it trades once recovered and reconciled");
    }

    private Recovering withSlowTry(long events, String timeout) {
      return new Recovering(slowTries + 1, events, timeout, slowWrites, lastSlowWrite, interferedTries,
          lastInterference, failedWrites, parkAfter, lastFailedWrite);
    }

    private Recovering withSlowWrite(String timeout) {
      return new Recovering(slowTries, eventsSoFar, lastTimeout, slowWrites + 1, timeout, interferedTries,
          lastInterference, failedWrites, parkAfter, lastFailedWrite);
    }

    private Recovering withInterference(String what) {
      return new Recovering(slowTries, eventsSoFar, lastTimeout, slowWrites, lastSlowWrite, interferedTries + 1, what,
          failedWrites, parkAfter, lastFailedWrite);
    }

    private Recovering withFailedWrite(int inARow, int limit, String what) {
      return new Recovering(slowTries, eventsSoFar, lastTimeout, slowWrites, lastSlowWrite, interferedTries,
          lastInterference, inARow, limit, what);
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
    return update(journalId, r -> r.withSlowTry(eventsSoFar, timeout)).slowTries();
  }

  /** One more write the journal did not confirm in time; the agent recovers next. Returns how many in a row. */
  int slowWrite(AgentId journalId, String timeout) {
    return update(journalId, r -> r.withSlowWrite(timeout)).slowWrites();
  }

  /** One more try an earlier try's replay interfered with; returns how many there were. */
  int interfered(AgentId journalId, String what) {
    return update(journalId, r -> r.withInterference(what)).interferedTries();
  }

  /**
   * A write failed for real, the {@code inARow}th in a row of the {@code parkAfter} that park the
   * agent; the agent recovers next.
   */
  void failedWrite(AgentId journalId, int inARow, int parkAfter, String what) {
    update(journalId, r -> r.withFailedWrite(inARow, parkAfter, what));
  }

  private Recovering update(AgentId journalId, java.util.function.UnaryOperator<Recovering> change) {
    return recovering.compute(journalId, (id, was) -> change.apply(was == null ? Recovering.FRESH : was));
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
