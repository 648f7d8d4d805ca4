package kis.journal.event;

import java.time.Instant;
import kis.journal.ClientOrderId;

/** Intent to move the unfilled remainder to a new price (KIS: cancel + re-order under a new ODNO). */
public record ReviseRequested(ClientOrderId orderId, long newPrice, Instant recordedAt) implements OrderEvent {}
