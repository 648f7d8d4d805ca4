package kis.engine.dashboard;

import java.util.List;

/** The whole overview at one moment: what the page's live stream sends and alerts are checked on. */
public record EngineSnapshot(
    List<AgentRow> agents,
    ConnectionStatus connection,
    ReconcileStatus reconcile,
    KillSwitchStatus killSwitch,
    MarketClock clock,
    DiskStatus disk) {

  public EngineSnapshot {
    agents = List.copyOf(agents);
    disk = disk == null ? DiskStatus.unknown() : disk;
  }

  /** Without a disk watch. */
  public EngineSnapshot(List<AgentRow> agents, ConnectionStatus connection, ReconcileStatus reconcile,
      KillSwitchStatus killSwitch, MarketClock clock) {
    this(agents, connection, reconcile, killSwitch, clock, DiskStatus.unknown());
  }
}
