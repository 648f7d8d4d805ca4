package kis.strategies.indicator;

/**
 * Standard deviation of log returns over the last {@code period} price changes (per bar, not
 * annualised; multiply by {@code sqrt(bars per year)} for that).
 */
public final class Volatility {
  private final RollingWindow returns;
  private double lastPrice = Double.NaN;

  public Volatility(int period) {
    if (period < 2) {
      throw new IllegalArgumentException("volatility needs a period of at least 2: " + period);
    }
    returns = new RollingWindow(period);
  }

  public Volatility update(double price) {
    if (!(price > 0)) {
      throw new IllegalArgumentException("price must be positive: " + price);
    }
    if (!Double.isNaN(lastPrice)) {
      returns.add(Math.log(price / lastPrice));
    }
    lastPrice = price;
    return this;
  }

  public boolean isReady() {
    return returns.isFull();
  }

  public double value() {
    if (!isReady()) {
      throw new IllegalStateException("needs " + (returns.size() + 1) + " prices");
    }
    return returns.stdDev();
  }
}
