package kis.sim;

import java.time.LocalDate;
import kis.journal.OrderType;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.Venue;

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
  /** {@code EXCG_ID_DVSN_CD} as the client sent it: KRX, NXT or SOR. */
  Venue requested = Venue.KRX;
  /** The book the order rests and fills on: KRX or NXT (SOR's choice for a routed order). */
  Venue book = Venue.KRX;
  /** Sent with a KRX after-market code (41-43): lives in the after-market, not the regular session. */
  boolean afterMarket;
  /** A stop-limit's trigger ({@code CNDT_PRIC}); 0 for every other type. */
  long stopPrice;
  /**
   * When a stop-limit triggered ({@code HHMMSS}, KIS's {@code stpm_efct_occr_dtmd}); null while it
   * waits for its trigger, outside the book. Every other type is in the book from the start.
   */
  String triggeredAt;
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

  /** A stop-limit still waiting for its trigger: it holds its shares or cash but is not in the book. */
  boolean waitingForTrigger() {
    return type == OrderType.STOP_LIMIT && triggeredAt == null;
  }

  /** Open and in the book: what prints cross and the book shows (a waiting stop is neither). */
  boolean inBook() {
    return open() && !waitingForTrigger();
  }

  /** The {@code ORD_DVSN} this order carries on the wire (41-43 for an after-market order). */
  String ordDvsn() {
    return WireCodes.ordDvsn(type, afterMarket);
  }

  /** Copies the venue of {@code from} (a revise or cancel stays where its original is). */
  SimOrder sameVenueAs(SimOrder from) {
    requested = from.requested;
    book = from.book;
    afterMarket = from.afterMarket;
    return this;
  }

  boolean marketable() {
    return !type.carriesPrice();
  }
}
