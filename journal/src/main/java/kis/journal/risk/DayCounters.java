package kis.journal.risk;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kis.journal.OrderSpec;
import kis.journal.event.AgentEvent;
import kis.journal.event.CancelRequested;
import kis.journal.event.ModifyRejected;
import kis.journal.event.OrderRequested;
import kis.journal.event.ReviseRequested;
import kis.journal.state.AgentState;
import kis.journal.state.Position;

/**
 * An agent's figures for one trading day, as a pure fold over its events alongside
 * {@link AgentState}: so the agent can fold both during replay and the counts survive a restart.
 * The day's start figures (cash flow, corrections, positions) are taken from the agent's state
 * when the first event of a new date arrives, or when {@link #asOf} moves to a new date.
 *
 * @param date the Seoul calendar date these counts belong to
 * @param orders new orders requested today
 * @param cancels cancels and revises requested today (KIS implements a revise as cancel + re-order),
 *     less those our own checks refused before they went out ({@code ModifyRejected} with a
 *     {@code RejectReason} code)
 * @param recent the latest new orders, newest last, at most {@value #RECENT_KEPT}
 * @param cashFlowAtStart the agent's cash flow when the day started
 * @param correctionCostAtStart the agent's reconciliation cost adjustments when the day started
 * @param positionsAtStart positions by symbol code when the day started
 */
public record DayCounters(
    LocalDate date,
    int orders,
    int cancels,
    List<RecentOrder> recent,
    long cashFlowAtStart,
    long correctionCostAtStart,
    Map<String, Position> positionsAtStart) {

  public static final int RECENT_KEPT = 256;

  /** One new order, for the repeat guard and the rate limit. */
  public record RecentOrder(Instant at, OrderSpec spec) {}

  public DayCounters {
    recent = List.copyOf(recent);
    positionsAtStart = Map.copyOf(positionsAtStart);
  }

  /** A fresh day starting from {@code state}. */
  public static DayCounters startOf(LocalDate date, AgentState state) {
    return new DayCounters(date, 0, 0, List.of(), state.cashFlow(), state.correctionCost(), state.positions());
  }

  /** These counters, or a fresh day from {@code state} if {@code day} is a later date. */
  public DayCounters asOf(LocalDate day, AgentState state) {
    return day.isAfter(date) ? startOf(day, state) : this;
  }

  /**
   * The counters after {@code event}; {@code stateBefore} is the agent's state just before it
   * (the day's start figures come from there when the event opens a new date).
   */
  public DayCounters apply(AgentState stateBefore, AgentEvent event, ZoneId zone) {
    LocalDate day = event.recordedAt().atZone(zone).toLocalDate();
    DayCounters c = asOf(day, stateBefore);
    if (event instanceof OrderRequested r) {
      List<RecentOrder> rs = new ArrayList<>(c.recent.subList(Math.max(0, c.recent.size() + 1 - RECENT_KEPT),
          c.recent.size()));
      rs.add(new RecentOrder(r.recordedAt(), r.spec()));
      return new DayCounters(c.date, c.orders + 1, c.cancels, rs, c.cashFlowAtStart, c.correctionCostAtStart,
          c.positionsAtStart);
    }
    if (event instanceof CancelRequested || event instanceof ReviseRequested) {
      return new DayCounters(c.date, c.orders, c.cancels + 1, c.recent, c.cashFlowAtStart,
          c.correctionCostAtStart, c.positionsAtStart);
    }
    if (event instanceof ModifyRejected m && ownRefusal(m.msgCd()) && c.cancels > 0
        && !kis.journal.state.OrderTransitions.countOnly(stateBefore.order(m.orderId()).orElse(null), m)) {
      // Refused by our own checks (a denied revise, the kill switch's gate): it never went out, so a
      // strategy chasing with revises through an outage does not use up the day's cancels. A run's
      // count alone (its order no longer revisable) follows no request of its own: nothing to give back.
      return new DayCounters(c.date, c.orders, c.cancels - 1, c.recent, c.cashFlowAtStart,
          c.correctionCostAtStart, c.positionsAtStart);
    }
    return c;
  }

  /** Whether {@code msgCd} is one of our own refusal codes ({@code RejectReason}), never a KIS code. */
  private static boolean ownRefusal(String msgCd) {
    for (kis.journal.RejectReason r : kis.journal.RejectReason.values()) {
      if (r.name().equals(msgCd)) {
        return true;
      }
    }
    return false;
  }

  /** New orders in {@code (now - window, now]}. */
  public int ordersWithin(java.time.Duration window, Instant now) {
    Instant from = now.minus(window);
    int n = 0;
    for (int i = recent.size() - 1; i >= 0 && recent.get(i).at().isAfter(from); i--) {
      n++;
    }
    return n;
  }

  /** Whether an identical order was requested in {@code (now - window, now]}. */
  public boolean sameOrderWithin(OrderSpec spec, java.time.Duration window, Instant now) {
    Instant from = now.minus(window);
    for (int i = recent.size() - 1; i >= 0 && recent.get(i).at().isAfter(from); i--) {
      if (recent.get(i).spec().equals(spec)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Today's P&L after costs, realized and unrealized together: the change in equity (cash flow
   * plus positions at market) since the day's start. Positions held at the start are valued then
   * at the base price (the previous close), now at the last price; a symbol without market facts
   * is valued at its average cost, so it contributes no unrealized P&L rather than a made-up one.
   */
  public long dailyPnl(AgentState now, MarketFacts market) {
    long pnl = (now.cashFlow() - cashFlowAtStart) - (now.correctionCost() - correctionCostAtStart);
    for (Position p : now.positions().values()) {
      pnl += p.quantity() * market.markOr(p.symbol(), p.averagePrice());
    }
    for (Position p : positionsAtStart.values()) {
      pnl -= p.quantity() * market.baseOr(p.symbol(), p.averagePrice());
    }
    return pnl;
  }
}
