package kis.journal;

/**
 * The daily price band: ±30 % of the base price (기준가, normally the previous close). The width is
 * rounded down to the tick of the base price and applied symmetrically; the bounds then lie on the
 * grid. This reproduces KIS's published examples (base 128,500 → 90,000..167,000; base 52,800 →
 * 37,000..68,600).
 */
public record PriceLimits(long base, long lower, long upper) {
  public static final int LIMIT_PERCENT = 30;

  public PriceLimits {
    if (base <= 0 || lower <= 0 || upper < lower) {
      throw new IllegalArgumentException("bad price limits " + lower + ".." + upper + " for base " + base);
    }
  }

  public static PriceLimits forBase(long base) {
    if (base <= 0) {
      throw new IllegalArgumentException("base price must be positive: " + base);
    }
    long tick = KrxTick.tickSize(base);
    long width = base * LIMIT_PERCENT / 100 / tick * tick;
    long upper = KrxTick.roundDown(base + width);
    long lower = Math.max(1, KrxTick.roundUp(Math.max(1, base - width)));
    return new PriceLimits(base, lower, upper);
  }

  public boolean contains(long price) {
    return price >= lower && price <= upper;
  }
}
