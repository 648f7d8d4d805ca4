package kis.strategies.indicator;

/**
 * The last {@code size} values, oldest first. The building block of the rolling indicators; a
 * plain ring buffer so that no indicator allocates per update.
 *
 * <p>The sum and the standard deviation are computed over the buffer when first asked after a
 * change and then kept until the next one: a band asks for its mean and deviation several times per
 * value (lower, upper, z-score), and recomputing gives the same bits anyway. While every value held
 * is a whole number small enough that no partial sum can pass 2^53 (prices and volumes in won and
 * shares), the loop's double additions are all exact, so the sum is also kept as a running long,
 * which is the same number without the pass.
 */
public final class RollingWindow {
  private final double[] values;
  private final double wholeBelow;
  private int next;
  private int count;
  private long wholeSum;
  private int notWhole;
  private boolean sumKnown;
  private double sum;
  private boolean stdDevKnown;
  private double stdDev;

  public RollingWindow(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("window size must be at least 1: " + size);
    }
    values = new double[size];
    wholeBelow = Math.scalb(1.0, 53) / size;
  }

  /** Adds {@code v}, dropping the oldest value once full. */
  public void add(double v) {
    if (count == values.length) {
      count(values[next], -1);
    }
    count(v, 1);
    values[next] = v;
    next = (next + 1) % values.length;
    sumKnown = false;
    stdDevKnown = false;
    if (count < values.length) {
      count++;
    }
  }

  private void count(double v, int sign) {
    if (Math.abs(v) < wholeBelow && v == Math.rint(v)) {
      wholeSum += sign * (long) v;
    } else {
      notWhole += sign;
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
    if (notWhole == 0) {
      return wholeSum;
    }
    if (!sumKnown) {
      double s = 0;
      for (int i = 0; i < count; i++) {
        s += values[i];
      }
      sum = s;
      sumKnown = true;
    }
    return sum;
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
    if (!stdDevKnown) {
      double m = mean();
      double ss = 0;
      for (int i = 0; i < count; i++) {
        double d = values[i] - m;
        ss += d * d;
      }
      stdDev = Math.sqrt(ss / (count - 1));
      stdDevKnown = true;
    }
    return stdDev;
  }

  public void clear() {
    next = 0;
    count = 0;
    wholeSum = 0;
    notWhole = 0;
    sumKnown = false;
    stdDevKnown = false;
  }
}
