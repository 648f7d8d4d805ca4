package kis.actors.risk;

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
 */
public record RiskContext(
    AgentState state,
    MarketFacts market,
    DayCounters today,
    TradingState tradingState,
    boolean killSwitchEngaged,
    MarketPhase phase,
    Instant now) {}
