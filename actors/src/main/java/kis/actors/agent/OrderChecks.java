package kis.actors.agent;

import java.util.Optional;
import kis.journal.OrderSpec;
import kis.journal.RejectReason;
import kis.journal.risk.PreTrade;
import kis.journal.risk.RiskDecision;
import kis.journal.state.AgentState;

/**
 * What an agent checks itself when it journals an order: only what its own books must never
 * allow (an order type it cannot track, selling shares it does not have free), both
 * {@link PreTrade}'s rules. The market rules (session, tick grid, ±30 % band from KIS's base
 * price) and every risk limit are the {@link kis.journal.risk.RiskGuard}'s, checked once, before
 * the agent is asked. Pure.
 */
final class OrderChecks {
  private OrderChecks() {}

  /** A refusal with its reason, or empty when the order may go out. */
  record Refusal(RejectReason reason, String detail) {}

  static Optional<Refusal> newOrder(AgentState state, OrderSpec spec) {
    Optional<RiskDecision> no = PreTrade.tradedType(spec);
    if (no.isEmpty()) {
      // Checked here too (not only in the risk guard) because it guards the books' own invariant
      // against the agent's freshest state, whoever sends the order.
      no = PreTrade.freeToSell(spec, state);
    }
    return no.map(d -> (RiskDecision.Deny) d).map(d -> new Refusal(d.reason(), d.detail()));
  }
}
