package kis.strategies.indicator;

/**
 * The last {@code size} values, oldest first. The building block of the rolling indicators; a
 * plain ring buffer so that no indicator allocates per update.
 */
public final class RollingWindow {
  private final double[] values;
  private int next;
  private int count;

  public RollingWindow(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("window size must be at least 1: " + size);
    }
    values = new double[size];
  }

  /** Adds {@code v}, dropping the oldest value once full. */
  public void add(double v) {
    values[next] = v;
    next = (next + 1) % values.length;
    if (count < values.length) {
      count++;
    }
  }

  public int size() {
    return values.length;
  }

  public int count() {
    return count;
  }

  public boolean isFull() {
    return count == values.length;
  }

  /** The {@code i}-th value, 0 being the oldest held. */
  public double get(int i) {
    if (i < 0 || i >= count) {
      throw new IndexOutOfBoundsException(i);
    }
    int start = isFull() ? next : 0;
    return values[(start + i) % values.length];
  }

  /** The most recent value. */
  public double last() {
    return get(count - 1);
  }

  public double sum() {
    double s = 0;
    for (int i = 0; i < count; i++) {
      s += values[i];
    }
    return s;
  }

  public double mean() {
    if (count == 0) {
      throw new IllegalStateException("no values yet");
    }
    return sum() / count;
  }

  /** Sample standard deviation (n - 1), 0 with fewer than two values. */
  public double stdDev() {
    if (count < 2) {
      return 0;
    }
    double m = mean();
    double ss = 0;
    for (int i = 0; i < count; i++) {
      double d = values[i] - m;
      ss += d * d;
    }
    return Math.sqrt(ss / (count - 1));
  }

  public void clear() {
    next = 0;
    count = 0;
  }
}
