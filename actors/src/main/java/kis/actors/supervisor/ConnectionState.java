package kis.actors.supervisor;

import java.util.EnumSet;
import java.util.Set;

/**
 * The KIS connection as the supervisor sees it. Transitions happen only in the supervisor actor;
 * {@link #canMoveTo} is the table it follows, and every transition is logged and shown.
 */
public enum ConnectionState {
  /** Nothing is connected and no attempt is under way (start-up, or after an orderly shutdown). */
  DISCONNECTED,
  /** Obtaining the access token and the websocket approval key over REST. */
  AUTHENTICATING,
  /** Opening the websocket with the approval key. */
  CONNECTING,
  /** The socket is open; (re)subscribing every trade, book and execution-notice feed. */
  SUBSCRIBING,
  /** Everything is subscribed and frames are flowing: agents may trade. */
  LIVE,
  /** The socket is open but silent past the watchdog's limit; a reconnect is about to start. */
  STALE,
  /**
   * Trading goes on, but something KIS-side is not right; {@code KisSupervisor.Status#degradedBecause}
   * names the causes. Either the websocket has failed {@link SupervisorSettings#degradedAfter}
   * attempts in a row while REST still answers (reconnect attempts go on behind this state; left for
   * LIVE once a socket is subscribed and gap-filled, or for RECONNECTING when REST fails too), or
   * the socket is up but KIS keeps answering EGW00201 ({@link SupervisorSettings#throttled}) or fills
   * keep turning up in the inquiry without their notice ({@link SupervisorSettings#missedNotices});
   * those end once a whole window passes without one. Meanwhile today's orders and fills are polled
   * over REST (the reconciler) and strategies place no new orders; cancels still go out.
   */
  DEGRADED,
  /** Waiting out a jittered backoff delay before the next connection attempt. */
  RECONNECTING,
  /** Will not reconnect until an operator acts (for example a revoked or invalid app key). */
  DISABLED;

  /** Whether the gateway may send new orders in this state. */
  public boolean acceptsOrders() {
    return this == LIVE || this == DEGRADED;
  }

  /** Whether the supervisor may move from this state to {@code next}. */
  public boolean canMoveTo(ConnectionState next) {
    return next == DISABLED || next == DISCONNECTED ? this != next : successors().contains(next);
  }

  private Set<ConnectionState> successors() {
    return switch (this) {
      case DISCONNECTED -> EnumSet.of(AUTHENTICATING);
      case AUTHENTICATING -> EnumSet.of(CONNECTING, DEGRADED, RECONNECTING);
      case CONNECTING -> EnumSet.of(SUBSCRIBING, DEGRADED, RECONNECTING);
      case SUBSCRIBING -> EnumSet.of(LIVE, DEGRADED, RECONNECTING);
      case LIVE -> EnumSet.of(STALE, DEGRADED, RECONNECTING, AUTHENTICATING);
      // Attempts made while DEGRADED stay behind it; it is left for LIVE, or for RECONNECTING when REST fails.
      case STALE -> EnumSet.of(RECONNECTING, DEGRADED);
      // A LIVE socket shown DEGRADED (throttled, notices lost) can still fall silent.
      case DEGRADED -> EnumSet.of(LIVE, STALE, RECONNECTING, AUTHENTICATING, CONNECTING, SUBSCRIBING);
      case RECONNECTING -> EnumSet.of(AUTHENTICATING, CONNECTING, DEGRADED);
      // An operator reset goes through DISCONNECTED.
      case DISABLED -> EnumSet.noneOf(ConnectionState.class);
    };
  }
}
