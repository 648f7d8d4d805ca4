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
 *
 * <p>While every value is whole the window also keeps the exact sum of squares (128 bits), from
 * which {@link #stdDevLowerBound} gives a bound under the deviation without the pass: a band that
 * only needs to know a value is inside it asks that first (see {@code BollingerBand}).
 */
public final class RollingWindow {
  private final double[] values;
  private final double wholeBelow;
  private int next;
  private int count;
  private long wholeSum;
  /** The exact sum of the squares of the whole values held, as a signed 128-bit number (high, low). */
  private long squaresHigh;
  private long squaresLow;
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
    if (++next == values.length) { // a wrap, not a division per value: every bar of every band adds one
      next = 0;
    }
    sumKnown = false;
    stdDevKnown = false;
    if (count < values.length) {
      count++;
    }
  }

  private void count(double v, int sign) {
    if (Math.abs(v) < wholeBelow && v == Math.rint(v)) {
      long x = (long) v;
      wholeSum += sign * x;
      long lo = x * x;
      long hi = Math.multiplyHigh(x, x);
      if (sign > 0) {
        long sum = squaresLow + lo;
        squaresHigh += hi + (Long.compareUnsigned(sum, squaresLow) < 0 ? 1 : 0);
        squaresLow = sum;
      } else {
        long diff = squaresLow - lo;
        squaresHigh -= hi + (Long.compareUnsigned(squaresLow, lo) < 0 ? 1 : 0);
        squaresLow = diff;
      }
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

  /**
   * A number never above {@link #stdDev()}, without its pass over the values: from the exact sum
   * and sum of squares while every value held is whole, within a millionth of the deviation; 0
   * (a bound too) otherwise.
   *
   * <p>Why it is below: {@code stdDev()} sums the squared distances from its rounded mean, which
   * is at least the sum from the true mean, with a relative rounding error under {@code (n + 4)}
   * units in the last place (below 1e-10 for any window up to 100,000 values); this is the
   * exact figure, converted with an error under 1e-14, lowered by 1e-8.
   */
  public double stdDevLowerBound() {
    if (count < 2 || notWhole != 0) {
      return 0;
    }
    // n * sum(x^2) - sum(x)^2 = n * (n - 1) * variance, exactly, in 128 bits (both terms < 2^106).
    long n = count;
    long nLow = squaresLow * n;
    long nHigh = unsignedMultiplyHigh(squaresLow, n) + squaresHigh * n;
    long sLow = wholeSum * wholeSum;
    long sHigh = Math.multiplyHigh(wholeSum, wholeSum);
    long low = nLow - sLow;
    long high = nHigh - sHigh - (Long.compareUnsigned(nLow, sLow) < 0 ? 1 : 0);
    if (high < 0) {
      return 0; // cannot happen (a sum of squares); no bound rather than a wrong one
    }
    double scaled = high * 0x1p64 + unsignedToDouble(low);
    return Math.sqrt(scaled / ((double) n * (n - 1))) * (1 - 1e-8);
  }

  private static long unsignedMultiplyHigh(long a, long b) {
    return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
  }

  private static double unsignedToDouble(long v) {
    double d = (double) (v >>> 1) * 2.0;
    return d + (v & 1);
  }

  public void clear() {
    next = 0;
    count = 0;
    wholeSum = 0;
    squaresHigh = 0;
    squaresLow = 0;
    notWhole = 0;
    sumKnown = false;
    stdDevKnown = false;
  }
}
