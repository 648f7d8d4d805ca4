package kis.actors.reconcile;

import java.util.Map;
import kis.actors.agent.Agent;
import kis.journal.AgentId;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The agents the reconciler compares with the account. Implemented by the engine wiring, which
 * knows which agents run; called from the reconciler actor at the start of every run, so it must
 * be safe to call from any thread.
 */
@FunctionalInterface
public interface AgentDirectory {

  /** Every running agent by id, at this moment. */
  Map<AgentId, ActorRef<Agent.Command>> agents();

  /**
   * The numbers of {@code day}'s orders placed by earlier generations of the running agents
   * (recorded at each fresh start), so the witness recognises their rows by number; by default
   * nothing is recorded and the witness falls back on its heuristics.
   */
  default EarlierOrders earlierOrders(java.time.LocalDate day) {
    return EarlierOrders.UNKNOWN;
  }

  /** A fixed set of agents (tests, a single-agent engine). */
  static AgentDirectory of(Map<AgentId, ActorRef<Agent.Command>> agents) {
    Map<AgentId, ActorRef<Agent.Command>> copy = Map.copyOf(agents);
    return () -> copy;
  }
}
