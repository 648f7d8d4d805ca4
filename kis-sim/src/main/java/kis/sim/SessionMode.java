package kis.sim;

/** How the simulator's market clock decides whether the market is open. */
public enum SessionMode {
  /** Always in the regular session: for demos and tests. Orders expire only on an explicit day roll. */
  ALWAYS_OPEN,
  /** KRX regular hours (09:00–15:30 KST, Mon–Fri) on a clock that may run faster than real time. */
  KRX
}
