package kis.strategies.indicator;

import java.time.Instant;
import java.util.Optional;
import kis.journal.Symbol;
import kis.strategies.event.Bar;
import kis.strategies.event.Trade;

/**
 * Builds one-minute bars of one symbol from its trades: what a live agent, which receives trades
 * ({@code H0STCNT0}) rather than candles, needs to run a bar-based strategy. A bar is complete
 * when a trade of a later minute arrives (or {@link #flush} is called once its minute is over);
 * minutes without trades produce no bar.
 */
public final class MinuteBars {
  private final Symbol symbol;
  private Instant end;
  private long open;
  private long high;
  private long low;
  private long close;
  private long volume;

  public MinuteBars(Symbol symbol) {
    this.symbol = symbol;
  }

  /** Adds a trade of this symbol; returns the bar of an earlier minute it completed, if any. */
  public Optional<Bar> add(Trade t) {
    if (!t.symbol().equals(symbol)) {
      throw new IllegalArgumentException("trade of " + t.symbol() + " given to the bars of " + symbol);
    }
    Instant bucketEnd = Instant.ofEpochSecond((t.time().getEpochSecond() / 60 + 1) * 60);
    Optional<Bar> done = Optional.empty();
    if (end != null && !bucketEnd.equals(end)) {
      done = flush(bucketEnd);
    }
    if (end == null) {
      end = bucketEnd;
      open = t.price();
      high = t.price();
      low = t.price();
      volume = 0;
    }
    high = Math.max(high, t.price());
    low = Math.min(low, t.price());
    close = t.price();
    volume += t.quantity();
    return done;
  }

  /** The bar in progress if its minute has ended by {@code now}. */
  public Optional<Bar> flush(Instant now) {
    if (end == null || now.isBefore(end)) {
      return Optional.empty();
    }
    Bar b = new Bar(symbol, end, Bar.MINUTE, open, high, low, close, volume);
    end = null;
    return Optional.of(b);
  }
}
