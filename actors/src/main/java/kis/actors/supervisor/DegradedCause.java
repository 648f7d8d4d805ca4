package kis.actors.supervisor;

/** Why the supervisor shows {@link ConnectionState#DEGRADED}; several can hold at once. */
public enum DegradedCause {
  /** The websocket keeps failing while REST answers; ends when a socket is LIVE again. */
  WEBSOCKET,
  /** KIS keeps answering EGW00201 although the rate limiter paces to the budget. */
  RATE_LIMITED,
  /** Fills keep turning up in the inquiry that never came as execution notices. */
  NOTICES_LOST
}
