package kis.journal;

/**
 * What an order asks for: the fields of a KIS {@code order-cash} call, typed. {@code price} is the
 * limit price in won on the venue's tick grid, or 0 for order types that carry no price.
 *
 * <p>{@code venue} is where the order trades. Events journaled before it existed carry none and
 * read as {@link Venue#KRX} (a missing property reaches this constructor as null). The
 * {@link #toString()} of a KRX order is the one it had before venues existed, because backtest
 * digests render events through it; {@code AgentState.stateHash} renders the spec on its own.
 *
 * <p>{@code stopPrice} is a {@link OrderType#STOP_LIMIT}'s trigger (KIS's {@code CNDT_PRIC}): the
 * venue holds the order until a print reaches it, then it is a limit order at {@code price}.
 * Positive for a stop-limit, 0 for every other type; events journaled before it existed read 0.
 */
public record OrderSpec(Symbol symbol, Side side, OrderType type, long quantity, long price, Venue venue,
    long stopPrice) {
  public OrderSpec {
    venue = Venue.orDefault(venue);
    if (type == OrderType.STOP_LIMIT ? stopPrice <= 0 : stopPrice != 0) {
      throw new IllegalArgumentException(type == OrderType.STOP_LIMIT
          ? "a stop-limit needs a positive stop (trigger) price, got " + stopPrice
          : type + " takes no stop price, got " + stopPrice);
    }
    if (symbol == null || side == null || type == null) {
      throw new IllegalArgumentException("symbol, side and type are required");
    }
    if (quantity <= 0) {
      throw new IllegalArgumentException("quantity must be positive: " + quantity);
    }
    if (type.carriesPrice() ? price <= 0 : price != 0) {
      throw new IllegalArgumentException(
          type + (type.carriesPrice() ? " needs a positive price" : " takes no price (0)") + ", got " + price);
    }
  }

  /** An order that is not a stop-limit. */
  public OrderSpec(Symbol symbol, Side side, OrderType type, long quantity, long price, Venue venue) {
    this(symbol, side, type, quantity, price, venue, 0);
  }

  /** An order on {@link Venue#DEFAULT} (KRX). */
  public OrderSpec(Symbol symbol, Side side, OrderType type, long quantity, long price) {
    this(symbol, side, type, quantity, price, Venue.DEFAULT);
  }

  /** A limit order on KRX. */
  public static OrderSpec limit(Symbol symbol, Side side, long quantity, long price) {
    return new OrderSpec(symbol, side, OrderType.LIMIT, quantity, price);
  }

  /** A market order on KRX. */
  public static OrderSpec market(Symbol symbol, Side side, long quantity) {
    return new OrderSpec(symbol, side, OrderType.MARKET, quantity, 0);
  }

  /**
   * A stop-limit resting at the venue: once a print there reaches {@code stop} (a buy's at or above
   * it, a sell's at or below it) it becomes a limit order at {@code limit}.
   */
  public static OrderSpec stopLimit(Symbol symbol, Side side, long quantity, long stop, long limit, Venue venue) {
    return new OrderSpec(symbol, side, OrderType.STOP_LIMIT, quantity, limit, venue, stop);
  }

  /** The same order on {@code other}. */
  public OrderSpec on(Venue other) {
    return new OrderSpec(symbol, side, type, quantity, price, other, stopPrice);
  }

  /** The value the order commits at its limit (0 for priceless types). */
  public long notional() {
    return Math.multiplyExact(quantity, price);
  }

  /**
   * {@code OrderSpec[symbol=…, side=…, type=…, quantity=…, price=…]}, the record's rendering from
   * before venues existed, with {@code , venue=…} added only for a venue other than KRX and
   * {@code , stop=…} only for a stop-limit.
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(80);
    sb.append("OrderSpec[symbol=").append(symbol).append(", side=").append(side).append(", type=").append(type)
        .append(", quantity=").append(quantity).append(", price=").append(price);
    if (venue != Venue.KRX) {
      sb.append(", venue=").append(venue);
    }
    if (stopPrice != 0) {
      sb.append(", stop=").append(stopPrice);
    }
    return sb.append(']').toString();
  }
}
