package kis.strategies.event;

import java.time.Instant;
import java.util.Optional;
import kis.journal.Venue;
import kis.journal.calendar.MarketPhase;

/**
 * The agent's venue moved to another phase of its day, as the dated session table has it
 * ({@code kis.journal.calendar.SessionTable}): KRX's opening auction, continuous market, closing
 * auction, closing-price trades and after-market; NXT's pre-market, halts, main market and
 * after-market; for SOR the better of the two books at each moment; {@link MarketPhase#CLOSED}
 * outside its hours. A live host delivers one at start-up (with no {@code previous}) and one at
 * every change; {@link SessionOpened}/{@link SessionClosed} still say when orders may go out.
 *
 * @param venue the venue whose phase this is (the agent's {@code venue})
 * @param phase the phase from now on
 * @param previous the phase before, empty for the one delivered at start-up
 */
public record PhaseChanged(Venue venue, MarketPhase phase, Optional<MarketPhase> previous, Instant time)
    implements StrategyEvent {
  public PhaseChanged {
    if (venue == null || phase == null || previous == null || time == null) {
      throw new IllegalArgumentException("venue, phase, previous (maybe empty) and time are required");
    }
  }
}
