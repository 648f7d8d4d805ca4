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
 * @param witness when a difference counts as drift (its grace) and what parks agents
 * @param costs fees and tax of orders booked back ({@link kis.actors.agent.BookBackEvents})
 */
public record ReconcilerSettings(Reconciler reconciler, Duration interval, Duration stateTimeout,
    Duration unroutedDelay, ZoneId zone, AccountWitness witness, CostModel costs) {

  public ReconcilerSettings {
    if (reconciler == null || interval == null || interval.isNegative() || stateTimeout == null
        || stateTimeout.isNegative() || stateTimeout.isZero() || unroutedDelay == null || unroutedDelay.isNegative()
        || zone == null || witness == null || costs == null) {
      throw new IllegalArgumentException("bad reconciler settings");
    }
  }

  /**
   * Every 60 s, 5 s to answer, unrouted notices batched for 1 s, Asia/Seoul; a difference is drift
   * after 2 runs and 30 s.
   */
  public static ReconcilerSettings defaults(CostModel costs) {
    return new ReconcilerSettings(Reconciler.withDefaults(costs), Duration.ofSeconds(60), Duration.ofSeconds(5),
        Duration.ofSeconds(1), ZoneId.of("Asia/Seoul"), new AccountWitness(2, Duration.ofSeconds(30)), costs);
  }

  /**
   * The defaults with the engine's overrides: {@code kis-trader.reconcile-every} (interval) and
   * {@code kis-trader.reconcile-in-doubt-grace} (how long an unmatched in-doubt order waits for
   * KIS's inquiry to list it before it counts as never sent), {@code kis-trader.reconcile-drift-runs}
   * and {@code kis-trader.reconcile-drift-grace} (how many runs and how long a position difference
   * must last before it is drift), each optional.
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
    int runs = c.hasPath("kis-trader.reconcile-drift-runs") ? c.getInt("kis-trader.reconcile-drift-runs")
        : s.witness().driftRuns();
    Duration grace = c.hasPath("kis-trader.reconcile-drift-grace") ? c.getDuration("kis-trader.reconcile-drift-grace")
        : s.witness().driftGrace();
    return s.withWitness(new AccountWitness(runs, grace));
  }

  /**
   * The cash witness: the same grace as position drift ({@code reconcile-drift-runs} and
   * {@code reconcile-drift-grace}), the same costs and zone.
   */
  public CashWitness cashWitness() {
    return new CashWitness(witness.driftRuns(), witness.driftGrace(), costs, zone);
  }

  public ReconcilerSettings withWitness(AccountWitness w) {
    return new ReconcilerSettings(reconciler, interval, stateTimeout, unroutedDelay, zone, w, costs);
  }

  public ReconcilerSettings withInterval(Duration every) {
    return new ReconcilerSettings(reconciler, every, stateTimeout, unroutedDelay, zone, witness, costs);
  }

  public ReconcilerSettings withReconciler(Reconciler r) {
    return new ReconcilerSettings(r, interval, stateTimeout, unroutedDelay, zone, witness, costs);
  }
}
