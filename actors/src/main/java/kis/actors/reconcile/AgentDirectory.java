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

  /** A fixed set of agents (tests, a single-agent engine). */
  static AgentDirectory of(Map<AgentId, ActorRef<Agent.Command>> agents) {
    Map<AgentId, ActorRef<Agent.Command>> copy = Map.copyOf(agents);
    return () -> copy;
  }
}
