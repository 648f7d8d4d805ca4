package kis.actors.manager;

import kis.actors.agent.StrategyHost;
import kis.journal.Symbol;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Where a strategy host gets its market data: the engine wiring subscribes the host's symbols
 * (the KIS supervisor in production, its prints turned into trades by kis-adapter's
 * {@code KisMarketData}); tests push events themselves.
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
}
