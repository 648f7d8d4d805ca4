package kis.journal.event;

import java.time.Instant;
import kis.journal.ClientOrderId;
import kis.journal.OrderSpec;
import kis.journal.RejectReason;

/** Our own pre-trade check refused an order; nothing was sent. Kept for the audit trail. */
public record OrderDenied(
    ClientOrderId orderId, OrderSpec spec, RejectReason reason, String detail, Instant recordedAt)
    implements OrderEvent {}
