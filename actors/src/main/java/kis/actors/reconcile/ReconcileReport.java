package kis.actors.reconcile;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import kis.journal.event.AgentEvent;

/**
 * What one reconciliation found.
 *
 * @param corrections per agent id, the events to journal, in order
 * @param externalOrders today's orders no agent owns (placed by hand, or by another program)
 * @param drifts symbols whose account quantity differs from the agents' total
 * @param notes things seen that need no event (yet): an in-doubt order still within its grace
 *     period, KIS reporting fewer fills than the journal (the inquiry lags), and the like
 */
public record ReconcileReport(Map<String, List<Correction>> corrections, List<AccountOrder> externalOrders,
    List<PositionDrift> drifts, List<String> notes) {

  public ReconcileReport {
    corrections = Map.copyOf(corrections);
    externalOrders = List.copyOf(externalOrders);
    drifts = List.copyOf(drifts);
    notes = List.copyOf(notes);
  }

  /** The events {@code agentId} should persist (atomically, in this order). */
  public List<AgentEvent> eventsFor(String agentId) {
    return corrections.getOrDefault(agentId, List.of()).stream().map(Correction::event)
        .collect(Collectors.toList());
  }

  public boolean hasCorrections() {
    return corrections.values().stream().anyMatch(l -> !l.isEmpty());
  }

  /** Nothing to journal and no drift: the books agree with the account. */
  public boolean isClean() {
    return !hasCorrections() && drifts.isEmpty();
  }

  /** One line for the log: what was corrected, adopted and flagged. */
  public String summary() {
    long n = corrections.values().stream().mapToLong(List::size).sum();
    return "reconciliation: " + n + " correction(s) for " + corrections.size() + " agent(s), "
        + externalOrders.size() + " external order(s), " + drifts.size() + " drifting symbol(s), "
        + notes.size() + " note(s)";
  }
}
