package kis.journal.event;

import java.time.Instant;
import kis.journal.ClientOrderId;

/** KIS definitively refused the order, with its {@code msg_cd} and {@code msg1}. */
public record OrderRejected(ClientOrderId orderId, String msgCd, String message, Instant recordedAt)
    implements OrderEvent {}
