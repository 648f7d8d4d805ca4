package kis.adapter.account;

import java.time.LocalTime;
import java.util.Optional;
import kis.journal.OrderNo;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.Venue;

/**
 * One row of {@code inquire-daily-ccld} {@code output1} (shared/kis-api.md §4.4): an order KIS
 * knows today. A revise or cancel is a row of its own with a new number pointing at the original.
 *
 * <p>Mapping from the wire: {@code kind} is NEW when {@code orgn_odno} is blank, CANCEL when
 * {@code cncl_yn} is {@code Y}, REVISE otherwise; a revise moves the original's unfilled quantity
 * to the new row (the original then shows {@code rmn_qty} 0), as KIS and kis-sim both do.
 *
 * @param orderNo {@code odno}
 * @param originalOrderNo {@code orgn_odno}, empty for a new order
 * @param kind new order, revise or cancel ({@code orgn_odno} and {@code cncl_yn})
 * @param branchNo {@code ord_gno_brno}, needed to revise or cancel
 * @param side {@code sll_buy_dvsn_cd}
 * @param symbol {@code pdno}
 * @param orderQuantity {@code ord_qty}
 * @param price {@code ord_unpr}, 0 for priceless types
 * @param orderTime {@code ord_tmd}
 * @param filledQuantity {@code tot_ccld_qty}, cumulative
 * @param filledAmount {@code tot_ccld_amt}, cumulative won
 * @param cancelledQuantity {@code cnc_cfrm_qty}
 * @param remainingQuantity {@code rmn_qty}
 * @param venue {@code excg_id_dvsn_cd}: where the order was placed (KRX when KIS names none)
 */
public record AccountOrder(
    OrderNo orderNo,
    Optional<OrderNo> originalOrderNo,
    Kind kind,
    String branchNo,
    Side side,
    Symbol symbol,
    long orderQuantity,
    long price,
    LocalTime orderTime,
    long filledQuantity,
    long filledAmount,
    long cancelledQuantity,
    long remainingQuantity,
    Venue venue) {

  /** What the row is. */
  public enum Kind {
    NEW,
    REVISE,
    CANCEL
  }

  public AccountOrder {
    venue = Venue.orDefault(venue);
    if (orderNo == null || originalOrderNo == null || kind == null || side == null || symbol == null
        || orderTime == null) {
      throw new IllegalArgumentException("order number, kind, side, symbol and time are required");
    }
    if (kind != Kind.NEW && originalOrderNo.isEmpty()) {
      throw new IllegalArgumentException(kind + " row " + orderNo + " needs its original order number");
    }
    if (orderQuantity < 0 || price < 0 || filledQuantity < 0 || filledAmount < 0 || cancelledQuantity < 0
        || remainingQuantity < 0) {
      throw new IllegalArgumentException("negative figure in row " + orderNo);
    }
  }

  /** A row on KRX. */
  public AccountOrder(OrderNo orderNo, Optional<OrderNo> originalOrderNo, Kind kind, String branchNo, Side side,
      Symbol symbol, long orderQuantity, long price, LocalTime orderTime, long filledQuantity, long filledAmount,
      long cancelledQuantity, long remainingQuantity) {
    this(orderNo, originalOrderNo, kind, branchNo, side, symbol, orderQuantity, price, orderTime, filledQuantity,
        filledAmount, cancelledQuantity, remainingQuantity, Venue.DEFAULT);
  }

  /** The same row on {@code other}. */
  public AccountOrder on(Venue other) {
    return new AccountOrder(orderNo, originalOrderNo, kind, branchNo, side, symbol, orderQuantity, price, orderTime,
        filledQuantity, filledAmount, cancelledQuantity, remainingQuantity, other);
  }

  /** A new order row (no original) on KRX. */
  public static AccountOrder newOrder(OrderNo no, String branch, Side side, Symbol symbol, long qty, long price,
      LocalTime time, long filled, long filledAmount, long cancelled, long remaining) {
    return new AccountOrder(no, Optional.empty(), Kind.NEW, branch, side, symbol, qty, price, time, filled,
        filledAmount, cancelled, remaining);
  }
}
