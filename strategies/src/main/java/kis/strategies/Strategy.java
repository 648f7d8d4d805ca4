package kis.strategies;

import java.util.List;
import java.util.Set;
import kis.journal.Symbol;
import kis.strategies.event.StrategyEvent;

/**
 * A trading strategy: a plain object that turns events into {@link Intent}s. The same instance
 * type runs inside a live agent actor, against kis-sim, and in the backtest.
 *
 * <h2>Contract</h2>
 *
 * <ul>
 *   <li><b>Threading.</b> The host calls {@link #onEvent} from one thread at a time (an actor, or
 *       the backtest loop), never concurrently; a strategy needs no locks.
 *   <li><b>No I/O, no clock, no randomness.</b> A strategy reads time only from
 *       {@link StrategyContext#now()} and the events, and never touches files, the network,
 *       {@code System.currentTimeMillis()} or an unseeded random. Given the same events and
 *       contexts it returns the same intents: that is what makes a backtest mean something.
 *   <li><b>Events, in order.</b> Market data for {@link #symbols()} ({@code Trade},
 *       {@code OrderBookUpdate}, {@code Bar}, {@code InvestorFlow}); its own order events as
 *       {@code OrderUpdate} after the agent's state has folded them; {@code TimerFired} for timers
 *       it set; {@code SessionOpened} when the regular session opens (or at start-up if it is
 *       already open) and {@code SessionClosed} when it closes, after which working orders
 *       expire.
 *   <li><b>Answers.</b> It returns the intents for this event, possibly none ({@code List.of()}),
 *       never null. Placements in one answer get consecutive client order ids
 *       ({@link StrategyContext#nextOrderId}). The host may refuse an intent (tick grid, price
 *       limit, risk, cash, holdings); the refusal arrives as an {@code OrderUpdate} carrying
 *       {@code OrderDenied}. A live refusal that repeats one journaled within
 *       {@code kis-trader.risk.denial-repeat-window} takes no id: it comes under the repeated
 *       denial's id, at the next market event or timer (the answer's later placements take the ids from it on).
 *   <li><b>Truth is the state.</b> Positions and working orders are read from
 *       {@link StrategyContext#state()}, never tracked on the side: a live agent may restart,
 *       and then only the journal's state comes back; the strategy's own fields (indicators) are
 *       rebuilt from market data.
 *   <li><b>Failures.</b> An exception from {@link #onEvent} is a bug: the backtest stops with it,
 *       a live agent drops the event's intents and parks after repeated failures.
 * </ul>
 *
 * <p>Built-in strategies and user strategies are created from HOCON by {@code kis.strategies.registry.StrategyRegistry}.
 * Most strategies extend {@link BaseStrategy}, which dispatches to one method per event type.
 */
public interface Strategy {

  /** The symbols whose market data this strategy needs; fixed for its lifetime. */
  Set<Symbol> symbols();

  /** Handle one event; return what to do about it (never null). */
  List<Intent> onEvent(StrategyEvent event, StrategyContext ctx);

  /**
   * Whether this strategy decides on {@code Bar}s. A host whose feed brings trades but no minute
   * bars for a symbol (a live agent always; a backtest over trade prints) then builds one-minute
   * bars from the trades ({@link BarsFromTrades}) and delivers each right after the trade that
   * completed it. {@link BaseStrategy} answers true when the class overrides {@code onBar}.
   */
  default boolean consumesBars() {
    return false;
  }

  /**
   * Whether this strategy decides on {@code InvestorFlow}s (daily net buying by investor type).
   * The live engine then fetches them from KIS ({@code inquire-investor}) for its symbols and
   * delivers each finished day once, oldest first. {@link BaseStrategy} answers true when the class
   * overrides {@code onInvestorFlow}.
   */
  default boolean consumesInvestorFlows() {
    return false;
  }

  /**
   * Whether this strategy decides on every trade print (tick-level signals, tight stops it judges
   * itself). When the agents' symbols need more KIS websocket registrations than KIS allows, the
   * live engine streams such a strategy's symbols before others, whose prices it polls by REST
   * every few seconds (an agent's {@code market-data-priority} overrides). Default false: a
   * strategy on bars or on the last price is served by polled prices.
   */
  default boolean needsTicks() {
    return false;
  }

  /**
   * How far the strategy is through the history it needs before it can trade; {@link WarmUp#NONE}
   * when it needs none. Read by the host (same thread as {@link #onEvent}) for the dashboard.
   */
  default WarmUp warmUp() {
    return WarmUp.NONE;
  }
}
