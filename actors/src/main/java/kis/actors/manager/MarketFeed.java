package kis.actors.manager;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import kis.actors.agent.StrategyHost;
import kis.connector.ws.KisFeedEvent;
import kis.journal.Symbol;
import kis.strategies.event.MarketEvent;
import kis.strategies.event.Trade;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Where a strategy host gets its market data: the engine wiring subscribes the host's symbols
 * (the KIS supervisor in production); tests push events themselves.
 */
@FunctionalInterface
public interface MarketFeed {

  /** Deliver {@code symbol}'s market events to {@code host} as {@link StrategyHost.OnMarket}, until it stops. */
  void subscribe(Symbol symbol, ActorRef<StrategyHost.Command> host);

  /**
   * Deliver {@code symbol}'s daily investor flows to {@code host} as {@link StrategyHost.OnMarket},
   * each finished day once, oldest first, until it stops. Asked only for a strategy that
   * {@linkplain kis.strategies.Strategy#consumesInvestorFlows() consumes them}; none by default.
   */
  default void subscribeInvestorFlows(Symbol symbol, ActorRef<StrategyHost.Command> host) {}

  /** No market data (an agent driven by timers only, or a test that pushes events itself). */
  MarketFeed NONE = (symbol, host) -> {};

  ZoneId KST = ZoneId.of("Asia/Seoul");

  /** A KIS websocket trade as a strategy's {@link Trade}; empty for expected prices and empty prints. */
  static Optional<MarketEvent> fromKis(KisFeedEvent e) {
    if (e instanceof KisFeedEvent.Trade t && t.price() > 0 && t.volume() > 0
        && (t.hourClsCode() == null || t.hourClsCode().isEmpty() || "0".equals(t.hourClsCode()))) {
      return Optional.of(new Trade(Symbol.of(t.symbol()),
          ZonedDateTime.of(t.businessDate(), t.time(), KST).toInstant(), t.price(), t.volume(),
          Math.max(0, t.cumulativeVolume())));
    }
    return Optional.empty();
  }
}
