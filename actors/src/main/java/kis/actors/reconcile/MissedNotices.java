package kis.actors.reconcile;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import kis.journal.ClientOrderId;
import kis.journal.event.AgentEvent;
import kis.journal.event.InDoubtResolved;
import kis.journal.event.OrderFilled;

/**
 * What one reconciliation run says about the execution-notice feed: how many fills it found in
 * today's orders that no notice had brought to their agent. Fills of orders the same run resolved
 * from doubt do not count (their notices could not be routed; they were not lost). A fill whose
 * notice was merely in flight during the run counts too, so a consumer should want several.
 *
 * @param fills fills booked from the inquiry alone by this run
 */
public record MissedNotices(int fills) {

  /** Counts the fills {@code report} infers for orders that were not in doubt. */
  public static MissedNotices of(ReconcileReport report) {
    int fills = 0;
    for (List<Correction> corrections : report.corrections().values()) {
      Set<ClientOrderId> resolved = new HashSet<>();
      for (Correction c : corrections) {
        AgentEvent e = c.event();
        if (e instanceof InDoubtResolved r) {
          resolved.add(r.orderId());
        } else if (e instanceof OrderFilled f && !resolved.contains(f.orderId())) {
          fills++;
        }
      }
    }
    return new MissedNotices(fills);
  }
}
