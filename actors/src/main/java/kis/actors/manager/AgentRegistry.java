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
  /** Journal id → configured id of every running agent, for the generations' records. */
  private final Map<AgentId, AgentId> configured = new ConcurrentHashMap<>();
  private volatile AgentGenerations generations;

  /** The earlier generations' order numbers, recorded at each fresh start ({@link AgentGenerations}). */
  @Override
  public kis.actors.reconcile.EarlierOrders earlierOrders(java.time.LocalDate day) {
    AgentGenerations g = generations;
    return g == null ? kis.actors.reconcile.EarlierOrders.UNKNOWN : g.earlierOrders(day, configured.values());
  }

  void put(AgentId journalId, AgentId configuredId, ActorRef<Agent.Command> agent, AgentGenerations g) {
    generations = g;
    configured.put(journalId, configuredId);
    running.put(journalId, agent);
  }

  @Override
  public Map<AgentId, ActorRef<Agent.Command>> agents() {
    return Map.copyOf(running);
  }


  void remove(AgentId id) {
    configured.remove(id);
    running.remove(id);
  }
}
