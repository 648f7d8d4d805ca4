package kis.journal.event;

import java.time.Instant;
import kis.journal.ClientOrderId;
import kis.journal.OrderSpec;

/**
 * Write-ahead intent: journaled before the order is handed to the gateway, so a crash after
 * sending can never leave an order the journal does not know about.
 */
public record OrderRequested(ClientOrderId orderId, OrderSpec spec, String reason, Instant recordedAt)
    implements OrderEvent {}
