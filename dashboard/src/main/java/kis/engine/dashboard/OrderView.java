package kis.engine.dashboard;

import java.time.Instant;
import kis.journal.OrderType;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.state.Order;
import kis.journal.state.OrderStatus;

/** An order as the dashboard lists it: the parts of {@link Order} an operator reads. */
public record OrderView(
    String clientOrderId,
    String orderNo,
    Symbol symbol,
    Side side,
    OrderType type,
    long price,
    long quantity,
    long filledQuantity,
    long averageFillPrice,
    OrderStatus status,
    String lastMessage,
    Instant requestedAt,
    Instant updatedAt) {

  public static OrderView of(Order o) {
    return new OrderView(o.id().value(), o.orderNo() == null ? null : o.orderNo().value(), o.spec().symbol(),
        o.spec().side(), o.spec().type(), o.price(), o.quantity(), o.filledQuantity(), o.averageFillPrice(),
        o.status(), o.lastMessage(), o.requestedAt(), o.updatedAt());
  }
}
