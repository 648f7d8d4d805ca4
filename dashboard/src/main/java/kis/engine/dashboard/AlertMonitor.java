package kis.engine.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns successive {@link EngineSnapshot}s into {@link Alert}s, each raised once when its condition
 * starts: a protective order of an agent fired, a connection level down for longer than {@code disconnectAfter}, a reconcile run that
 * finds drift past its grace or orders no agent owns on a traded symbol (once per finding), reconcile runs failing the configured number of times in a row, the kill switch engaged, an agent parked, an agent at its daily loss limit, the data dir's disk below its free-space margin. Deriving alerts
 * from the view (rather than from calls spread over the actors) keeps the actors unaware of alerts.
 * Not thread-safe: call {@link #check} from one scheduler.
 */
public final class AlertMonitor {
  /** How the reconciler's cash drift line begins ({@code kis.actors.reconcile.CashDrift#PREFIX}). */
  static final String CASH_PREFIX = "cash:";
  private final Consumer<Alert> sink;
  private final Duration disconnectAfter;
  private final Clock clock;
  private final Map<String, Instant> alertedOutages = new HashMap<>();
  private final Map<String, AgentRunState> lastState = new HashMap<>();
  private final Map<String, String> lastRisk = new HashMap<>();
  /** Protective fires per agent as last seen; the first sight of an agent is its baseline. */
  private final Map<String, Long> lastFired = new HashMap<>();
  private Instant lastReconcileAt;
  /** The reconcile findings already alerted: a finding that persists run after run alerts once. */
  private java.util.Set<String> alertedDrift = java.util.Set.of();
  private boolean killSwitchWasOn;
  private boolean diskWasLow;
  private final int reconcileFailures;
  private boolean reconcileFailingAlerted;
  private final Map<String, FillView> lastFill = new HashMap<>();
  private String lastPhase;

  public AlertMonitor(Consumer<Alert> sink, Duration disconnectAfter, Clock clock) {
    this(sink, disconnectAfter, 3, clock);
  }

  /** @param reconcileFailures consecutive failed reconcile runs that raise {@code RECONCILE_FAILING} */
  public AlertMonitor(Consumer<Alert> sink, Duration disconnectAfter, int reconcileFailures, Clock clock) {
    this.sink = sink;
    this.disconnectAfter = disconnectAfter;
    this.reconcileFailures = Math.max(1, reconcileFailures);
    this.clock = clock;
  }

  /** Compares with the previous snapshot and raises the alerts that start now; returns them too. */
  public List<Alert> check(EngineSnapshot s) {
    Instant now = clock.instant();
    List<Alert> raised = new ArrayList<>();
    checkLevel("token", s.connection().token(), now, raised);
    checkLevel("websocket", s.connection().websocket(), now, raised);
    checkLevel("session", s.connection().session(), now, raised);
    ReconcileStatus r = s.reconcile();
    if (r.at() != null && !r.at().equals(lastReconcileAt)) {
      lastReconcileAt = r.at();
      // The findings are drift past its grace and orders no agent owns on traded symbols (the
      // reconciler's alarms); a run that brings a finding not alerted yet raises the alert again.
      // Cash drift (its line begins "cash:") is its own kind: it parks agents on every symbol.
      java.util.List<String> cash = r.drift().stream().filter(d -> d.startsWith(CASH_PREFIX)).toList();
      java.util.List<String> positions = r.drift().stream().filter(d -> !d.startsWith(CASH_PREFIX)).toList();
      if (!alertedDrift.containsAll(positions)) {
        raised.add(new Alert(Alert.Kind.RECONCILE_DRIFT, "reconciler",
            positions.size() + " difference(s) left after reconcile: " + String.join("; ", positions), now));
      }
      if (!alertedDrift.containsAll(cash)) {
        raised.add(new Alert(Alert.Kind.CASH_DRIFT, "reconciler", String.join("; ", cash), now));
      }
      alertedDrift = java.util.Set.copyOf(r.drift());
    }
    // Once per streak: the alert re-arms when a run succeeds again.
    if (r.consecutiveFailures() >= reconcileFailures && !reconcileFailingAlerted) {
      reconcileFailingAlerted = true;
      raised.add(new Alert(Alert.Kind.RECONCILE_FAILING, "reconciler", r.consecutiveFailures()
          + " reconcile run(s) failed in a row, the last at " + r.failedAt() + ": " + r.failure()
          + (r.at() == null ? "; none has succeeded yet" : "; last success " + r.at()), now));
    } else if (r.consecutiveFailures() == 0) {
      reconcileFailingAlerted = false;
    }
    KillSwitchStatus k = s.killSwitch();
    if (k.engaged() && !killSwitchWasOn) {
      raised.add(new Alert(Alert.Kind.KILL_SWITCH, "engine",
          "kill switch engaged by " + k.by() + (k.reason() == null ? "" : ": " + k.reason()), now));
    }
    killSwitchWasOn = k.engaged();
    DiskStatus disk = s.disk();
    if (disk.low() && !diskWasLow) {
      raised.add(new Alert(Alert.Kind.DISK_LOW, "engine", disk.detail(), now));
    }
    diskWasLow = disk.low();
    checkClose(s, now, raised);
    for (AgentRow a : s.agents()) {
      checkFill(a, now, raised);
      AgentRunState before = lastState.put(a.id(), a.state());
      if (a.state() == AgentRunState.DAMAGED && before != AgentRunState.DAMAGED) {
        raised.add(new Alert(Alert.Kind.JOURNAL_DAMAGED, a.id(), "agent " + a.id() + "'s journal is damaged: the"
            + " agent is not started (journal verify, journal repair; README \"Damaged journal\")", now));
      }
      if (a.state() == AgentRunState.PARKED && before != AgentRunState.PARKED) {
        raised.add(new Alert(Alert.Kind.AGENT_PARKED, a.id(), "agent " + a.id() + " parked (risk "
            + a.riskState() + ")", now));
      }
      Long firedBefore = lastFired.put(a.id(), a.protective().fired());
      if (firedBefore != null && a.protective().fired() > firedBefore) {
        long n = a.protective().fired() - firedBefore;
        raised.add(new Alert(Alert.Kind.PROTECTIVE_FIRED, a.id(), "agent " + a.id() + ": "
            + (n > 1 ? n + " protective orders fired, the last " : "protective order ") + a.protective().lastFired(),
            now));
      }
      String riskBefore = lastRisk.put(a.id(), a.riskState());
      if (AgentRow.DAILY_LOSS_LIMIT.equals(a.riskState()) && !AgentRow.DAILY_LOSS_LIMIT.equals(riskBefore)) {
        raised.add(new Alert(Alert.Kind.DAILY_LOSS_LIMIT, a.id(), "agent " + a.id()
            + " hit its daily loss limit (P&L " + (a.realizedPnl() + a.unrealizedPnl()) + " won)", now));
      }
    }
    raised.forEach(sink);
    return raised;
  }

  /**
   * A fill the previous check did not show. The first sight of an agent only records its last fill:
   * a restart must not re-announce the fills of the day.
   */
  private void checkFill(AgentRow a, Instant now, List<Alert> raised) {
    boolean seen = lastFill.containsKey(a.id());
    FillView f = a.lastFill();
    FillView before = lastFill.put(a.id(), f);
    if (!seen || f == null || f.equals(before)) {
      return;
    }
    String side = f.side() == kis.journal.Side.BUY ? "bought" : "sold";
    raised.add(new Alert(Alert.Kind.FILL, a.id() + "/" + f.clientOrderId(), "agent " + a.id() + " " + side + " "
        + f.quantity() + " " + f.symbol().code() + " at " + String.format("%,d", f.price()) + " won (order "
        + f.clientOrderId() + ")", now));
    // Not the position or P&L: the row's books and its last fill come from different reads (the
    // agent's state, its journal feed), so a sum taken here could name a holding from before the fill.
  }

  /** Once when the market's phase becomes {@code CLOSED}: each agent's day in one message. */
  private void checkClose(EngineSnapshot s, Instant now, List<Alert> raised) {
    String phase = s.clock() == null ? null : s.clock().phase();
    String before = lastPhase;
    lastPhase = phase;
    if (before == null || phase == null || before.equals(phase) || !"CLOSED".equals(phase)) {
      return;
    }
    long realized = s.agents().stream().mapToLong(AgentRow::realizedPnl).sum();
    long unrealized = s.agents().stream().mapToLong(AgentRow::unrealizedPnl).sum();
    StringBuilder m = new StringBuilder("market closed: " + s.agents().size() + " agent(s), realized P&L "
        + String.format("%,d", realized) + " won, unrealized " + String.format("%,d", unrealized) + " won");
    s.agents().stream().limit(20).forEach(a -> m.append("; ").append(a.id()).append(' ').append(a.state())
        .append(" pos ").append(a.position()).append(" P&L ").append(String.format("%,d", a.realizedPnl())));
    if (s.agents().size() > 20) {
      m.append("; and ").append(s.agents().size() - 20).append(" more");
    }
    raised.add(new Alert(Alert.Kind.DAY_CLOSED, "account", m.toString(), now));
  }

  private void checkLevel(String level, LevelState st, Instant now, List<Alert> raised) {
    if (st.up() || st.since() == null) {
      alertedOutages.remove(level);
      return;
    }
    boolean longEnough = !now.isBefore(st.since().plus(disconnectAfter));
    if (longEnough && !st.since().equals(alertedOutages.get(level))) {
      alertedOutages.put(level, st.since());
      raised.add(new Alert(Alert.Kind.DISCONNECTED, level, "KIS " + level + " " + st.state() + " since "
          + st.since() + " (" + Duration.between(st.since(), now).toSeconds() + " s)", now));
    }
  }
}
