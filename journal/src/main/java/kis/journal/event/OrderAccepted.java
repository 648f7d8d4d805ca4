package kis.journal.event;

import java.time.Instant;
import kis.journal.ClientOrderId;
import kis.journal.OrderNo;

/**
 * KIS accepted the order: {@code orderNo} is its {@code ODNO}, {@code branchNo} its
 * {@code KRX_FWDG_ORD_ORGNO} (needed to revise or cancel), {@code orderTime} KIS's {@code ORD_TMD}.
 */
public record OrderAccepted(
    ClientOrderId orderId,
    OrderNo orderNo,
    String branchNo,
    String orderTime,
    boolean fromReconciliation,
    Instant recordedAt)
    implements OrderEvent {}
