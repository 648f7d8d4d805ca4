package kis.journal;

/**
 * How far a trailing stop follows the best price since it was armed: a number of ticks on the KRX
 * grid, or basis points (1/100 of a percent, so 250 is 2.5 %) of that price. The trigger only ever
 * moves in the trade's favour: up for a sell stop, down for a buy stop.
 *
 * @param limitTicks null: the stop sends a market order; otherwise a limit order this many ticks
 *     from the trigger it fired at (negative: below it, so a sell may give up that much; positive: above)
 */
public record Trail(Unit unit, long amount, Integer limitTicks) {

  /** Ticks of the grid, or basis points of the best price. */
  public enum Unit {
    TICKS,
    BASIS_POINTS
  }

  public Trail {
    if (unit == null) {
      throw new IllegalArgumentException("trail unit is required");
    }
    if (amount <= 0 || (unit == Unit.TICKS && amount > 1_000) || (unit == Unit.BASIS_POINTS && amount >= 10_000)) {
      throw new IllegalArgumentException("trail of " + amount + " " + unit + " is out of range");
    }
    if (limitTicks != null && Math.abs(limitTicks) > 1_000) {
      throw new IllegalArgumentException("limit of " + limitTicks + " ticks from the trigger is out of range");
    }
  }

  /** Trails by {@code n} ticks; fires a market order. */
  public static Trail ticks(long n) {
    return new Trail(Unit.TICKS, n, null);
  }

  /** {@code bps} basis points: {@code basisPoints(150)} trails by 1.5 %; fires a market order. */
  public static Trail basisPoints(long bps) {
    return new Trail(Unit.BASIS_POINTS, bps, null);
  }

  /** The same trail firing a limit order {@code ticks} ticks from its trigger (a trailing stop-limit). */
  public Trail limitAt(int ticks) {
    return new Trail(unit, amount, ticks);
  }

  /** The child's limit for a stop that fired at {@code trigger}, or 0 (a market order). */
  public long childLimit(long trigger) {
    if (limitTicks == null) {
      return 0;
    }
    long p = trigger;
    for (int i = 0; i < Math.abs(limitTicks); i++) {
      p = limitTicks > 0 ? p + KrxTick.tickSize(p) : Math.max(1, p - KrxTick.tickSize(p - 1));
    }
    return p;
  }

  /**
   * The trigger this trail puts at {@code distance} from {@code best} (a grid price) for a stop on
   * {@code side}: below it for a sell, above it for a buy, on the grid, rounded away from
   * {@code best} so the distance is never less than asked.
   */
  public long triggerFrom(long best, Side side) {
    boolean sell = side == Side.SELL;
    if (unit == Unit.TICKS) {
      long p = best;
      for (long i = 0; i < amount; i++) {
        long next = sell ? p - KrxTick.tickSize(p - 1) : p + KrxTick.tickSize(p);
        if (next <= 0) {
          return KrxTick.tickSize(1); // the lowest grid price: a sell stop cannot sit below it
        }
        p = next;
      }
      return p;
    }
    long offset = Math.multiplyExact(best, amount) / 10_000;
    long raw = sell ? best - Math.max(1, offset) : best + Math.max(1, offset);
    if (raw <= 0) {
      return 1;
    }
    return sell ? KrxTick.roundDown(raw) : KrxTick.roundUp(raw);
  }
}
