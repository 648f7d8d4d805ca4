package kis.journal.event;

import java.time.Instant;
import kis.journal.ClientOrderId;
import kis.journal.OrderSpec;
import kis.journal.RejectReason;

/**
 * Our own pre-trade check refused an order; nothing was sent. Kept for the audit trail.
 *
 * @param repeats 0 for a denial journaled as it happened (every journal written before this field
 *     existed reads as 0). {@code n > 0}: this record closes a run of {@code n} repeated denials of
 *     the same symbol, side and reason, which the strategy was refused one by one but which were not
 *     journaled one by one (README "Limits", repeated denials), written when the run ended with the
 *     last one's order and detail. It names the id of the denial journaled as it happened that
 *     opened the run's window (the repeats were refused under that id and took none of their own),
 *     and the fold counts it without a second order in the books; a record written before repeats
 *     stopped taking ids names its last repeat's id (the other {@code n - 1} took ids no journaled
 *     event names) and folds as an order of its own. Every attempt is counted: {@code records with
 *     0 + sum of repeats}.
 */
public record OrderDenied(
    ClientOrderId orderId, OrderSpec spec, RejectReason reason, String detail, Instant recordedAt, int repeats)
    implements OrderEvent {

  public OrderDenied {
    if (repeats < 0) {
      throw new IllegalArgumentException("repeats must not be negative, got " + repeats);
    }
  }

  /** A denial journaled as it happened. */
  public OrderDenied(ClientOrderId orderId, OrderSpec spec, RejectReason reason, String detail, Instant recordedAt) {
    this(orderId, spec, reason, detail, recordedAt, 0);
  }

  /**
   * As a record renders, with {@code repeats} only when it is not 0: a denial journaled as it
   * happened renders as it did before runs existed (backtest digests, journal dumps and the
   * dashboard's journal lines hash or show the text).
   */
  @Override
  public String toString() {
    return "OrderDenied[orderId=" + orderId + ", spec=" + spec + ", reason=" + reason + ", detail=" + detail
        + ", recordedAt=" + recordedAt + (repeats == 0 ? "" : ", repeats=" + repeats) + "]";
  }

  /** This denial under {@code id}. */
  public OrderDenied withOrderId(ClientOrderId id) {
    return new OrderDenied(id, spec, reason, detail, recordedAt, repeats);
  }

  /** How many refused attempts this record stands for: itself, or the whole run it closes. */
  public int attempts() {
    return Math.max(1, repeats);
  }
}
