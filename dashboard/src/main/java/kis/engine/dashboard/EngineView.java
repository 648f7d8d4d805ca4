package kis.engine.dashboard;

import java.util.List;
import java.util.Optional;
import kis.journal.AgentId;

/**
 * The read side of the live engine as the dashboard, {@code /metrics}, the alert monitor and the
 * {@code status} command see it. The engine implements it over its actors (agent manager, KIS
 * supervisor, reconciler, kill switch); the API tests use an in-memory fake.
 *
 * <p>Called from Pekko HTTP's dispatcher threads and from the dashboard's scheduler, possibly
 * concurrently: implementations must be thread-safe and answer quickly from cached state (ask the
 * actors in the background, not on each call). Methods never return null and never throw for an
 * engine that is still starting: they return empty lists or "unknown" states instead.
 */
public interface EngineView {

  /** One row per agent, in any order (the page and {@code status} sort). */
  List<AgentRow> agents();

  /** Orders, fills, intraday P&L and recent journal events of one agent; empty if unknown. */
  Optional<AgentDetail> agent(AgentId id);

  /** KIS connection state per level and rate-limit use, from the KIS supervisor. */
  ConnectionStatus connection();

  /** The last reconcile run and the drift it found; {@link ReconcileStatus#never()} before the first. */
  ReconcileStatus lastReconcile();

  /** Whether the kill switch is engaged. */
  KillSwitchStatus killSwitch();

  /** Market phase and the time in Seoul. */
  MarketClock clock();

  /** The data dir's free space against the order stop's margin; unknown where nothing watches it. */
  default DiskStatus disk() {
    return DiskStatus.unknown();
  }

  /** The cluster's members, one line each; empty for a single-node engine. */
  default List<NodeStatus> nodes() {
    return List.of();
  }

  /** Every limit of the account and of each agent, and how much of it is used; empty where not known. */
  default LimitsView limits() {
    return LimitsView.EMPTY;
  }

  /** The account panel: KIS's cash figures from the last reconciliation and the agents' totals in {@code rows}. */
  default AccountPanel account(List<AgentRow> rows) {
    return AccountPanel.ofRows(rows);
  }

  /** Everything above except agent details, read once so the parts belong together. */
  default EngineSnapshot snapshot() {
    List<AgentRow> rows = agents();
    return new EngineSnapshot(rows, connection(), lastReconcile(), killSwitch(), clock(), disk(), account(rows));
  }
}
