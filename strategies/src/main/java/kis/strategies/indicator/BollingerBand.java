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

  /**
   * True only if {@code v >= lower()} holds, answered without the window's pass over its values
   * when {@code v} is clearly above the lower edge; false means "ask {@link #lower()}". The margin
   * covers every rounding in {@code lower()} ({@code mean - k * stdDev}), so no value on which
   * {@code v < lower()} is true is ever called inside.
   */
  public boolean surelyNotBelowLower(double v) {
    double m = mean();
    double reach = k * window.stdDevLowerBound();
    return m - v < reach - slack(m, reach);
  }

  /** True only if {@code v <= upper()} holds; as {@link #surelyNotBelowLower}, for the upper edge. */
  public boolean surelyNotAboveUpper(double v) {
    double m = mean();
    double reach = k * window.stdDevLowerBound();
    return v - m < reach - slack(m, reach);
  }

  /** More than the rounding of {@code k * stdDev} and of adding it to or taking it from {@code m}. */
  private static double slack(double m, double reach) {
    return 4 * (Math.ulp(m) + Math.ulp(reach)) + reach * 1e-12;
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
