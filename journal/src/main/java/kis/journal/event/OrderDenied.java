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
 *     journaled one by one (README "Limits", repeated denials); it is the last of them (its order,
 *     detail and id), written when the run ended, and the other {@code n - 1} took the order ids no
 *     journaled event names. Every attempt is counted: {@code records with 0 + sum of repeats}.
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

  /** How many refused attempts this record stands for: itself, or the whole run it closes. */
  public int attempts() {
    return Math.max(1, repeats);
  }
}
