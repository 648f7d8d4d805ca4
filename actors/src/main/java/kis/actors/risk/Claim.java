package kis.actors.risk;

import kis.journal.JournalSerializable;
import kis.journal.OrderSpec;
import kis.journal.Side;
import kis.journal.state.Order;

/**
 * What one placement or revise would add to the account's figures, checked by
 * {@link AccountLimits#check(Claim, AccountFigures.Totals, AgentFigures)} and held as a reservation
 * ({@link AccountBook}) until the agent's figures show it.
 *
 * @param side a sell adds no exposure and is never held back by exposure or loss
 * @param newOrders 1 for a placement, 0 for a revise (not a new order)
 * @param addedExposure won the buy adds to the account's gross exposure
 * @param what how the detail names it ("this order", "this revise")
 */
public record Claim(Side side, int newOrders, long addedExposure, String what) implements JournalSerializable {

  /** A new order worth {@code orderValue} won (a market buy at its symbol's upper band). */
  public static Claim placement(OrderSpec spec, long orderValue) {
    return new Claim(spec.side(), 1, spec.side() == Side.BUY ? orderValue : 0, "this order");
  }

  /** A revise of {@code order} to {@code newPrice}: a buy revised up adds the difference, nothing else adds anything. */
  public static Claim revise(Order order, long newPrice) {
    long extra = order.spec().side() == Side.BUY
        ? Math.max(0, Math.multiplyExact(order.remainingQuantity(), newPrice - order.price())) : 0;
    return new Claim(order.spec().side(), 0, extra, "this revise");
  }

  /** Whether nothing is added (a revise down, a sell's revise): no account limit can be crossed by it. */
  public boolean empty() {
    return newOrders == 0 && addedExposure == 0;
  }
}
