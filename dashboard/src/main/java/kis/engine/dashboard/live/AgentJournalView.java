package kis.engine.dashboard.live;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kis.engine.dashboard.AgentViews;
import kis.engine.dashboard.FillView;
import kis.engine.dashboard.PnlPoint;
import kis.journal.RejectReason;
import kis.journal.Symbol;
import kis.journal.event.AgentEvent;
import kis.journal.event.OrderDenied;
import kis.journal.event.OrderFilled;
import kis.journal.state.AgentState;
import kis.journal.state.Position;

/**
 * What the per-agent page shows that an agent's current state does not hold, folded from its
 * journal in order: the latest events as text, today's fills, today's P&L as a series, and whether
 * the risk guard denied an order today for the daily loss limit. Days are KRX (Seoul) days; a new
 * day starts a new series. Thread-safe (the journal stream writes, the dashboard reads).
 */
public final class AgentJournalView {
  static final ZoneId KST = ZoneId.of("Asia/Seoul");
  static final int EVENTS_KEPT = 200;
  static final int FILLS_KEPT = 500;
  static final int POINTS_KEPT = 2_000;
  /** A sample with an unchanged value is still kept this often, so the chart's time axis moves. */
  static final Duration SAMPLE_EVERY = Duration.ofMinutes(1);

  private AgentState state;
  private LocalDate day;
  private long realizedAtDayStart;
  private final Deque<String> events = new ArrayDeque<>();
  private final Deque<FillView> fills = new ArrayDeque<>();
  private final List<PnlPoint> pnl = new ArrayList<>();
  private boolean dailyLossHit;

  public AgentJournalView(String agentId) {
    this.state = AgentState.empty(agentId);
  }

  /**
   * Starts from {@code state} (a snapshot's): the events before it are never read. Call before
   * any other event.
   */
  public synchronized void seed(AgentState state) {
    this.state = state;
  }

  /**
   * Folds an event older than anything the view shows (before today and before the recent tail):
   * only the books move, for the day's starting P&L and positions.
   */
  public synchronized void foldOnly(AgentEvent e) {
    state = state.apply(e);
  }

  /** Folds the next journaled event. */
  public synchronized void apply(AgentEvent e, Map<Symbol, Long> lastPrices) {
    rollTo(e.recordedAt());
    state = state.apply(e);
    events.addFirst(AgentViews.eventLine(e));
    trim(events, EVENTS_KEPT);
    if (e instanceof OrderFilled f) {
      fills.addFirst(AgentViews.fill(f));
      trim(fills, FILLS_KEPT);
      point(f.recordedAt(), lastPrices, true);
    } else if (e instanceof OrderDenied d && d.reason() == RejectReason.RISK_DAILY_LOSS) {
      dailyLossHit = true;
    }
  }

  /** Adds a point at {@code now} when the P&L moved (marks change) or a while has passed. */
  public synchronized void sample(Instant now, Map<Symbol, Long> lastPrices) {
    rollTo(now);
    point(now, lastPrices, false);
  }

  private void point(Instant at, Map<Symbol, Long> lastPrices, boolean always) {
    long value = state.netRealizedPnl() - realizedAtDayStart + unrealized(lastPrices);
    PnlPoint last = pnl.isEmpty() ? null : pnl.get(pnl.size() - 1);
    if (!always && last != null && last.pnl() == value && at.isBefore(last.at().plus(SAMPLE_EVERY))) {
      return;
    }
    if (last != null && at.isBefore(last.at())) {
      at = last.at();
    }
    pnl.add(new PnlPoint(at, value));
    if (pnl.size() > POINTS_KEPT) {
      // Thin out the older half rather than losing the morning.
      List<PnlPoint> kept = new ArrayList<>();
      for (int i = 0; i < pnl.size(); i++) {
        if (i >= pnl.size() / 2 || i % 2 == 0) {
          kept.add(pnl.get(i));
        }
      }
      pnl.clear();
      pnl.addAll(kept);
    }
  }

  private long unrealized(Map<Symbol, Long> lastPrices) {
    long sum = 0;
    for (Position p : state.positions().values()) {
      Long mark = lastPrices.get(p.symbol());
      if (mark != null && p.quantity() != 0) {
        sum += p.unrealizedPnl(mark);
      }
    }
    return sum;
  }

  private void rollTo(Instant at) {
    LocalDate d = at.atZone(KST).toLocalDate();
    if (day == null || d.isAfter(day)) {
      day = d;
      realizedAtDayStart = state.netRealizedPnl();
      pnl.clear();
      fills.clear();
      dailyLossHit = false;
    }
  }

  private static <T> void trim(Deque<T> d, int max) {
    while (d.size() > max) {
      d.removeLast();
    }
  }

  /** The latest journal events as text, newest first. */
  public synchronized List<String> events() {
    return List.copyOf(events);
  }

  /** Today's fills, newest first. */
  public synchronized List<FillView> fills() {
    return List.copyOf(fills);
  }

  /** The most recent fill of today, if any. */
  public synchronized Optional<FillView> lastFill() {
    return Optional.ofNullable(fills.peekFirst());
  }

  /** Today's P&L (realized since the day's start plus unrealized at the marks then), oldest first. */
  public synchronized List<PnlPoint> pnl() {
    return List.copyOf(pnl);
  }

  /** Whether an order was denied today because the agent's daily loss limit was reached. */
  public synchronized boolean dailyLossLimitHit() {
    return dailyLossHit;
  }

  /** Events folded so far. */
  public synchronized long eventCount() {
    return state.eventCount();
  }
}
