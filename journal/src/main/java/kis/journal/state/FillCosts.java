package kis.journal.state;

import kis.journal.CostModel;
import kis.journal.event.OrderFilled;

/**
 * Puts the fee and tax on a fill before it is journaled, whatever reported it (a notice, an
 * inquiry's cumulative total, the backtest): {@link CostModel}'s per-order rounding applied to
 * the shares the fold will actually book for it, so an order's booked costs are exactly what KIS
 * charges for its cumulative amount.
 */
public final class FillCosts {
  private FillCosts() {}

  /**
   * {@code fill} with the fee and tax it owes on {@code order} (the order as it stands before the
   * fill). A fill that books nothing (a duplicate, or shares an inquiry already counted) owes
   * nothing.
   */
  public static OrderFilled priced(Order order, OrderFilled fill, CostModel costs) {
    OrderTransitions.Step step = OrderTransitions.next(order, fill);
    long booked = step.filledQuantity();
    if (booked <= 0) {
      return withCosts(fill, 0, 0);
    }
    long before = order.filledValue();
    long value = Math.multiplyExact(booked, step.fillPrice());
    long fee = costs.fillFee(before, value);
    long tax = costs.fillTax(fill.side(), before, value);
    return withCosts(fill, forFold(fee, booked, fill.quantity()), forFold(tax, booked, fill.quantity()));
  }

  /**
   * The amount to journal so that the fold, which books a fill's fee pro rata to the shares it
   * books ({@code amount * booked / quantity}, rounded down), books exactly {@code owed}.
   */
  static long forFold(long owed, long booked, long quantity) {
    if (booked >= quantity) {
      return owed;
    }
    return -Math.floorDiv(-Math.multiplyExact(owed, quantity), booked); // rounded up
  }

  private static OrderFilled withCosts(OrderFilled f, long fee, long tax) {
    return new OrderFilled(f.orderId(), f.orderNo(), f.symbol(), f.side(), f.quantity(), f.price(), fee, tax,
        f.execKey(), f.execTime(), f.source(), f.recordedAt(), f.venue());
  }
}
