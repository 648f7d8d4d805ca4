package kis.journal.event;

import java.time.Instant;
import kis.journal.ClientOrderId;

/** Intent to cancel the unfilled remainder (only the remainder: filled shares stay filled). */
public record CancelRequested(ClientOrderId orderId, String reason, Instant recordedAt) implements OrderEvent {}
