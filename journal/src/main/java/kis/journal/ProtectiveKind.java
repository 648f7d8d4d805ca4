package kis.journal;

/**
 * What a protective order watches for. Journaled by name.
 *
 * <p>Which way a trigger fires ({@link #firesAt}): a stop (and a trailing stop) fires when the price
 * moves against the position it protects: a sell stop at or below its trigger, a buy stop (covering
 * or chasing) at or above it. A take-profit fires the other way: a sell at or above, a buy at or below.
 */
public enum ProtectiveKind {
  STOP,
  TAKE_PROFIT,
  TRAILING_STOP;

  /** Whether a print at {@code price} reaches {@code trigger} for an order on {@code side}. */
  public boolean firesAt(Side side, long trigger, long price) {
    boolean below = (this == TAKE_PROFIT) == (side == Side.BUY);
    return below ? price <= trigger : price >= trigger;
  }
}
