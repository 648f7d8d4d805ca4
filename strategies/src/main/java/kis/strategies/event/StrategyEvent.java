package kis.strategies.event;

import java.time.Instant;

/**
 * Everything a {@link kis.strategies.Strategy} is told about, in the order it happened:
 * market data ({@link MarketEvent}), its own orders' fate ({@link OrderUpdate}), timers it set
 * ({@link TimerFired}), the trading day's open and close ({@link SessionOpened},
 * {@link SessionClosed}) and the venue's session phases ({@link PhaseChanged}).
 */
public sealed interface StrategyEvent
    permits MarketEvent, OrderUpdate, TimerFired, SessionOpened, SessionClosed, ProtectiveUpdate, PhaseChanged {

  /** When it happened, on the host's clock (exchange time for market data). */
  Instant time();
}
