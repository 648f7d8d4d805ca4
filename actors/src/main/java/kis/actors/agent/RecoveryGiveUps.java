package kis.actors.agent;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import kis.journal.AgentId;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * The agents of this actor system that stopped for good because their recovery failed
 * {@code max-recovery-failures} times in a row (a journal damaged after the start check), with why.
 * Whoever shows agents (the manager's view, the dashboard) reads it as damage found late; an
 * extension so that the live and cluster profiles, which spawn the same {@link Agent}, share it.
 */
public final class RecoveryGiveUps implements Extension {

  private final Map<AgentId, String> gaveUp = new ConcurrentHashMap<>();

  private RecoveryGiveUps() {}

  /** The system's instance. */
  public static RecoveryGiveUps get(ActorSystem<?> system) {
    return Id.INSTANCE.apply(system);
  }

  /** Why {@code journalId}'s agent gave up recovering; empty when it did not. */
  public Optional<String> of(AgentId journalId) {
    return Optional.ofNullable(gaveUp.get(journalId));
  }

  void record(AgentId journalId, String why) {
    gaveUp.put(journalId, why);
  }

  private static final class Id extends ExtensionId<RecoveryGiveUps> {
    static final Id INSTANCE = new Id();

    @Override
    public RecoveryGiveUps createExtension(ActorSystem<?> system) {
      return new RecoveryGiveUps();
    }
  }
}
