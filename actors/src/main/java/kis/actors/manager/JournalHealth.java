package kis.actors.manager;

import java.util.Map;
import java.util.Optional;
import kis.journal.AgentId;

/**
 * What the start-up journal check found: the journals (by journal id) whose books are not whole.
 * The manager never starts an agent on a damaged journal; it shows as damaged, and the others
 * trade on. Immutable: a repaired journal is checked again at the next start.
 */
public record JournalHealth(Map<AgentId, String> damaged) {
  public JournalHealth {
    damaged = Map.copyOf(damaged);
  }

  /** No damage known (tests, the cluster profile, engines that do not check). */
  public static JournalHealth allWhole() {
    return new JournalHealth(Map.of());
  }

  /** Why {@code journalId}'s journal is damaged; empty when it is whole. */
  public Optional<String> damage(AgentId journalId) {
    return Optional.ofNullable(damaged.get(journalId));
  }
}
