package kis.strategies;

/**
 * How far a strategy is through the history it needs before it can decide anything: {@code have}
 * of {@code need} samples (bars, or days of flows) of the kind named by {@code unit}. The engine
 * shows it while an agent has not traded ("warming up (3 of 20 bars)").
 *
 * @param have samples seen so far (capped at {@code need} by the strategy or not; only the
 *     comparison matters)
 * @param need samples needed; 0 when the strategy needs no history
 * @param unit what a sample is, plural, e.g. {@code bars}
 */
public record WarmUp(long have, long need, String unit) {
  /** A strategy that needs no history. */
  public static final WarmUp NONE = new WarmUp(0, 0, "bars");

  public WarmUp {
    if (have < 0 || need < 0 || unit == null || unit.isBlank()) {
      throw new IllegalArgumentException("warm-up " + have + " of " + need + " " + unit);
    }
  }

  /** {@code have} of {@code need} bars. */
  public static WarmUp bars(long have, long need) {
    return new WarmUp(have, need, "bars");
  }

  public boolean done() {
    return have >= need;
  }
}
