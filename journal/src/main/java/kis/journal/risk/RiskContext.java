package kis.journal.risk;

import java.time.Instant;
import kis.journal.calendar.MarketPhase;
import kis.journal.state.AgentState;

/**
 * Everything the risk guard looks at besides the order itself, gathered by the agent.
 *
 * @param state the agent's books (positions, working orders, cash flow)
 * @param market last prices and price bands of the symbols involved
 * @param today the agent's day counters (already {@link DayCounters#asOf moved} to today)
 * @param tradingState the agent's trading state
 * @param killSwitchEngaged whether the account's kill switch is latched
 * @param phase the KRX market phase now
 * @param now the engine clock
 * @param haltCause why the agent is {@link TradingState#HALTED}, shown in the denial (for example
 *     the KIS connection is not live); empty if it is not halted or no cause is known
 */
public record RiskContext(
    AgentState state,
    MarketFacts market,
    DayCounters today,
    TradingState tradingState,
    boolean killSwitchEngaged,
    MarketPhase phase,
    Instant now,
    String haltCause) {

  public RiskContext {
    haltCause = haltCause == null ? "" : haltCause;
  }

  /** A context without a halt cause. */
  public RiskContext(AgentState state, MarketFacts market, DayCounters today, TradingState tradingState,
      boolean killSwitchEngaged, MarketPhase phase, Instant now) {
    this(state, market, today, tradingState, killSwitchEngaged, phase, now, "");
  }
}
