package kis.journal.event;

import java.time.Instant;
import java.util.Optional;
import kis.journal.ClientOrderId;
import kis.journal.OrderNo;

/**
 * The reconciler's verdict on an in-doubt order: found in today's orders (adopted with its KIS
 * order number) or not found (it never reached KIS, so it failed).
 */
public record InDoubtResolved(
    ClientOrderId orderId, Optional<OrderNo> orderNo, String branchNo, Instant recordedAt)
    implements OrderEvent {

  public boolean found() {
    return orderNo.isPresent();
  }
}
