package kis.engine.dashboard;

import java.util.List;

/** The whole overview at one moment: what the page's live stream sends and alerts are checked on. */
public record EngineSnapshot(
    List<AgentRow> agents,
    ConnectionStatus connection,
    ReconcileStatus reconcile,
    KillSwitchStatus killSwitch,
    MarketClock clock) {

  public EngineSnapshot {
    agents = List.copyOf(agents);
  }
}
