package kis.journal.event;

import java.time.Instant;
import kis.journal.ClientOrderId;

/**
 * The send's outcome is unknown (timeout, 5xx, connection lost, or a crash between send and
 * reply). The order is never re-sent; the reconciler resolves it from today's orders.
 */
public record OrderInDoubt(ClientOrderId orderId, String cause, Instant recordedAt) implements OrderEvent {}
