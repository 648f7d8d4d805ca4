package kis.actors.manager;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import kis.actors.reconcile.TailProofs;
import kis.journal.AgentId;

/**
 * What the start-up journal check found: the journals (by journal id) whose books are not whole,
 * and the lost tails that {@code journal repair} proved (by journal id), which the reconciler
 * journals as the evidence of a book-back ({@link TailProofs}). The manager never starts an agent
 * on a damaged journal; it shows as damaged, and the others trade on. Immutable: a repaired
 * journal is checked again at the next start.
 */
public record JournalHealth(Map<AgentId, String> damaged, Map<AgentId, TailProof> proofs) implements TailProofs {
  /**
   * A lost tail a repair proved.
   *
   * @param tradingDay the trading day (Asia/Seoul) of the repair: the day whose account rows it speaks for
   * @param text the proof as journaled: the mark's number, the last proven event, when
   */
  public record TailProof(LocalDate tradingDay, String text) {}

  public JournalHealth {
    damaged = Map.copyOf(damaged);
    proofs = Map.copyOf(proofs);
  }

  public JournalHealth(Map<AgentId, String> damaged) {
    this(damaged, Map.of());
  }

  /** No damage known (tests, the cluster profile, engines that do not check). */
  public static JournalHealth allWhole() {
    return new JournalHealth(Map.of());
  }

  /** Why {@code journalId}'s journal is damaged; empty when it is whole. */
  public Optional<String> damage(AgentId journalId) {
    return Optional.ofNullable(damaged.get(journalId));
  }

  @Override
  public Optional<String> proof(AgentId journalId, LocalDate tradingDate) {
    return Optional.ofNullable(proofs.get(journalId)).filter(p -> p.tradingDay().equals(tradingDate))
        .map(TailProof::text);
  }
}
