package kis.strategies.event;

import java.time.Instant;
import kis.journal.Symbol;

/**
 * One execution on the exchange (KIS {@code H0STCNT0}: {@code STCK_PRPR}, {@code CNTG_VOL},
 * {@code ACML_VOL}).
 *
 * @param cumulativeVolume the day's volume including this trade, 0 if unknown
 */
public record Trade(Symbol symbol, Instant time, long price, long quantity, long cumulativeVolume)
    implements MarketEvent {
  public Trade {
    if (symbol == null || time == null) {
      throw new IllegalArgumentException("symbol and time are required");
    }
    if (price <= 0 || quantity <= 0 || cumulativeVolume < 0) {
      throw new IllegalArgumentException("trade needs a positive price and quantity: " + price + " x " + quantity);
    }
  }
}
