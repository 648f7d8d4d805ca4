package kis.journal.event;

import java.time.Instant;
import kis.journal.ClientOrderId;
import kis.journal.OrderNo;

/**
 * KIS accepted a revise: the remainder now works at {@code newPrice} under the new order number
 * {@code newOrderNo}; late fills may still arrive under the old number.
 */
public record OrderRevised(
    ClientOrderId orderId, OrderNo newOrderNo, long newPrice, boolean fromReconciliation, Instant recordedAt)
    implements OrderEvent {}
