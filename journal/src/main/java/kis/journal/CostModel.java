package kis.journal;

/**
 * Brokerage fee and securities transaction tax, in parts per billion of the trade value, both
 * rounded down to whole won per fill (KIS's rounding rule is not published; shared/kis-api.md §7.4).
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

  public long fee(long tradeValue) {
    return Math.multiplyExact(tradeValue, feePpb) / BILLION;
  }

  public long tax(Side side, long tradeValue) {
    return side == Side.SELL ? Math.multiplyExact(tradeValue, sellTaxPpb) / BILLION : 0;
  }

  /** Fee plus tax for one fill of {@code qty} shares at {@code price}. */
  public long costs(Side side, long qty, long price) {
    long value = Math.multiplyExact(qty, price);
    return fee(value) + tax(side, value);
  }
}
