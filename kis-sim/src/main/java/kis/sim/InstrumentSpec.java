package kis.sim;

import kis.journal.Symbol;

/**
 * One listed stock of the simulated universe.
 *
 * @param basePrice today's base price (기준가, yesterday's close), on the KRX grid
 * @param volatility annualised volatility of the price generator, e.g. 0.30 (a daily 0.30 / √252 ≈ 1.9 %)
 * @param floatingShares listed shares (상장주수), drives trade sizes and investor flows
 * @param printsPerMinute the {@link PriceModel#CALIBRATED} model's average print rate over the
 *     session (its liquidity class's), before the intraday profile shapes it
 */
public record InstrumentSpec(Symbol symbol, String name, long basePrice, double volatility, long floatingShares,
    double printsPerMinute) {
  /** KRX's regular trading days in a year: the annual-to-daily volatility conversion. */
  static final double TRADING_DAYS = 252;
  /** The default print rate (the {@code normal} liquidity class of reference.conf). */
  static final double DEFAULT_PRINTS_PER_MINUTE = 40;

  public InstrumentSpec {
    if (basePrice <= 0 || volatility < 0 || floatingShares <= 0 || name == null || name.isBlank()
        || !(printsPerMinute > 0)) {
      throw new IllegalArgumentException("bad instrument " + symbol);
    }
  }

  public InstrumentSpec(Symbol symbol, String name, long basePrice, double volatility, long floatingShares) {
    this(symbol, name, basePrice, volatility, floatingShares, DEFAULT_PRINTS_PER_MINUTE);
  }

  /** The standard deviation of a day's log return: the annual volatility over √252. */
  public double dailyVolatility() {
    return volatility / Math.sqrt(TRADING_DAYS);
  }
}
