package kis.journal;

/**
 * Brokerage fee and securities transaction tax, in parts per billion of the trade value.
 *
 * <p>Rounding: both are charged on an order's cumulative filled amount for the day (the order and
 * its revises) and rounded down to the won; each fill pays the increase ({@link #fillFee},
 * {@link #fillTax}). KIS publishes no rounding rule (shared/kis-api.md §7.4); this one makes the
 * total of an order independent of how its executions were reported, so fills booked one notice
 * at a time and fills inferred from {@code inquire-daily-ccld}'s cumulative amount cost the same,
 * and kis-sim charges the account the same way.
 *
 * <p>Defaults: the KIS non-face-to-face fee 0.0140527 % on both sides, and the 2026 KOSPI/KOSDAQ
 * transaction tax of 0.20 % (0.05 % + 0.15 % rural special tax) on sells only.
 */
public record CostModel(long feePpb, long sellTaxPpb) {
  private static final long BILLION = 1_000_000_000L;

  public static final CostModel KIS_2026 = new CostModel(140_527, 2_000_000);
  public static final CostModel FREE = new CostModel(0, 0);

  public CostModel {
    if (feePpb < 0 || sellTaxPpb < 0) {
      throw new IllegalArgumentException("rates must not be negative");
    }
  }

  /** The fee on a whole order that filled {@code tradeValue} won, rounded down. */
  public long fee(long tradeValue) {
    return Math.multiplyExact(tradeValue, feePpb) / BILLION;
  }

  /** The tax on a whole order that filled {@code tradeValue} won, rounded down; 0 for buys. */
  public long tax(Side side, long tradeValue) {
    return side == Side.SELL ? Math.multiplyExact(tradeValue, sellTaxPpb) / BILLION : 0;
  }

  /** Fee plus tax of an order of {@code qty} shares filled at {@code price}. */
  public long costs(Side side, long qty, long price) {
    long value = Math.multiplyExact(qty, price);
    return fee(value) + tax(side, value);
  }

  /**
   * The fee a fill of {@code fillValue} won pays on an order that had filled {@code filledBefore}
   * won before it: the increase of the order's rounded-down fee.
   */
  public long fillFee(long filledBefore, long fillValue) {
    return fee(Math.addExact(filledBefore, fillValue)) - fee(filledBefore);
  }

  /** The tax a fill pays, as {@link #fillFee}: the increase of the order's rounded-down tax. */
  public long fillTax(Side side, long filledBefore, long fillValue) {
    return tax(side, Math.addExact(filledBefore, fillValue)) - tax(side, filledBefore);
  }
}
