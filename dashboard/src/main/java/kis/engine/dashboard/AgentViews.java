package kis.engine.dashboard;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import kis.journal.Symbol;
import kis.journal.event.AgentEvent;
import kis.journal.event.OrderFilled;
import kis.journal.state.AgentState;
import kis.journal.state.Order;
import kis.journal.state.Position;

/**
 * Builds the dashboard's rows and lists from an agent's journal state ({@link AgentState}), so an
 * {@link EngineView} over the actors only has to add what the journal does not hold: the strategy
 * name, paused/failed, the last prices and the risk verdict.
 */
public final class AgentViews {
  private AgentViews() {}

  /**
   * The table row of an agent.
   *
   * @param paused whether an operator or the kill switch paused it (parking comes from the state)
   * @param failed whether its actor has stopped on an error
   * @param lastPrices the last trade price per symbol; a symbol without one counts 0 unrealized
   * @param lastFill the most recent execution (see {@link #fill}), null if none
   */
  public static AgentRow row(AgentState s, List<Symbol> symbols, String strategy, boolean paused, boolean failed,
      Map<Symbol, Long> lastPrices, String riskState, FillView lastFill) {
    long qty = 0;
    long cost = 0;
    long unrealized = 0;
    for (Position p : s.positions().values()) {
      qty += p.quantity();
      cost += p.costBasis();
      Long mark = lastPrices.get(p.symbol());
      if (mark != null && p.quantity() != 0) {
        unrealized += p.unrealizedPnl(mark);
      }
    }
    int working = s.openOrders().size();
    return new AgentRow(s.agentId(), symbols, strategy, runState(s, paused, failed), qty,
        qty == 0 ? 0 : cost / qty, s.netRealizedPnl(), unrealized, working, lastFill, riskState)
        .withProtective(ProtectiveView.of(s, lastPrices));
  }

  /** Failed wins over parked, parked over paused. */
  public static AgentRunState runState(AgentState s, boolean paused, boolean failed) {
    if (failed) {
      return AgentRunState.FAILED;
    }
    if (s.parked()) {
      return AgentRunState.PARKED;
    }
    return paused ? AgentRunState.PAUSED : AgentRunState.RUNNING;
  }

  /** Live orders, newest first. */
  public static List<OrderView> openOrders(AgentState s) {
    return s.openOrders().values().stream()
        .sorted(Comparator.comparing(Order::requestedAt).reversed())
        .map(OrderView::of).toList();
  }

  /** The latest {@code max} closed orders, newest first. */
  public static List<OrderView> recentOrders(AgentState s, int max) {
    List<Order> closed = s.closedOrders();
    List<OrderView> out = new java.util.ArrayList<>();
    for (int i = closed.size() - 1; i >= 0 && out.size() < max; i--) {
      out.add(OrderView.of(closed.get(i)));
    }
    return List.copyOf(out);
  }

  /** A journaled execution as the dashboard lists it. */
  public static FillView fill(OrderFilled f) {
    return new FillView(f.recordedAt(), f.orderId().value(), f.symbol(), f.side(), f.quantity(), f.price());
  }

  /** One line of the agent's journal for the page: time, event type, its fields (no secrets live there). */
  public static String eventLine(AgentEvent e) {
    return e.recordedAt() + " " + e.getClass().getSimpleName() + " " + e;
  }
}
