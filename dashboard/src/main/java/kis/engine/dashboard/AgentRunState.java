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
   * Still recovering its journal (the idle reason says how far, and how many tries the journal did
   * not answer in time): no trading until it has recovered and been reconciled. Slow is not damage
   * (README "Damaged journal").
   */
  RECOVERING,
  /**
   * Its journal failed the start check (lost or changed events): not started, never trades until
   * the journal is repaired and the engine restarted (README "Damaged journal").
   */
  DAMAGED
}
