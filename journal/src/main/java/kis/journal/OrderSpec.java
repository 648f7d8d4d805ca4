package kis.journal;

/**
 * What an order asks for: the fields of a KIS {@code order-cash} call, typed. {@code price} is the
 * limit price in won on the KRX grid, or 0 for order types that carry no price.
 */
public record OrderSpec(Symbol symbol, Side side, OrderType type, long quantity, long price) {
  public OrderSpec {
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

  public static OrderSpec limit(Symbol symbol, Side side, long quantity, long price) {
    return new OrderSpec(symbol, side, OrderType.LIMIT, quantity, price);
  }

  public static OrderSpec market(Symbol symbol, Side side, long quantity) {
    return new OrderSpec(symbol, side, OrderType.MARKET, quantity, 0);
  }

  /** The value the order commits at its limit (0 for priceless types). */
  public long notional() {
    return Math.multiplyExact(quantity, price);
  }
}
