package kis.journal.event;

import java.time.Instant;
import kis.journal.ClientOrderId;
import kis.journal.OrderNo;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.Venue;

/**
 * An execution, partial or complete (the fold derives which). {@code quantity} at {@code price}
 * are this execution's; {@code execKey} identifies the report so a duplicate is recognised;
 * {@code fee} and {@code tax} are fixed when journaled so replay never depends on today's cost
 * configuration. Symbol and side are repeated from the order so that a fill stays meaningful
 * on its own (exports, or an order pruned from memory). Cumulative semantics: the fold never lets an order's filled quantity exceed its
 * quantity, and a report already seen never counts again.
 *
 * <p>{@code venue} is the book the execution happened on: the order's venue, or for a routed
 * order the book the router chose. Fills journaled before venues existed carry none and read as
 * {@link Venue#KRX}; the {@link #toString()} of a KRX fill is the one it had then (backtest
 * digests render fills through it).
 */
public record OrderFilled(
    ClientOrderId orderId,
    OrderNo orderNo,
    Symbol symbol,
    Side side,
    long quantity,
    long price,
    long fee,
    long tax,
    String execKey,
    String execTime,
    FillSource source,
    Instant recordedAt,
    Venue venue)
    implements OrderEvent {

  public OrderFilled {
    venue = Venue.orDefault(venue);
  }

  /** A fill on {@link Venue#DEFAULT} (KRX). */
  public OrderFilled(ClientOrderId orderId, OrderNo orderNo, Symbol symbol, Side side, long quantity, long price,
      long fee, long tax, String execKey, String execTime, FillSource source, Instant recordedAt) {
    this(orderId, orderNo, symbol, side, quantity, price, fee, tax, execKey, execTime, source, recordedAt,
        Venue.DEFAULT);
  }

  public boolean fromReconciliation() {
    return source == FillSource.INQUIRY;
  }

  /** The record's rendering from before venues existed, with {@code , venue=…} only for a venue other than KRX. */
  @Override
  public String toString() {
    return "OrderFilled[orderId=" + orderId + ", orderNo=" + orderNo + ", symbol=" + symbol + ", side=" + side
        + ", quantity=" + quantity + ", price=" + price + ", fee=" + fee + ", tax=" + tax + ", execKey=" + execKey
        + ", execTime=" + execTime + ", source=" + source + ", recordedAt=" + recordedAt
        + (venue == Venue.KRX ? "" : ", venue=" + venue) + "]";
  }
}
