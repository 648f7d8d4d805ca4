package kis.journal.event;

import java.time.Instant;
import kis.journal.ClientOrderId;

/** KIS confirmed the cancel: whatever was not filled by then is cancelled. */
public record OrderCancelled(ClientOrderId orderId, boolean fromReconciliation, Instant recordedAt)
    implements OrderEvent {}
