package kis.journal.risk;

import java.util.Optional;
import kis.journal.OrderSpec;
import kis.journal.Symbol;
import kis.journal.state.AgentState;
import kis.journal.state.Order;

/**
 * An agent's own limits as the {@link RiskGuard} consults them: declared symbols, then per-order
 * and per-day limits of the agent's own. Pure. The configured implementation
 * ({@code kis.actors.risk.AgentLimits}) lives with the account limits in the shell; the guard needs
 * only these three questions, each answered with the first limit broken or empty.
 */
public interface OwnLimits {

  /** No limit of the agent's own (the engine-wide ones still apply). */
  OwnLimits NONE = new OwnLimits() {
    @Override
    public Optional<RiskDecision> checkSymbol(Symbol symbol) {
      return Optional.empty();
    }

    @Override
    public Optional<RiskDecision> check(OrderSpec spec, AgentState state, MarketFacts market, DayCounters today) {
      return Optional.empty();
    }

    @Override
    public Optional<RiskDecision> checkRevise(Order order, long newPrice, AgentState state, MarketFacts market,
      DayCounters today) {
      return Optional.empty();
    }
  };

  /** A denial when the agent may not trade {@code symbol} at all. */
  Optional<RiskDecision> checkSymbol(Symbol symbol);

  /** The first of the agent's limits a new order {@code spec} breaks, if any. */
  Optional<RiskDecision> check(OrderSpec spec, AgentState state, MarketFacts market, DayCounters today);

  /** The first of the agent's limits a revise of {@code order} to {@code newPrice} breaks, if any. */
  Optional<RiskDecision> checkRevise(Order order, long newPrice, AgentState state, MarketFacts market,
      DayCounters today);
}
