package kis.actors.reconcile;

import com.typesafe.config.Config;
import java.time.Duration;
import java.time.ZoneId;
import kis.journal.CostModel;

/**
 * How the {@link ReconcilerActor} runs.
 *
 * @param reconciler the pure comparison (costs, grace period, clock tolerance)
 * @param interval how often to run on its own; zero for never (only {@code RunNow})
 * @param stateTimeout how long an agent may take to answer {@code GetState}
 * @param unroutedDelay after an unrouted notice, how long to wait for more before running once
 * @param zone Asia/Seoul: the trading date of the daily-ccld query
 */
public record ReconcilerSettings(Reconciler reconciler, Duration interval, Duration stateTimeout,
    Duration unroutedDelay, ZoneId zone) {

  public ReconcilerSettings {
    if (reconciler == null || interval == null || interval.isNegative() || stateTimeout == null
        || stateTimeout.isNegative() || stateTimeout.isZero() || unroutedDelay == null || unroutedDelay.isNegative()
        || zone == null) {
      throw new IllegalArgumentException("bad reconciler settings");
    }
  }

  /** Every 60 s, 5 s to answer, unrouted notices batched for 1 s, Asia/Seoul. */
  public static ReconcilerSettings defaults(CostModel costs) {
    return new ReconcilerSettings(Reconciler.withDefaults(costs), Duration.ofSeconds(60), Duration.ofSeconds(5),
        Duration.ofSeconds(1), ZoneId.of("Asia/Seoul"));
  }

  /**
   * The defaults with the engine's overrides: {@code kis-trader.reconcile-every} (interval) and
   * {@code kis-trader.reconcile-in-doubt-grace} (how long an unmatched in-doubt order waits for
   * KIS's inquiry to list it before it counts as never sent), each optional.
   */
  public static ReconcilerSettings fromConfig(Config c, CostModel costs) {
    ReconcilerSettings s = defaults(costs);
    if (c.hasPath("kis-trader.reconcile-every")) {
      s = s.withInterval(c.getDuration("kis-trader.reconcile-every"));
    }
    if (c.hasPath("kis-trader.reconcile-in-doubt-grace")) {
      s = s.withReconciler(new Reconciler(costs, c.getDuration("kis-trader.reconcile-in-doubt-grace"),
          Duration.ofSeconds(5), s.zone()));
    }
    return s;
  }

  public ReconcilerSettings withInterval(Duration every) {
    return new ReconcilerSettings(reconciler, every, stateTimeout, unroutedDelay, zone);
  }

  public ReconcilerSettings withReconciler(Reconciler r) {
    return new ReconcilerSettings(r, interval, stateTimeout, unroutedDelay, zone);
  }
}
