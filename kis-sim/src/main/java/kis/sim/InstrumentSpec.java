package kis.sim;

import kis.journal.Symbol;

/**
 * One listed stock of the simulated universe.
 *
 * @param basePrice today's base price (기준가, yesterday's close), on the KRX grid
 * @param volatility annualised volatility of the price generator, e.g. 0.30
 * @param floatingShares listed shares (상장주수), drives trade sizes and investor flows
 */
public record InstrumentSpec(Symbol symbol, String name, long basePrice, double volatility, long floatingShares) {
  public InstrumentSpec {
    if (basePrice <= 0 || volatility < 0 || floatingShares <= 0 || name == null || name.isBlank()) {
      throw new IllegalArgumentException("bad instrument " + symbol);
    }
  }
}
