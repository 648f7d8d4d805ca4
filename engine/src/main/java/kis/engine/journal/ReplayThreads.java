package kis.engine.journal;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;

/**
 * Gives the engine's LevelDB journal one replay thread per recovery Pekko lets run at once
 * ({@code pekko.persistence.max-concurrent-recoveries}) plus a few for persistence queries, so
 * that no recovery's reads wait behind other agents' replays. Pekko's default replay pool (a
 * fork-join pool of at most 8) queued them: with 50 full replays in flight on a loaded machine,
 * an agent's read of its highest sequence number (the one read the journal's circuit breaker
 * times, 10 s) and its replay (timed by {@code recovery-event-timeout}, which restarts with every
 * event) waited for other agents' replays, timed out, opened the breaker for every agent, and the
 * agents were taken for damaged (README "Damaged journal"). A recovery waiting for its turn holds
 * no permit and is not timed, so with a thread per permit both timeouts measure this agent's own
 * read, as they are meant to.
 *
 * <p>Applies when the journal's {@code replay-dispatcher} is {@value #DISPATCHER} (as shipped);
 * a dispatcher of the user's own is left as it is.
 */
public final class ReplayThreads {
  public static final String DISPATCHER = "pekko.persistence.dispatchers.kis-replay-dispatcher";
  static final String POOL_SIZE = DISPATCHER + ".thread-pool-executor.fixed-pool-size";
  static final String RECOVERIES = "pekko.persistence.max-concurrent-recoveries";
  static final String JOURNAL_DISPATCHER = "pekko.persistence.journal.leveldb.replay-dispatcher";
  /** Persistence queries (the dashboard's journal tails, tagged replays) beside the recoveries. */
  static final int QUERY_THREADS = 8;

  private ReplayThreads() {}

  /** {@code c} with the replay pool sized to its recoveries in flight. */
  public static Config configure(Config c) {
    if (!c.hasPath(JOURNAL_DISPATCHER) || !DISPATCHER.equals(c.getString(JOURNAL_DISPATCHER))
        || !c.hasPath(RECOVERIES)) {
      return c;
    }
    int recoveries = c.getInt(RECOVERIES);
    if (recoveries < 1) {
      throw new IllegalArgumentException(RECOVERIES + " must be at least 1, was " + recoveries);
    }
    return c.withValue(POOL_SIZE, ConfigValueFactory.fromAnyRef(recoveries + QUERY_THREADS));
  }
}
