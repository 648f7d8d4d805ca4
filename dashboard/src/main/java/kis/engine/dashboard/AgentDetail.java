package kis.engine.dashboard;

import java.util.List;

/**
 * Everything the per-agent view shows.
 *
 * @param openOrders orders still live (not terminal)
 * @param recentOrders the latest terminal orders, newest first
 * @param fills today's executions, newest first
 * @param pnl P&L over the day, oldest first
 * @param events the latest journal events rendered as one line of text each, newest first
 */
public record AgentDetail(
    AgentRow row,
    List<OrderView> openOrders,
    List<OrderView> recentOrders,
    List<FillView> fills,
    List<PnlPoint> pnl,
    List<String> events) {

  public AgentDetail {
    openOrders = List.copyOf(openOrders);
    recentOrders = List.copyOf(recentOrders);
    fills = List.copyOf(fills);
    pnl = List.copyOf(pnl);
    events = List.copyOf(events);
  }
}
