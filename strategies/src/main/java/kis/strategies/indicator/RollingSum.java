package kis.strategies.indicator;

/** Exact sum of the last {@code period} whole numbers (net buying in shares, say). */
public final class RollingSum {
  private final long[] values;
  private int next;
  private int count;
  private long sum;

  public RollingSum(int period) {
    if (period < 1) {
      throw new IllegalArgumentException("period must be at least 1: " + period);
    }
    values = new long[period];
  }

  public RollingSum update(long v) {
    if (count == values.length) {
      sum -= values[next];
    } else {
      count++;
    }
    values[next] = v;
    sum += v;
    next = (next + 1) % values.length;
    return this;
  }

  /** Values held, at most the period. */
  public int count() {
    return count;
  }

  public int period() {
    return values.length;
  }

  public boolean isReady() {
    return count == values.length;
  }

  public long value() {
    return sum;
  }

  /** How many of the held values, counting back from the latest, are in a row strictly positive (or negative for {@code sign} -1). */
  public int streak(int sign) {
    int n = 0;
    for (int i = 1; i <= count; i++) {
      long v = values[Math.floorMod(next - i, values.length)];
      if (Long.signum(v) != sign) {
        break;
      }
      n++;
    }
    return n;
  }
}
