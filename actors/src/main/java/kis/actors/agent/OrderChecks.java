package kis.actors.agent;

import java.util.Optional;
import kis.journal.KrxTick;
import kis.journal.OrderSpec;
import kis.journal.OrderType;
import kis.journal.PriceLimits;
import kis.journal.RejectReason;
import kis.journal.Side;
import kis.journal.state.AgentState;
import kis.journal.state.Order;

/** The pre-trade checks an agent makes itself: KRX rules and what its own books allow. Pure. */
final class OrderChecks {
  private OrderChecks() {}

  /** A refusal with its reason, or empty when the order may go out. */
  record Refusal(RejectReason reason, String detail) {}

  static Optional<Refusal> price(OrderType type, long price, long basePrice) {
    if (!type.carriesPrice()) {
      return Optional.empty();
    }
    if (!KrxTick.isOnGrid(price)) {
      return Optional.of(new Refusal(RejectReason.KRX_TICK_SIZE,
          price + " is off the KRX grid (tick " + KrxTick.tickSize(price) + ")"));
    }
    if (basePrice > 0) {
      PriceLimits limits = PriceLimits.forBase(basePrice);
      if (!limits.contains(price)) {
        return Optional.of(new Refusal(RejectReason.KRX_PRICE_LIMIT,
            price + " is outside today's band " + limits.lower() + ".." + limits.upper()));
      }
    }
    return Optional.empty();
  }

  static Optional<Refusal> newOrder(AgentState state, OrderSpec spec, long basePrice) {
    if (spec.type() != OrderType.LIMIT && spec.type() != OrderType.MARKET) {
      return Optional.of(new Refusal(RejectReason.AGENT_UNSUPPORTED_ORDER_TYPE, "the engine trades limit and market orders only"));
    }
    Optional<Refusal> p = price(spec.type(), spec.price(), basePrice);
    if (p.isPresent()) {
      return p;
    }
    if (spec.side() == Side.SELL) {
      // KRX cash accounts cannot go short: shares already promised to working sells are not free.
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
