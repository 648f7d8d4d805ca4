package kis.actors.reconcile;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import kis.journal.event.OrderExpired;
import kis.journal.state.AgentState;
import kis.journal.state.Order;
import kis.journal.state.OrderStatus;

/**
 * The day roll: at the session end ({@code SessionClock.nextSessionEnd()}) KIS has cancelled
 * every unfilled order, so the agent journals the remainder of each working order as expired.
 * Orders whose fate is unknown (awaiting a reply, or in doubt) are left to the reconciler, which
 * checks them against the day's orders first and expires them on a later day if they never show.
 */
public final class DayRoll {
  private DayRoll() {}

  /**
   * The expiries to journal for {@code tradingDay}, whose session ended at {@code sessionEnd}, in
   * order id order. Orders requested after the session end belong to a later session and stay.
   *
   * @param at when the roll is journaled (the session end, or later if the engine was down)
   */
  public static List<OrderExpired> expiries(AgentState state, LocalDate tradingDay, Instant sessionEnd,
      Instant at) {
    return state.openOrders().values().stream()
        .filter(o -> o.status().isLive() && o.status() != OrderStatus.REQUESTED && o.status() != OrderStatus.IN_DOUBT)
        .filter(o -> o.requestedAt().isBefore(sessionEnd))
        .map(Order::id)
        .sorted()
        .map(id -> new OrderExpired(id, tradingDay, at))
        .toList();
  }
}
