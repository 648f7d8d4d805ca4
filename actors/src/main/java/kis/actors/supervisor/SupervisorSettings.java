package kis.actors.supervisor;

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
 */
public record SupervisorSettings(Backoff backoff, StalenessWatchdog watchdog, Duration watchdogInterval,
    Duration subscribeTimeout, Duration reconcileTimeout, boolean executionNotices, int maxApprovalKeyRetries) {

  public SupervisorSettings {
    if (backoff == null || watchdog == null || watchdogInterval == null || watchdogInterval.isZero()
        || watchdogInterval.isNegative() || subscribeTimeout == null || subscribeTimeout.isNegative()
        || reconcileTimeout == null || reconcileTimeout.isNegative() || maxApprovalKeyRetries < 0) {
      throw new IllegalArgumentException("bad supervisor settings");
    }
  }

  /** Backoff 1 s..60 s with half jitter; no frame for 60 s or no trade for 120 s is stale; notices on. */
  public static SupervisorSettings defaults() {
    return new SupervisorSettings(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), 0.5),
        new StalenessWatchdog(Duration.ofSeconds(60), Duration.ofSeconds(120)), Duration.ofSeconds(5),
        Duration.ofSeconds(10), Duration.ofSeconds(30), true, 3);
  }

  public SupervisorSettings withBackoff(Backoff b) {
    return new SupervisorSettings(b, watchdog, watchdogInterval, subscribeTimeout, reconcileTimeout, executionNotices,
        maxApprovalKeyRetries);
  }

  public SupervisorSettings withWatchdog(StalenessWatchdog w, Duration interval) {
    return new SupervisorSettings(backoff, w, interval, subscribeTimeout, reconcileTimeout, executionNotices,
        maxApprovalKeyRetries);
  }
}
