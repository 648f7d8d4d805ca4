package kis.engine.dashboard;

import java.util.List;
import kis.journal.Symbol;

/**
 * One line of the agents table.
 *
 * @param position net shares over all its symbols (signed; KRX cash accounts are never short)
 * @param averagePrice won per share of the position, 0 when flat
 * @param realizedPnl won, after fees and tax ({@code AgentState.netRealizedPnl()})
 * @param unrealizedPnl won, at the last price
 * @param lastFill the most recent execution, null if none today
 * @param riskState the risk guard's verdict, e.g. {@code OK}, {@code DAILY_LOSS_LIMIT}, {@code IN_DOUBT}
 * @param idleReason why the agent has not traded since its host started, e.g. {@code warming up (3 of 20 bars)};
 *     "" while it trades or when not known ({@code kis.actors.agent.IdleReason})
 * @param protective its armed protective orders (trigger, distance) and the last that fired
 */
public record AgentRow(
    String id,
    List<Symbol> symbols,
    String strategy,
    AgentRunState state,
    long position,
    long averagePrice,
    long realizedPnl,
    long unrealizedPnl,
    int workingOrders,
    FillView lastFill,
    String riskState,
    String idleReason,
    ProtectiveView protective) {

  /** The risk state the alert monitor treats as "daily loss limit hit". */
  public static final String DAILY_LOSS_LIMIT = "DAILY_LOSS_LIMIT";

  public AgentRow {
    symbols = List.copyOf(symbols);
    idleReason = idleReason == null ? "" : idleReason;
    protective = protective == null ? ProtectiveView.NONE : protective;
  }

  /** A row without protective orders (they are added with {@link #withProtective}). */
  public AgentRow(String id, List<Symbol> symbols, String strategy, AgentRunState state, long position,
      long averagePrice, long realizedPnl, long unrealizedPnl, int workingOrders, FillView lastFill, String riskState,
      String idleReason) {
    this(id, symbols, strategy, state, position, averagePrice, realizedPnl, unrealizedPnl, workingOrders, lastFill,
        riskState, idleReason, ProtectiveView.NONE);
  }

  /** A row without an idle reason (one is added with {@link #withIdleReason}). */
  public AgentRow(String id, List<Symbol> symbols, String strategy, AgentRunState state, long position,
      long averagePrice, long realizedPnl, long unrealizedPnl, int workingOrders, FillView lastFill, String riskState) {
    this(id, symbols, strategy, state, position, averagePrice, realizedPnl, unrealizedPnl, workingOrders, lastFill,
        riskState, "");
  }

  public AgentRow withIdleReason(String reason) {
    return new AgentRow(id, symbols, strategy, state, position, averagePrice, realizedPnl, unrealizedPnl,
        workingOrders, lastFill, riskState, reason, protective);
  }

  public AgentRow withProtective(ProtectiveView view) {
    return new AgentRow(id, symbols, strategy, state, position, averagePrice, realizedPnl, unrealizedPnl,
        workingOrders, lastFill, riskState, idleReason, view);
  }
}
