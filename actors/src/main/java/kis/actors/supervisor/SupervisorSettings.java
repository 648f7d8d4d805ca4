package kis.actors.supervisor;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * How the {@link KisSupervisor} keeps the KIS connection up.
 *
 * @param backoff delays between reconnect attempts
 * @param watchdog silence limits that force a reconnect of a socket that has not closed
 * @param watchdogInterval how often the watchdog looks
 * @param subscribeTimeout how long the subscriptions of a fresh socket may take
 * @param reconcileTimeout how long the gap-fill reconciliation after a connect may take before
 *     the supervisor goes LIVE anyway (logged)
 * @param executionNotices whether to subscribe the account's execution notices (with the HTS id)
 * @param maxApprovalKeyRetries consecutive refused approval keys before the supervisor is DISABLED
 * @param degradedAfter consecutive failed websocket attempts after which, if REST still answers,
 *     the supervisor reports DEGRADED (and keeps trying the websocket)
 * @param degradedPoll how often the reconciler polls today's orders and fills while DEGRADED,
 *     standing in for the execution notices the websocket cannot deliver
 */
public record SupervisorSettings(Backoff backoff, StalenessWatchdog watchdog, Duration watchdogInterval,
    Duration subscribeTimeout, Duration reconcileTimeout, boolean executionNotices, int maxApprovalKeyRetries,
    int degradedAfter, Duration degradedPoll) {

  public SupervisorSettings {
    if (backoff == null || watchdog == null || watchdogInterval == null || watchdogInterval.isZero()
        || watchdogInterval.isNegative() || subscribeTimeout == null || subscribeTimeout.isNegative()
        || reconcileTimeout == null || reconcileTimeout.isNegative() || maxApprovalKeyRetries < 0
        || degradedAfter < 1 || degradedPoll == null || degradedPoll.isZero() || degradedPoll.isNegative()) {
      throw new IllegalArgumentException("bad supervisor settings");
    }
  }

  /** The settings before DEGRADED existed: degraded after 3 failed attempts, polling every 10 s. */
  public SupervisorSettings(Backoff backoff, StalenessWatchdog watchdog, Duration watchdogInterval,
      Duration subscribeTimeout, Duration reconcileTimeout, boolean executionNotices, int maxApprovalKeyRetries) {
    this(backoff, watchdog, watchdogInterval, subscribeTimeout, reconcileTimeout, executionNotices,
        maxApprovalKeyRetries, 3, Duration.ofSeconds(10));
  }

  /** Backoff 1 s..60 s with half jitter; no frame for 60 s or no trade for 120 s is stale; notices on. */
  public static SupervisorSettings defaults() {
    return new SupervisorSettings(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), 0.5),
        new StalenessWatchdog(Duration.ofSeconds(60), Duration.ofSeconds(120)), Duration.ofSeconds(5),
        Duration.ofSeconds(10), Duration.ofSeconds(30), true, 3);
  }

  /**
   * {@link #defaults()} with the staleness limits from {@code kis-trader.supervisor}
   * ({@code stale-without-frames}, {@code stale-without-trades}, {@code watchdog-every}) where set.
   * KIS does not publish its PINGPONG interval (reports range from ~10 s to ~110 s), so the frame
   * limit is the user's trade-off between noticing a dead feed early and reconnecting a healthy one.
   */
  public static SupervisorSettings fromConfig(Config c) {
    SupervisorSettings d = defaults();
    String at = "kis-trader.supervisor.";
    Duration frames = c.hasPath(at + "stale-without-frames") ? c.getDuration(at + "stale-without-frames")
        : d.watchdog().heartbeatSilence();
    Duration trades = c.hasPath(at + "stale-without-trades") ? c.getDuration(at + "stale-without-trades")
        : d.watchdog().tradeSilence();
    Duration every = c.hasPath(at + "watchdog-every") ? c.getDuration(at + "watchdog-every") : d.watchdogInterval();
    try {
      return d.withWatchdog(new StalenessWatchdog(frames, trades), every);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("kis-trader.supervisor: " + e.getMessage(), e);
    }
  }

  public SupervisorSettings withBackoff(Backoff b) {
    return new SupervisorSettings(b, watchdog, watchdogInterval, subscribeTimeout, reconcileTimeout, executionNotices,
        maxApprovalKeyRetries, degradedAfter, degradedPoll);
  }

  public SupervisorSettings withWatchdog(StalenessWatchdog w, Duration interval) {
    return new SupervisorSettings(backoff, w, interval, subscribeTimeout, reconcileTimeout, executionNotices,
        maxApprovalKeyRetries, degradedAfter, degradedPoll);
  }

  public SupervisorSettings withSubscribeTimeout(Duration d) {
    return new SupervisorSettings(backoff, watchdog, watchdogInterval, d, reconcileTimeout, executionNotices,
        maxApprovalKeyRetries, degradedAfter, degradedPoll);
  }

  public SupervisorSettings withDegraded(int afterAttempts, Duration poll) {
    return new SupervisorSettings(backoff, watchdog, watchdogInterval, subscribeTimeout, reconcileTimeout,
        executionNotices, maxApprovalKeyRetries, afterAttempts, poll);
  }
}
