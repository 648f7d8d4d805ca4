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
 */
final class EquityCurve extends AbstractList<BacktestResult.EquityPoint> implements RandomAccess {
  private long[] seconds;
  /** Null while every point's time is a whole second (minute bars): a third column a run never reads. */
  private int[] nanos;
  private long[] equity;
  private int size;
  private double peak;
  private double maxDrawdown;

  /** An empty curve whose drawdown starts from {@code initialCash}; room for {@code expected} points first. */
  EquityCurve(long initialCash, int expected) {
    int n = Math.max(16, expected);
    seconds = new long[n];
    equity = new long[n];
    peak = initialCash;
  }

  void append(Instant time, long value) {
    if (size == seconds.length) {
      int n = seconds.length * 2;
      seconds = Arrays.copyOf(seconds, n);
      nanos = nanos == null ? null : Arrays.copyOf(nanos, n);
      equity = Arrays.copyOf(equity, n);
    }
    seconds[size] = time.getEpochSecond();
    int nano = time.getNano();
    if (nano != 0 && nanos == null) {
      nanos = new int[seconds.length];
    }
    if (nanos != null) {
      nanos[size] = nano;
    }
    equity[size] = value;
    size++;
    peak = Math.max(peak, value);
    maxDrawdown = Math.max(maxDrawdown, (peak - value) / peak);
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
    return new BacktestResult.EquityPoint(Instant.ofEpochSecond(seconds[index], nanos == null ? 0 : nanos[index]), equity[index]);
  }

  @Override
  public int size() {
    return size;
  }
}
