package kis.engine.dashboard;

import java.util.List;

/** The whole overview at one moment: what the page's live stream sends and alerts are checked on. */
public record EngineSnapshot(
    List<AgentRow> agents,
    ConnectionStatus connection,
    ReconcileStatus reconcile,
    KillSwitchStatus killSwitch,
    MarketClock clock,
    DiskStatus disk,
    AccountPanel account) {

  public EngineSnapshot {
    agents = List.copyOf(agents);
    disk = disk == null ? DiskStatus.unknown() : disk;
    account = account == null ? AccountPanel.ofRows(agents) : account;
  }

  /** Without the account panel's KIS half: the agents' totals only. */
  public EngineSnapshot(List<AgentRow> agents, ConnectionStatus connection, ReconcileStatus reconcile,
      KillSwitchStatus killSwitch, MarketClock clock, DiskStatus disk) {
    this(agents, connection, reconcile, killSwitch, clock, disk, null);
  }

  /** Without a disk watch. */
  public EngineSnapshot(List<AgentRow> agents, ConnectionStatus connection, ReconcileStatus reconcile,
      KillSwitchStatus killSwitch, MarketClock clock) {
    this(agents, connection, reconcile, killSwitch, clock, DiskStatus.unknown());
  }
}
