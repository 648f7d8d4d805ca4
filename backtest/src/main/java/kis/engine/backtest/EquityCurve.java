package kis.engine.backtest;

import java.time.Instant;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;

/**
 * A backtest's equity curve as it is sampled (one point per new minute), kept in columns of
 * primitives and read as an immutable list of {@link BacktestResult.EquityPoint}s, which it equals
 * and hashes as any list of the same points.
 *
 * <p>Why: a run over minute bars samples a point per event, and holding each as an object (and its
 * reference in one huge array) cost more than the strategy's decision on the bar: an allocation per
 * event that outlives every young collection, and a barriered store into an old array. The points
 * are made only when read (reports, tests). The largest fall from a running peak is kept as the
 * points arrive, with the same arithmetic in the same order as {@link Summary#of}'s pass over them,
 * so the summary's figure is the same double.
 *
 * <p>The columns hold each point's second and equity as an {@code int} from the first point's second
 * and from the initial cash (a run's points lie within decades of each other and its equity within
 * ±2.1 billion won of its start, as a rule), widened to {@code long} for the whole column the first
 * time a point does not fit: half the memory a run preallocates (6 instead of 12.5 MB for 2,000 days
 * of minute bars), which every sweep worker zeroes, writes once per event and, while the run lasts,
 * the young collections copy.
 */
final class EquityCurve extends AbstractList<BacktestResult.EquityPoint> implements RandomAccess {
  private final long initialCash;
  /** The first point's second: what {@link #seconds} counts from. */
  private long firstSecond;
  /** Seconds from {@link #firstSecond}; null once widened to {@link #wideSeconds}. */
  private int[] seconds;
  private long[] wideSeconds;
  /** Null while every point's time is a whole second (minute bars): a third column a run never reads. */
  private int[] nanos;
  /** Won from the initial cash; null once widened to {@link #wideEquity}. */
  private int[] equity;
  private long[] wideEquity;
  private int capacity;
  private int size;
  private long last;
  private double peak;
  private double maxDrawdown;

  /** An empty curve whose drawdown starts from {@code initialCash}; room for {@code expected} points first. */
  EquityCurve(long initialCash, int expected) {
    this.initialCash = initialCash;
    capacity = Math.max(16, expected);
    seconds = new int[capacity];
    equity = new int[capacity];
    peak = initialCash;
  }

  void append(Instant time, long value) {
    if (size == capacity) {
      grow();
    }
    long second = time.getEpochSecond();
    if (size == 0) {
      firstSecond = second;
    }
    long fromFirst = second - firstSecond;
    if (seconds != null && fromFirst != (int) fromFirst) {
      wideSeconds = widen(seconds, firstSecond, size);
      seconds = null;
    }
    if (seconds != null) {
      seconds[size] = (int) fromFirst;
    } else {
      wideSeconds[size] = second;
    }
    int nano = time.getNano();
    if (nano != 0 && nanos == null) {
      nanos = new int[capacity];
    }
    if (nanos != null) {
      nanos[size] = nano;
    }
    long fromCash = value - initialCash;
    if (equity != null && fromCash != (int) fromCash) {
      wideEquity = widen(equity, initialCash, size);
      equity = null;
    }
    if (equity != null) {
      equity[size] = (int) fromCash;
    } else {
      wideEquity[size] = value;
    }
    boolean same = size > 0 && value == last;
    size++;
    last = value;
    if (same) {
      // Most minutes of a run are flat: the peak already covers this value and the fall from it is
      // the one kept last time, so both maxima are unchanged (no division per event).
      return;
    }
    peak = Math.max(peak, value);
    maxDrawdown = Math.max(maxDrawdown, (peak - value) / peak);
  }

  private void grow() {
    capacity *= 2;
    seconds = seconds == null ? null : Arrays.copyOf(seconds, capacity);
    wideSeconds = wideSeconds == null ? null : Arrays.copyOf(wideSeconds, capacity);
    nanos = nanos == null ? null : Arrays.copyOf(nanos, capacity);
    equity = equity == null ? null : Arrays.copyOf(equity, capacity);
    wideEquity = wideEquity == null ? null : Arrays.copyOf(wideEquity, capacity);
  }

  private long[] widen(int[] narrow, long origin, int n) {
    long[] wide = new long[capacity];
    for (int i = 0; i < n; i++) {
      wide[i] = origin + narrow[i];
    }
    return wide;
  }

  /** The largest fall from a running peak (the initial cash or a point before), as a fraction of that peak. */
  double maxDrawdown() {
    return maxDrawdown;
  }

  @Override
  public BacktestResult.EquityPoint get(int index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException(index);
    }
    long second = seconds != null ? firstSecond + seconds[index] : wideSeconds[index];
    long value = equity != null ? initialCash + equity[index] : wideEquity[index];
    return new BacktestResult.EquityPoint(Instant.ofEpochSecond(second, nanos == null ? 0 : nanos[index]), value);
  }

  @Override
  public int size() {
    return size;
  }
}
