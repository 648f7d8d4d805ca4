package kis.actors.manager;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import kis.actors.agent.Agent;
import kis.actors.reconcile.AgentDirectory;
import kis.journal.AgentId;
import org.apache.pekko.actor.typed.ActorRef;

/** The running agents by journal id, kept up to date by the {@link AgentManager}; read from any thread. */
public final class AgentRegistry implements AgentDirectory {
  private final Map<AgentId, ActorRef<Agent.Command>> running = new ConcurrentHashMap<>();

  @Override
  public Map<AgentId, ActorRef<Agent.Command>> agents() {
    return Map.copyOf(running);
  }

  void put(AgentId id, ActorRef<Agent.Command> agent) {
    running.put(id, agent);
  }

  void remove(AgentId id) {
    running.remove(id);
  }
}
