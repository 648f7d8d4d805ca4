package kis.journal.risk;

import kis.journal.PriceLimits;

/**
 * What the market says about one symbol right now.
 *
 * @param lastPrice the last trade price (the mark for unrealized P&L)
 * @param limits today's price band, from the base price (기준가)
 */
public record SymbolFacts(long lastPrice, PriceLimits limits) {
  public SymbolFacts {
    if (lastPrice <= 0 || limits == null) {
      throw new IllegalArgumentException("last price must be positive and limits known");
    }
  }

  public static SymbolFacts of(long lastPrice, long basePrice) {
    return new SymbolFacts(lastPrice, PriceLimits.forBase(basePrice));
  }

  public long basePrice() {
    return limits.base();
  }
}
