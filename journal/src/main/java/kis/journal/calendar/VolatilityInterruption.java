package kis.journal.calendar;

import java.time.Duration;

/**
 * KRX's volatility interruption (변동성완화장치, shared/krx-nxt-2026.md §5): in continuous trading, a
 * trade that would print too far from a reference does not print; the stock goes into a two-minute
 * single-price call instead ({@link MarketPhase#VOLATILITY_INTERRUPTION}), matched by
 * {@link SinglePriceMatch}. The one copy of the thresholds, for kis-sim (which starts a VI) and the
 * backtest (which reads one from history).
 *
 * <ul>
 *   <li>static VI: {@value #STATIC_PERCENT} % from the static reference, the last single-price
 *       result of the day (the opening match, then each VI's match; before the open, the base);
 *   <li>dynamic VI: {@value #DYNAMIC_PERCENT} % from the last trade, the rate of a stock outside
 *       KOSPI200 (KOSPI200 names: 3 %; closing auction: 2 % / 4 %). Neither kis-sim nor history
 *       says which index a stock is in, so both use the wider rate: a move of it is a VI for
 *       every stock.
 * </ul>
 * KRX ends a VI's call with a random delay of up to 30 seconds after the two minutes; this
 * model does not.
 */
public final class VolatilityInterruption {
  /** Static VI: a print this many percent from the static reference. */
  public static final long STATIC_PERCENT = 10;
  /** Dynamic VI: a print this many percent from the last trade (stocks outside KOSPI200). */
  public static final long DYNAMIC_PERCENT = 6;
  /** How long the single-price call of a VI takes orders before its match. */
  public static final Duration DURATION = Duration.ofMinutes(2);

  private VolatilityInterruption() {}

  /** Whether {@code price} is {@link #STATIC_PERCENT} % or more away from the static reference. */
  public static boolean staticTriggered(long reference, long price) {
    return reference > 0 && away(reference, price, STATIC_PERCENT);
  }

  /** Whether {@code price} is {@link #DYNAMIC_PERCENT} % or more away from the last trade. */
  public static boolean dynamicTriggered(long last, long price) {
    return last > 0 && away(last, price, DYNAMIC_PERCENT);
  }

  /** Either threshold; a reference or last price of 0 (not known yet) triggers nothing. */
  public static boolean triggered(long reference, long last, long price) {
    return staticTriggered(reference, price) || dynamicTriggered(last, price);
  }

  private static boolean away(long from, long price, long percent) {
    return Math.abs(price - from) * 100 >= percent * from;
  }
}
