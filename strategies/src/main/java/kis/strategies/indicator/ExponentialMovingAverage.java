package kis.strategies.indicator;

/**
 * Exponential moving average with smoothing {@code 2 / (period + 1)}, seeded with the simple
 * average of the first {@code period} values (so it is ready, and unbiased, from then on).
 */
public final class ExponentialMovingAverage {
  private final int period;
  private final double alpha;
  private int seen;
  private double seedSum;
  private double value;

  public ExponentialMovingAverage(int period) {
    if (period < 1) {
      throw new IllegalArgumentException("period must be at least 1: " + period);
    }
    this.period = period;
    this.alpha = 2.0 / (period + 1);
  }

  public ExponentialMovingAverage update(double v) {
    seen++;
    if (seen < period) {
      seedSum += v;
    } else if (seen == period) {
      value = (seedSum + v) / period;
    } else {
      value += alpha * (v - value);
    }
    return this;
  }

  public boolean isReady() {
    return seen >= period;
  }

  public double value() {
    if (!isReady()) {
      throw new IllegalStateException("needs " + period + " values, has " + seen);
    }
    return value;
  }
}
