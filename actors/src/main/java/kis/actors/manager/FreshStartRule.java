package kis.actors.manager;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import kis.journal.AgentId;
import kis.journal.state.AgentState;
import kis.journal.state.Order;
import kis.journal.state.OrderStatus;

/**
 * When an agent may start afresh on a new, empty journal: the one rule for the single-node engine
 * ({@link AgentManager.FreshStart}) and the cluster profile ({@code AgentEntity.FreshStart}), so
 * every caller (dashboard, tests, a future command) gets the same answer.
 *
 * <p>A fresh start stops watching the old journal, so an order still alive in it would be left
 * behind: its fills would reach no agent and the reconciler would call it external. Hence the
 * agent must hold no live order: working ones cancelled (and the cancels confirmed), unanswered or
 * in-doubt ones resolved by KIS's reply or a reconciliation. It must also be parked (its journaled
 * stop: the agent itself refuses placements), so that no new order can be placed between this
 * check and the move to the new journal.
 */
public final class FreshStartRule {
  private FreshStartRule() {}

  /** Why {@code agent}, with these books, may not start afresh now; empty if it may. */
  public static Optional<String> refusal(AgentId agent, AgentState books) {
    List<String> why = new ArrayList<>();
    if (!books.parked()) {
      why.add("park it first (so nothing new is placed meanwhile)");
    }
    long unsettled = 0;
    long working = 0;
    for (Order o : books.openOrders().values()) {
      if (o.status() == OrderStatus.IN_DOUBT || o.status() == OrderStatus.REQUESTED) {
        unsettled++;
      } else {
        working++;
      }
    }
    if (working > 0) {
      why.add(working + " working order(s): cancel them first");
    }
    if (unsettled > 0) {
      why.add(unsettled + " order(s) in doubt or awaiting KIS's answer: wait for the answer or a reconcile");
    }
    return why.isEmpty() ? Optional.empty()
        : Optional.of(agent + " cannot start afresh yet: "
            + String.join("; ", why));
  }
}
