package kis.journal;

/**
 * A protective order the engine arms and watches itself (it never rests at KIS): when a trade print
 * of its venue reaches {@code triggerPrice} ({@link ProtectiveKind#firesAt}), it sends a child
 * order of {@code quantity} shares on {@code side}: a limit order at {@code limitPrice}, or a
 * market order when {@code limitPrice} is 0.
 *
 * <ul>
 *   <li>stop-market / stop-limit: {@link ProtectiveKind#STOP};
 *   <li>take-profit (limit or market): {@link ProtectiveKind#TAKE_PROFIT};
 *   <li>trailing stop: {@link ProtectiveKind#TRAILING_STOP} with a {@link Trail}; its trigger
 *       follows the best print since arming; {@code triggerPrice} 0 means "set by the first print".
 *       Its child is a market order, or a limit order some ticks from the trigger
 *       ({@link Trail#limitAt}).
 * </ul>
 *
 * @param tif how long it stays armed if it never fires (null reads as {@link TimeInForce#DAY})
 * @param venue where it is judged and where the child goes (null reads as {@link Venue#KRX}); an
 *     SOR order is judged on every venue's prints
 */
public record ProtectiveSpec(ProtectiveKind kind, Symbol symbol, Side side, long quantity, long triggerPrice,
    long limitPrice, Trail trail, TimeInForce tif, Venue venue) {

  public ProtectiveSpec {
    venue = Venue.orDefault(venue);
    tif = tif == null ? TimeInForce.DAY : tif;
    if (kind == null || symbol == null || side == null) {
      throw new IllegalArgumentException("kind, symbol and side are required");
    }
    if (quantity <= 0) {
      throw new IllegalArgumentException("quantity must be positive: " + quantity);
    }
    if (limitPrice < 0) {
      throw new IllegalArgumentException("limit price must be positive, or 0 for a market child: " + limitPrice);
    }
    if ((kind == ProtectiveKind.TRAILING_STOP) != (trail != null)) {
      throw new IllegalArgumentException(kind == ProtectiveKind.TRAILING_STOP ? "a trailing stop needs a trail"
          : kind + " takes no trail");
    }
    if (kind == ProtectiveKind.TRAILING_STOP ? triggerPrice < 0 || limitPrice != 0 : triggerPrice <= 0) {
      throw new IllegalArgumentException(kind == ProtectiveKind.TRAILING_STOP
          ? "a trailing stop sends a market order and starts at a trigger >= 0, got " + triggerPrice + "/" + limitPrice
          : kind + " needs a positive trigger, got " + triggerPrice);
    }
  }

  /** Sell (or buy) at market once a print is at or through {@code trigger} against the position. */
  public static ProtectiveSpec stopMarket(Symbol symbol, Side side, long quantity, long trigger) {
    return new ProtectiveSpec(ProtectiveKind.STOP, symbol, side, quantity, trigger, 0, null, null, null);
  }

  /** A limit order at {@code limit} once a print is at or through {@code trigger} against the position. */
  public static ProtectiveSpec stopLimit(Symbol symbol, Side side, long quantity, long trigger, long limit) {
    return new ProtectiveSpec(ProtectiveKind.STOP, symbol, side, quantity, trigger, limit, null, null, null);
  }

  /** A market order once a print is at or through {@code trigger} in the position's favour. */
  public static ProtectiveSpec takeProfitMarket(Symbol symbol, Side side, long quantity, long trigger) {
    return new ProtectiveSpec(ProtectiveKind.TAKE_PROFIT, symbol, side, quantity, trigger, 0, null, null, null);
  }

  /** A limit order at {@code limit} once a print is at or through {@code trigger} in the position's favour. */
  public static ProtectiveSpec takeProfitLimit(Symbol symbol, Side side, long quantity, long trigger, long limit) {
    return new ProtectiveSpec(ProtectiveKind.TAKE_PROFIT, symbol, side, quantity, trigger, limit, null, null, null);
  }

  /** A stop that trails the best print by {@code trail}, starting from the first print it sees. */
  public static ProtectiveSpec trailingStop(Symbol symbol, Side side, long quantity, Trail trail) {
    return new ProtectiveSpec(ProtectiveKind.TRAILING_STOP, symbol, side, quantity, 0, 0, trail, null, null);
  }

  /** The same order living {@code until}. */
  public ProtectiveSpec until(TimeInForce until) {
    return new ProtectiveSpec(kind, symbol, side, quantity, triggerPrice, limitPrice, trail, until, venue);
  }

  /** The same order judged on and sent to {@code other}. */
  public ProtectiveSpec on(Venue other) {
    return new ProtectiveSpec(kind, symbol, side, quantity, triggerPrice, limitPrice, trail, tif, other);
  }

  /** The same order for {@code n} shares. */
  public ProtectiveSpec withQuantity(long n) {
    return new ProtectiveSpec(kind, symbol, side, n, triggerPrice, limitPrice, trail, tif, venue);
  }

  /** The order it sends when it fires at {@code trigger}, for {@code shares} shares. */
  public OrderSpec child(long shares, long trigger) {
    long limit = trail != null ? trail.childLimit(trigger) : limitPrice;
    OrderType type = limit > 0 ? OrderType.LIMIT : OrderType.MARKET;
    return new OrderSpec(symbol, side, type, shares, limit, venue);
  }

  /**
   * The order that carries this stop-limit at its venue (KIS's {@code ORD_DVSN 22}): {@code shares}
   * shares, the trigger as its stop price and the limit as its price. Only a stop with a limit.
   */
  public OrderSpec asVenueStopLimit(long shares) {
    if (kind != ProtectiveKind.STOP || limitPrice <= 0 || trail != null) {
      throw new IllegalStateException(kind + " with limit " + limitPrice + " is not a stop-limit");
    }
    return OrderSpec.stopLimit(symbol, side, shares, triggerPrice, limitPrice, venue);
  }

  /** Whether a print on {@code printVenue} counts for this order: its own venue's, or any for a router (SOR). */
  public boolean judgedOn(Venue printVenue) {
    return venue.isRouter() || venue == Venue.orDefault(printVenue);
  }
}
