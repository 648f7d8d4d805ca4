package kis.strategies.event;

import java.time.Instant;
import java.util.Optional;
import kis.journal.Symbol;
import kis.journal.Venue;
import kis.journal.calendar.MarketPhase;

/**
 * A venue's session moved to another phase of its day, as the dated session table has it
 * ({@code kis.journal.calendar.SessionTable}): KRX's opening auction, continuous market, closing
 * auction, closing-price trades and after-market; NXT's pre-market, halts, main market and
 * after-market; for SOR the better of the two books at each moment; {@link MarketPhase#CLOSED}
 * outside its hours. Or, when {@code symbol} is set, one stock on that venue did: a volatility
 * interruption's two-minute call ({@link MarketPhase#VOLATILITY_INTERRUPTION}) and its end (back to
 * {@link MarketPhase#CONTINUOUS}). Orders entered during a call rest until its single-price match;
 * which order types the venue takes in each phase is {@code OrderCapabilities}'.
 *
 * <p>A live host delivers one at start-up (with no {@code previous}) and one at every change of the
 * agent's venue; the backtest delivers the venue's phases and each stock's VI from the history.
 * {@link SessionOpened}/{@link SessionClosed} still say when orders may go out.
 *
 * @param venue the venue whose phase this is
 * @param symbol the stock a stock-level phase applies to, or null for the whole venue
 * @param phase the phase from now on
 * @param previous the phase before, empty where not known (the one delivered at start-up)
 */
public record PhaseChanged(Venue venue, Symbol symbol, MarketPhase phase, Optional<MarketPhase> previous,
    Instant time) implements StrategyEvent {
  public PhaseChanged {
    previous = previous == null ? Optional.empty() : previous;
    if (venue == null || phase == null || time == null) {
      throw new IllegalArgumentException("venue, phase and time are required");
    }
  }

  /** The whole venue moved from {@code previous} (empty at start-up) to {@code phase}. */
  public PhaseChanged(Venue venue, MarketPhase phase, Optional<MarketPhase> previous, Instant time) {
    this(venue, null, phase, previous, time);
  }

  /** A phase whose previous one is not told, for the venue ({@code symbol} null) or one stock. */
  public PhaseChanged(Venue venue, Symbol symbol, MarketPhase phase, Instant time) {
    this(venue, symbol, phase, Optional.empty(), time);
  }

  /** The whole venue moved to {@code phase}. */
  public static PhaseChanged ofVenue(Venue venue, MarketPhase phase, Instant time) {
    return new PhaseChanged(venue, null, phase, Optional.empty(), time);
  }

  /** Whether this concerns one stock (a VI) rather than the whole venue. */
  public boolean isStockLevel() {
    return symbol != null;
  }
}
