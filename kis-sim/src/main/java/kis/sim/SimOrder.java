package kis.sim;

import java.time.LocalDate;
import kis.journal.OrderType;
import kis.journal.Side;
import kis.journal.Symbol;

/**
 * One row of the simulator's order ledger, as inquire-daily-ccld shows it. Mutable, guarded by
 * the {@link Exchange} lock. A revise or cancel is its own row with a new order number and
 * {@code orgOdno} pointing at the order it changed, as KIS numbers them.
 */
final class SimOrder {
  enum Kind { NEW, REVISE, CANCEL }

  final String odno;
  final String orgOdno;
  final Kind kind;
  final LocalDate date;
  final String time;
  final Symbol symbol;
  final Side side;
  final OrderType type;
  final long qty;
  final long price;
  long filled;
  long filledAmount;
  /** Shares cancelled: by a cancel order, at session end, or as an IOC/FOK remainder. */
  long cancelled;
  /** Shares moved to a revise order. */
  long revised;
  boolean expired;
  /** The new-order row this row's chain of revises began with (itself for a new order). */
  SimOrder first = this;
  /** On a chain's first row: the won filled by it and all its revises, which fees are charged on. */
  long chainFilledAmount;

  SimOrder(String odno, String orgOdno, Kind kind, LocalDate date, String time, Symbol symbol, Side side,
      OrderType type, long qty, long price) {
    this.odno = odno;
    this.orgOdno = orgOdno;
    this.kind = kind;
    this.date = date;
    this.time = time;
    this.symbol = symbol;
    this.side = side;
    this.type = type;
    this.qty = qty;
    this.price = price;
  }

  long remaining() {
    return kind == Kind.CANCEL ? 0 : qty - filled - cancelled - revised;
  }

  boolean open() {
    return remaining() > 0;
  }

  boolean marketable() {
    return !type.carriesPrice();
  }
}
