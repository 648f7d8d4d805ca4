package kis.strategies.indicator;

/**
 * The latest volume relative to the average of the {@code period} volumes before it: 3.0 means
 * three times the recent norm. The latest value is not part of its own baseline, so a spike
 * cannot dampen itself.
 */
public final class VolumeRatio {
  private final RollingWindow baseline;
  private double ratio = Double.NaN;

  public VolumeRatio(int period) {
    baseline = new RollingWindow(period);
  }

  /** Adds the next volume and returns its ratio (NaN until {@code period} volumes came before it). */
  public double update(long volume) {
    if (volume < 0) {
      throw new IllegalArgumentException("volume must not be negative: " + volume);
    }
    if (baseline.isFull()) {
      double mean = baseline.mean();
      ratio = mean == 0 ? (volume == 0 ? 1.0 : Double.POSITIVE_INFINITY) : volume / mean;
    }
    baseline.add(volume);
    return ratio;
  }

  /** Volumes seen, counted up to the {@code period + 1} the first ratio needs. */
  public int count() {
    return baseline.count() + (isReady() ? 1 : 0);
  }

  /** Volumes needed before the first ratio: the period, then the one it judges. */
  public int needed() {
    return baseline.size() + 1;
  }

  public boolean isReady() {
    return !Double.isNaN(ratio);
  }

  public double value() {
    if (!isReady()) {
      throw new IllegalStateException("needs " + (baseline.size() + 1) + " volumes");
    }
    return ratio;
  }
}
