package kis.engine.dashboard;

/** What an agent is doing, as the operator needs to know it. */
public enum AgentRunState {
  /** Trading: its strategy sees ticks and may place orders. */
  RUNNING,
  /** Stopped by an operator or the kill switch; working orders stay; resumes on request. */
  PAUSED,
  /** Stopped by the engine (risk limit, in-doubt orders, anomaly) or an operator until someone acts. */
  PARKED,
  /** The actor stopped on an error and is not being restarted. */
  FAILED,
  /**
   * Its journal failed the start check (lost or changed events): not started, never trades until
   * the journal is repaired and the engine restarted (README "Damaged journal").
   */
  DAMAGED
}
