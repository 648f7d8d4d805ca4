package kis.engine.dashboard.live;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import kis.actors.risk.KillSwitchState;
import kis.engine.dashboard.AgentDetail;
import kis.engine.dashboard.AgentRow;
import kis.engine.dashboard.AgentViews;
import kis.engine.dashboard.ControlResult;
import kis.engine.dashboard.KillSwitchStatus;
import kis.journal.AgentId;
import kis.journal.Symbol;
import kis.journal.state.AgentState;
import kis.journal.state.OrderStatus;
import org.apache.pekko.pattern.StatusReply;

/**
 * The rows, details and journal metrics both profiles' ports build from an agent's state and its
 * journal view ({@link AgentJournalView}), so single-node and cluster dashboards show an agent the
 * same way; the ports only say where the state, the marks and the kill switch come from.
 */
public final class AgentPortViews {
  /** Orders kept in an agent's detail. */
  public static final int RECENT_ORDERS = 50;

  private AgentPortViews() {}

  /** The kill switch as the dashboard shows it; an unknown state (null) is off. */
  public static KillSwitchStatus killSwitch(KillSwitchState k) {
    return k != null && k.engaged() ? new KillSwitchStatus(true, k.engagedAt(), k.engagedBy(), k.reason())
        : KillSwitchStatus.off();
  }

  /** An agent's table row; {@code journal} adds its last fill and the daily loss verdict. */
  public static AgentRow row(AgentState s, Symbol symbol, String strategy, boolean paused, boolean failed,
      Map<Symbol, Long> marks, KillSwitchStatus killSwitch, Optional<AgentJournalView> journal) {
    return AgentViews.row(s, List.of(symbol), strategy, paused, failed, marks, riskState(s, killSwitch, journal),
        journal.flatMap(AgentJournalView::lastFill).orElse(null));
  }

  /** The kill switch wins over the daily loss limit, which wins over orders in doubt. */
  static String riskState(AgentState s, KillSwitchStatus killSwitch, Optional<AgentJournalView> journal) {
    if (killSwitch.engaged()) {
      return "KILL_SWITCH";
    }
    if (journal.map(AgentJournalView::dailyLossLimitHit).orElse(false)) {
      return AgentRow.DAILY_LOSS_LIMIT;
    }
    if (!s.ordersIn(OrderStatus.IN_DOUBT).isEmpty()) {
      return "IN_DOUBT";
    }
    return "OK";
  }

  /** An agent's detail page around its {@code row}. */
  public static AgentDetail detail(AgentRow row, AgentState s, Optional<AgentJournalView> journal) {
    return new AgentDetail(row, AgentViews.openOrders(s), AgentViews.recentOrders(s, RECENT_ORDERS),
        journal.map(AgentJournalView::fills).orElse(List.of()),
        journal.map(AgentJournalView::pnl).orElse(List.of()),
        journal.map(AgentJournalView::events).orElse(List.of()));
  }

  /**
   * Feeds the metrics what the agents' states and journals say: orders in doubt, and a P&L sample
   * per agent whose journal has caught up (an agent still replaying would plot a false history).
   */
  public static void sample(Map<AgentId, AgentState> byJournalId, Optional<JournalFeed> journal,
      LiveMetrics metrics, Instant now, Map<Symbol, Long> marks) {
    long inDoubt = 0;
    for (Map.Entry<AgentId, AgentState> e : byJournalId.entrySet()) {
      inDoubt += e.getValue().ordersIn(OrderStatus.IN_DOUBT).size();
      AgentId id = e.getKey();
      journal.filter(j -> j.caughtUp(id)).flatMap(j -> j.view(id)).ifPresent(v -> v.sample(now, marks));
    }
    metrics.metrics().setInDoubt(inDoubt);
  }

  /** A control's answer: refused with the actor's error, or {@code done} once {@code onSuccess} has its value. */
  public static <T> CompletionStage<ControlResult> answer(CompletionStage<StatusReply<T>> reply,
      Consumer<T> onSuccess, String done) {
    return reply.thenApply(r -> {
      if (r.isError()) {
        return ControlResult.refused(r.getError().getMessage());
      }
      onSuccess.accept(r.getValue());
      return ControlResult.done(done);
    });
  }
}
