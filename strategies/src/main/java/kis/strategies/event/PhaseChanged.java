package kis.strategies.event;

import java.time.Instant;
import kis.journal.Symbol;
import kis.journal.Venue;
import kis.journal.calendar.MarketPhase;

/**
 * A venue's session moved to {@code phase} (its opening call auction, continuous trading, the
 * closing call auction, closed, ...), or, when {@code symbol} is set, one stock on that venue did:
 * a volatility interruption's two-minute call ({@link MarketPhase#VOLATILITY_INTERRUPTION}) and its
 * end (back to {@link MarketPhase#CONTINUOUS}). Orders entered during a call rest until its single
 * price match; which order types the venue takes in each phase is {@code OrderCapabilities}'.
 *
 * @param symbol the stock a stock-level phase applies to, or null for the whole venue
 */
public record PhaseChanged(Venue venue, Symbol symbol, MarketPhase phase, Instant time) implements StrategyEvent {
  public PhaseChanged {
    if (venue == null || phase == null || time == null) {
      throw new IllegalArgumentException("venue, phase and time are required");
    }
  }

  /** The whole venue moved to {@code phase}. */
  public static PhaseChanged ofVenue(Venue venue, MarketPhase phase, Instant time) {
    return new PhaseChanged(venue, null, phase, time);
  }

  /** Whether this concerns one stock (a VI) rather than the whole venue. */
  public boolean isStockLevel() {
    return symbol != null;
  }
}
