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
 * @param throttled EGW00201 replies (the REST client's count, sampled every {@code watchdogInterval})
 *     that make the supervisor DEGRADED while the websocket is LIVE: the rate limiter paces to the
 *     budget, so these mean KIS's budget is smaller than ours (another program on the key, a lower limit)
 * @param missedNotices fills found only in the inquiry (the reconciler's count, outside reconnects)
 *     that make the supervisor DEGRADED while the websocket is LIVE: execution notices are being lost
 * @param streams the per-stream adaptive watchdog ({@link StreamWatch}), checked every {@code watchdogInterval}
 *     with the no-frame limit of {@code watchdog} as its ceiling
 * @param polling how the feeds left without a websocket registration are polled by REST
 *     ({@link PollSchedule.Budget}, {@code market-poll { budget-share, min-interval }})
 */
public record SupervisorSettings(Backoff backoff, StalenessWatchdog watchdog, Duration watchdogInterval,
    Duration subscribeTimeout, Duration reconcileTimeout, boolean executionNotices, int maxApprovalKeyRetries,
    int degradedAfter, Duration degradedPoll, Trouble throttled, Trouble missedNotices, AdaptiveStaleness streams,
    PollSchedule.Budget polling) {

  /**
   * A cause of DEGRADED counted over time: entered at {@code limit} events within {@code window},
   * left once none has happened for {@code calm} (then counted afresh).
   */
  public record Trouble(int limit, Duration window, Duration calm) {
    public Trouble {
      if (limit < 1 || window == null || window.isZero() || window.isNegative() || calm == null || calm.isZero()
          || calm.isNegative()) {
        throw new IllegalArgumentException("a degraded trigger needs limit >= 1, a positive window and calm");
      }
    }

    /**
     * Reads {@code <key> = N}, {@code <key>-within = duration} and {@code <key>-calm = duration}
     * under {@code at}, each optional.
     */
    static Trouble fromConfig(com.typesafe.config.Config c, String at, String key, Trouble d) {
      int limit = c.hasPath(at + key) ? c.getInt(at + key) : d.limit();
      Duration window = c.hasPath(at + key + "-within") ? c.getDuration(at + key + "-within") : d.window();
      Duration calm = c.hasPath(at + key + "-calm") ? c.getDuration(at + key + "-calm") : d.calm();
      return new Trouble(limit, window, calm);
    }

    /** The longest span counted. */
    Duration retention() {
      return window.compareTo(calm) >= 0 ? window : calm;
    }
  }

  /**
   * Twenty EGW00201 replies within a minute; over after 10 s without one. A key KIS really allows
   * less than our budget is refused many times a second, while a stray refusal (a clock edge between
   * KIS's window and ours) stays far below this.
   */
  public static final Trouble THROTTLED_DEFAULT = new Trouble(20, Duration.ofMinutes(1), Duration.ofSeconds(10));
  /**
   * Five fills without their notice within ten minutes; over once a run finds none (the
   * reconciler runs every minute, and every {@code degradedPoll} while DEGRADED). A notice merely
   * in flight during a run also counts, hence more than one.
   */
  public static final Trouble MISSED_NOTICES_DEFAULT = new Trouble(5, Duration.ofMinutes(10), Duration.ofSeconds(5));

  public SupervisorSettings {
    if (backoff == null || watchdog == null || watchdogInterval == null || watchdogInterval.isZero()
        || watchdogInterval.isNegative() || subscribeTimeout == null || subscribeTimeout.isNegative()
        || reconcileTimeout == null || reconcileTimeout.isNegative() || maxApprovalKeyRetries < 0
        || degradedAfter < 1 || degradedPoll == null || degradedPoll.isZero() || degradedPoll.isNegative()
        || throttled == null || missedNotices == null || streams == null || polling == null) {
      throw new IllegalArgumentException("bad supervisor settings");
    }
  }

  /** The settings before market polling existed, polling at {@link PollSchedule.Budget#DEFAULT}. */
  public SupervisorSettings(Backoff backoff, StalenessWatchdog watchdog, Duration watchdogInterval,
      Duration subscribeTimeout, Duration reconcileTimeout, boolean executionNotices, int maxApprovalKeyRetries,
      int degradedAfter, Duration degradedPoll, Trouble throttled, Trouble missedNotices, AdaptiveStaleness streams) {
    this(backoff, watchdog, watchdogInterval, subscribeTimeout, reconcileTimeout, executionNotices,
        maxApprovalKeyRetries, degradedAfter, degradedPoll, throttled, missedNotices, streams,
        PollSchedule.Budget.DEFAULT);
  }

  /** The settings before the per-stream watchdog existed, with it at its defaults (on). */
  public SupervisorSettings(Backoff backoff, StalenessWatchdog watchdog, Duration watchdogInterval,
      Duration subscribeTimeout, Duration reconcileTimeout, boolean executionNotices, int maxApprovalKeyRetries,
      int degradedAfter, Duration degradedPoll, Trouble throttled, Trouble missedNotices) {
    this(backoff, watchdog, watchdogInterval, subscribeTimeout, reconcileTimeout, executionNotices,
        maxApprovalKeyRetries, degradedAfter, degradedPoll, throttled, missedNotices, AdaptiveStaleness.DEFAULTS);
  }

  /**
   * The settings before DEGRADED existed: degraded after 3 failed attempts, polling every 10 s, and
   * the default rate-limit and lost-notice triggers.
   */
  public SupervisorSettings(Backoff backoff, StalenessWatchdog watchdog, Duration watchdogInterval,
      Duration subscribeTimeout, Duration reconcileTimeout, boolean executionNotices, int maxApprovalKeyRetries) {
    this(backoff, watchdog, watchdogInterval, subscribeTimeout, reconcileTimeout, executionNotices,
        maxApprovalKeyRetries, 3, Duration.ofSeconds(10), THROTTLED_DEFAULT, MISSED_NOTICES_DEFAULT);
  }

  /**
   * Backoff 1 s..60 s with half jitter; no frame for 60 s or no trade for 120 s is stale; each
   * stream judged by its own learned gap ({@link AdaptiveStaleness#DEFAULTS}); the watchdog looks
   * every 500 ms (a liquid stream is stale after 4 s, so a 5 s look would double that); notices on.
   */
  public static SupervisorSettings defaults() {
    return new SupervisorSettings(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), 0.5),
        new StalenessWatchdog(Duration.ofSeconds(60), Duration.ofSeconds(120)), Duration.ofMillis(500),
        Duration.ofSeconds(10), Duration.ofSeconds(30), true, 3);
  }

  /**
   * {@link #defaults()} with the staleness limits from {@code kis-trader.supervisor}
   * ({@code stale-without-frames}, {@code stale-without-trades}, {@code watchdog-every},
   * {@code stream-watchdog { ... }}) where set.
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
      return d.withWatchdog(new StalenessWatchdog(frames, trades), every)
          .withDegradedWhen(Trouble.fromConfig(c, at, "degraded-throttled", d.throttled()),
              Trouble.fromConfig(c, at, "degraded-missed-notices", d.missedNotices()))
          .withStreams(AdaptiveStaleness.fromConfig(c, at))
          .withPolling(new PollSchedule.Budget(
              c.hasPath(at + "market-poll.budget-share") ? c.getDouble(at + "market-poll.budget-share")
                  : d.polling().share(),
              c.hasPath(at + "market-poll.min-interval") ? c.getDuration(at + "market-poll.min-interval")
                  : d.polling().minInterval()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("kis-trader.supervisor: " + e.getMessage(), e);
    }
  }

  public SupervisorSettings withBackoff(Backoff b) {
    return new SupervisorSettings(b, watchdog, watchdogInterval, subscribeTimeout, reconcileTimeout, executionNotices,
        maxApprovalKeyRetries, degradedAfter, degradedPoll, throttled, missedNotices, streams, polling);
  }

  public SupervisorSettings withWatchdog(StalenessWatchdog w, Duration interval) {
    return new SupervisorSettings(backoff, w, interval, subscribeTimeout, reconcileTimeout, executionNotices,
        maxApprovalKeyRetries, degradedAfter, degradedPoll, throttled, missedNotices, streams, polling);
  }

  public SupervisorSettings withSubscribeTimeout(Duration d) {
    return new SupervisorSettings(backoff, watchdog, watchdogInterval, d, reconcileTimeout, executionNotices,
        maxApprovalKeyRetries, degradedAfter, degradedPoll, throttled, missedNotices, streams, polling);
  }

  public SupervisorSettings withDegraded(int afterAttempts, Duration poll) {
    return new SupervisorSettings(backoff, watchdog, watchdogInterval, subscribeTimeout, reconcileTimeout,
        executionNotices, maxApprovalKeyRetries, afterAttempts, poll, throttled, missedNotices, streams, polling);
  }

  /** The rate-limit and lost-notice triggers of DEGRADED. */
  public SupervisorSettings withDegradedWhen(Trouble throttledReplies, Trouble fillsWithoutNotice) {
    return new SupervisorSettings(backoff, watchdog, watchdogInterval, subscribeTimeout, reconcileTimeout,
        executionNotices, maxApprovalKeyRetries, degradedAfter, degradedPoll, throttledReplies, fillsWithoutNotice,
        streams, polling);
  }

  /** The per-stream adaptive watchdog's settings ({@link AdaptiveStaleness#OFF}: the fixed limits only). */
  public SupervisorSettings withStreams(AdaptiveStaleness s) {
    return new SupervisorSettings(backoff, watchdog, watchdogInterval, subscribeTimeout, reconcileTimeout,
        executionNotices, maxApprovalKeyRetries, degradedAfter, degradedPoll, throttled, missedNotices, s, polling);
  }

  /** How the feeds without a websocket registration are polled. */
  public SupervisorSettings withPolling(PollSchedule.Budget p) {
    return new SupervisorSettings(backoff, watchdog, watchdogInterval, subscribeTimeout, reconcileTimeout,
        executionNotices, maxApprovalKeyRetries, degradedAfter, degradedPoll, throttled, missedNotices, streams, p);
  }
}
