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
   * The websocket has failed {@link SupervisorSettings#degradedAfter} attempts in a row but REST
   * still answers: reconnect attempts go on behind this state, today's orders and fills are
   * polled over REST (the reconciler) instead of pushed, and strategies place no new orders
   * (no live market data); cancels still go out. Left for LIVE once a socket is subscribed and
   * gap-filled, or for RECONNECTING when REST fails too.
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
      case DEGRADED -> EnumSet.of(LIVE, RECONNECTING, AUTHENTICATING, CONNECTING, SUBSCRIBING);
      case RECONNECTING -> EnumSet.of(AUTHENTICATING, CONNECTING, DEGRADED);
      // An operator reset goes through DISCONNECTED.
      case DISABLED -> EnumSet.noneOf(ConnectionState.class);
    };
  }
}
