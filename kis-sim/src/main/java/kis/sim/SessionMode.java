package kis.sim;

/** How the simulator's market clock decides whether the market is open. */
public enum SessionMode {
  /** Always in the regular session: for demos and tests. Orders expire only on an explicit day roll. */
  ALWAYS_OPEN,
  /**
   * Each venue's sessions (journal's dated session table on KRX's trading days: KRX 09:00–15:30
   * and its after-market, NXT 08:00–20:00 with halts) on a clock that may run faster than real
   * time, or on a clock the caller injects.
   */
  KRX
}
