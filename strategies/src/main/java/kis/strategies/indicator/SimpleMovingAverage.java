package kis.strategies.indicator;

/** Arithmetic mean of the last {@code period} values; ready once it has seen {@code period}. */
public final class SimpleMovingAverage {
  private final RollingWindow window;

  public SimpleMovingAverage(int period) {
    window = new RollingWindow(period);
  }

  public SimpleMovingAverage update(double value) {
    window.add(value);
    return this;
  }

  /** Values held, at most the period. */
  public int count() {
    return window.count();
  }

  public int period() {
    return window.size();
  }

  public boolean isReady() {
    return window.isFull();
  }

  public double value() {
    requireReady();
    return window.mean();
  }

  private void requireReady() {
    if (!isReady()) {
      throw new IllegalStateException("needs " + window.size() + " values, has " + window.count());
    }
  }
}
