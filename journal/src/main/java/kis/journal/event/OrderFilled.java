package kis.journal.event;

import java.time.Instant;
import kis.journal.ClientOrderId;
import kis.journal.OrderNo;
import kis.journal.Side;
import kis.journal.Symbol;

/**
 * An execution, partial or complete (the fold derives which). {@code quantity} at {@code price}
 * are this execution's; {@code execKey} identifies the report so a duplicate is recognised;
 * {@code fee} and {@code tax} are fixed when journaled so replay never depends on today's cost
 * configuration. Symbol and side are repeated from the order so that a fill stays meaningful
 * on its own (exports, or an order pruned from memory). Cumulative semantics: the fold never lets an order's filled quantity exceed its
 * quantity, and a report already seen never counts again.
 */
public record OrderFilled(
    ClientOrderId orderId,
    OrderNo orderNo,
    Symbol symbol,
    Side side,
    long quantity,
    long price,
    long fee,
    long tax,
    String execKey,
    String execTime,
    FillSource source,
    Instant recordedAt)
    implements OrderEvent {

  public boolean fromReconciliation() {
    return source == FillSource.INQUIRY;
  }
}
