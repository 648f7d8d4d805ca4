package kis.engine.dashboard;

import java.time.Instant;

/**
 * One alert as posted to the webhook.
 *
 * @param subject what it is about (a connection level, an agent id, "engine"); with {@code kind}
 *     the key the rate limit counts per
 * @param suppressed how many alerts of the same key were dropped by the rate limit since the last
 *     one that was sent
 */
public record Alert(Kind kind, String subject, String message, Instant at, int suppressed) {

  /** What happened. */
  public enum Kind {
    /** A KIS connection level has not been LIVE for longer than the configured time. */
    DISCONNECTED,
    /** The reconciler found differences it did not repair. */
    RECONCILE_DRIFT,
    /** The account's cash differs from what the journals explain, past its grace (cannot be repaired by itself). */
    CASH_DRIFT,
    /** The kill switch was engaged. */
    KILL_SWITCH,
    /** An agent was parked. */
    AGENT_PARKED,
    /** An agent hit its daily loss limit. */
    DAILY_LOSS_LIMIT,
    /** Reconcile runs kept failing: the configured number in a row. */
    RECONCILE_FAILING,
    /** The data dir's free space fell below its margin: no new orders until there is room. */
    DISK_LOW,
    /** An agent's journal failed the start check; the agent is not started. */
    JOURNAL_DAMAGED,
    /** An agent's order was filled (the latest fill each check sees; subject: agent/order). */
    FILL,
    /** The market closed: the day's P&L and positions of every agent, once per day. */
    DAY_CLOSED,
    /** A protective order (stop, take-profit, trailing stop, bracket exit) fired; its child was sent or denied. */
    PROTECTIVE_FIRED;

    /** News of trading (a fill, the close, a protective fire) rather than a warning that needs a person. */
    public boolean isNews() {
      return this == FILL || this == DAY_CLOSED || this == PROTECTIVE_FIRED;
    }
  }

  public Alert(Kind kind, String subject, String message, Instant at) {
    this(kind, subject, message, at, 0);
  }

  String key() {
    return kind + "|" + subject;
  }

  Alert withSuppressed(int n) {
    return new Alert(kind, subject, message, at, n);
  }
}
