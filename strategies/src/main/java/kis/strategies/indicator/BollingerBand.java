package kis.strategies.indicator;

/**
 * Mean and standard deviation of the last {@code period} values, and the band
 * {@code mean ± k·sd} around them: the volatility band a mean-reversion or breakout rule trades.
 */
public final class BollingerBand {
  private final RollingWindow window;
  private final double k;

  public BollingerBand(int period, double k) {
    if (period < 2) {
      throw new IllegalArgumentException("a band needs a period of at least 2: " + period);
    }
    if (!(k > 0)) {
      throw new IllegalArgumentException("band width must be positive: " + k);
    }
    this.window = new RollingWindow(period);
    this.k = k;
  }

  public BollingerBand update(double v) {
    window.add(v);
    return this;
  }

  public boolean isReady() {
    return window.isFull();
  }

  /** Values held, at most the period. */
  public int count() {
    return window.count();
  }

  public int period() {
    return window.size();
  }

  public double mean() {
    requireReady();
    return window.mean();
  }

  public double stdDev() {
    requireReady();
    return window.stdDev();
  }

  public double upper() {
    return mean() + k * stdDev();
  }

  public double lower() {
    return mean() - k * stdDev();
  }

  /** How many standard deviations {@code v} lies from the mean; 0 when the window is flat. */
  public double zScore(double v) {
    double sd = stdDev();
    return sd == 0 ? 0 : (v - mean()) / sd;
  }

  private void requireReady() {
    if (!isReady()) {
      throw new IllegalStateException("needs " + window.size() + " values, has " + window.count());
    }
  }
}
