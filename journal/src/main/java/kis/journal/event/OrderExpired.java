package kis.journal.event;

import java.time.Instant;
import java.time.LocalDate;
import kis.journal.ClientOrderId;

/** Day roll: KIS cancels unfilled orders overnight; the remainder of a working order expires. */
public record OrderExpired(ClientOrderId orderId, LocalDate tradingDate, Instant recordedAt)
    implements OrderEvent {}
