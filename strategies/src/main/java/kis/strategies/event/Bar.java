package kis.strategies.event;

import java.time.Duration;
import java.time.Instant;
import kis.journal.Symbol;

/**
 * A candle, delivered when it is complete: {@code time} is the end of the period (a one-minute
 * bar for 09:00-09:01 arrives at 09:01; a daily bar at the close), so a strategy never sees a
 * price before it happened.
 *
 * @param period one minute for KIS minute candles, one day for daily candles
 */
public record Bar(
    Symbol symbol, Instant time, Duration period, long open, long high, long low, long close, long volume)
    implements MarketEvent {

  public static final Duration MINUTE = Duration.ofMinutes(1);
  public static final Duration DAY = Duration.ofDays(1);

  public Bar {
    if (symbol == null || time == null || period == null) {
      throw new IllegalArgumentException("symbol, time and period are required");
    }
    if (low <= 0 || high < low || open < low || open > high || close < low || close > high || volume < 0) {
      throw new IllegalArgumentException(
          "inconsistent bar " + symbol + " " + time + ": O" + open + " H" + high + " L" + low + " C" + close
              + " V" + volume);
    }
  }

  /** When the period began. */
  public Instant start() {
    return time.minus(period);
  }
}
