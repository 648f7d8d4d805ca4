package kis.actors.agent;

import java.util.Optional;
import kis.journal.OrderSpec;
import kis.journal.OrderType;
import kis.journal.RejectReason;
import kis.journal.Side;
import kis.journal.state.AgentState;
import kis.journal.state.Order;

/**
 * What an agent checks itself when it journals an order: only what its own books must never
 * allow (an order type it cannot track, selling shares it does not have free). The market rules
 * (tick grid, ±30 % band from KIS's base price) and every risk limit are the
 * {@link kis.journal.risk.RiskGuard}'s, checked once, before the agent is asked. Pure.
 */
final class OrderChecks {
  private OrderChecks() {}

  /** A refusal with its reason, or empty when the order may go out. */
  record Refusal(RejectReason reason, String detail) {}

  static Optional<Refusal> newOrder(AgentState state, OrderSpec spec) {
    if (spec.type() != OrderType.LIMIT && spec.type() != OrderType.MARKET) {
      return Optional.of(new Refusal(RejectReason.AGENT_UNSUPPORTED_ORDER_TYPE, "the engine trades limit and market orders only"));
    }
    if (spec.side() == Side.SELL) {
      // KRX cash accounts cannot go short: shares already promised to working sells are not free.
      // Checked here too (not only in the risk guard) because it guards the books' own invariant
      // against the agent's freshest state, whoever sends the order.
      long committed = state.openOrders().values().stream()
          .filter(o -> o.spec().side() == Side.SELL && o.spec().symbol().equals(spec.symbol()))
          .mapToLong(Order::remainingQuantity).sum();
      long free = state.position(spec.symbol()).quantity() - committed;
      if (spec.quantity() > free) {
        return Optional.of(new Refusal(RejectReason.RISK_INSUFFICIENT_POSITION,
            "selling " + spec.quantity() + " of " + spec.symbol() + " but only " + Math.max(0, free) + " are free"));
      }
    }
    return Optional.empty();
  }
}
