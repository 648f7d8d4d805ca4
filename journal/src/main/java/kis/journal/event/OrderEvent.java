package kis.journal.event;

import kis.journal.ClientOrderId;

/** An event about one order, identified by our {@link ClientOrderId}. */
public sealed interface OrderEvent extends AgentEvent
    permits OrderRequested, OrderDenied, OrderAccepted, OrderRejected, OrderInDoubt, InDoubtResolved,
        OrderFilled, ReviseRequested, OrderRevised, CancelRequested, OrderCancelled,
        ModifyRejected, OrderExpired {

  ClientOrderId orderId();
}
