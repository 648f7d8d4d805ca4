package kis.strategies.indicator;

/**
 * Volume-weighted average price since the last {@link #reset()} (normally the session open).
 * Integer sums, so it is exact; the value is rounded to a double only when read.
 */
public final class Vwap {
  private long value;
  private long volume;

  /** Adds {@code quantity} traded at {@code price}. */
  public Vwap update(long price, long quantity) {
    if (price <= 0 || quantity < 0) {
      throw new IllegalArgumentException("bad trade " + price + " x " + quantity);
    }
    value = Math.addExact(value, Math.multiplyExact(price, quantity));
    volume += quantity;
    return this;
  }

  /**
   * Adds a bar at its typical price {@code (high + low + close) / 3}, the usual proxy when only
   * candles are known.
   */
  public Vwap updateBar(long high, long low, long close, long barVolume) {
    return update(Math.max(1, (high + low + close) / 3), barVolume);
  }

  public boolean isReady() {
    return volume > 0;
  }

  public double value() {
    if (!isReady()) {
      throw new IllegalStateException("no volume yet");
    }
    return (double) value / volume;
  }

  public long volume() {
    return volume;
  }

  public void reset() {
    value = 0;
    volume = 0;
  }
}
