package kis.actors.agent;

import com.typesafe.config.Config;
import java.time.Duration;
import kis.journal.AgentId;
import kis.journal.CostModel;

/**
 * How one agent journals: its identity, the cost model fixed into each fill when it is journaled,
 * the snapshot cadence, the backoff after a journal write failure, and how many failed recoveries
 * in a row stop the agent for good ({@link Agent}: its journal is damaged, retrying cannot help).
 */
public record AgentSettings(
    AgentId agentId,
    CostModel costs,
    int snapshotEvery,
    int snapshotsKept,
    Duration minBackoff,
    Duration maxBackoff,
    double randomFactor,
    int maxRecoveryFailures) {

  /** Shipped default of {@code kis-trader.agent.max-recovery-failures}. */
  public static final int DEFAULT_MAX_RECOVERY_FAILURES = 3;

  public AgentSettings(AgentId agentId, CostModel costs, int snapshotEvery, int snapshotsKept, Duration minBackoff,
      Duration maxBackoff, double randomFactor) {
    this(agentId, costs, snapshotEvery, snapshotsKept, minBackoff, maxBackoff, randomFactor,
        DEFAULT_MAX_RECOVERY_FAILURES);
  }

  public AgentSettings {
    if (agentId == null || costs == null) {
      throw new IllegalArgumentException("agent id and cost model are required");
    }
    if (snapshotEvery < 1 || snapshotsKept < 1) {
      throw new IllegalArgumentException("snapshot-every and snapshots-kept must be positive");
    }
    if (maxRecoveryFailures < 1) {
      throw new IllegalArgumentException("max-recovery-failures must be positive");
    }
  }

  /** Defaults: KIS 2026 costs, a snapshot every 500 events, 2 kept, backoff 200 ms..10 s. */
  public static AgentSettings of(AgentId agentId) {
    return new AgentSettings(agentId, CostModel.KIS_2026, 500, 2, Duration.ofMillis(200), Duration.ofSeconds(10), 0.2);
  }

  /** From the {@code kis-trader.agent} section of the configuration, costs included. */
  public static AgentSettings fromConfig(AgentId agentId, Config agent) {
    Config c = agent.getConfig("costs");
    return fromConfig(agentId, new CostModel(c.getLong("fee-ppb"), c.getLong("sell-tax-ppb")), agent);
  }

  /** From the {@code kis-trader.agent} section of the configuration, with the given costs. */
  public static AgentSettings fromConfig(AgentId agentId, CostModel costs, Config agent) {
    Config b = agent.getConfig("persist-failure-backoff");
    return new AgentSettings(agentId, costs, agent.getInt("snapshot-every"), agent.getInt("snapshots-kept"),
        b.getDuration("min"), b.getDuration("max"), b.getDouble("random-factor"),
        agent.hasPath("max-recovery-failures") ? agent.getInt("max-recovery-failures") : DEFAULT_MAX_RECOVERY_FAILURES);
  }

  public AgentSettings withSnapshotEvery(int n) {
    return new AgentSettings(agentId, costs, n, snapshotsKept, minBackoff, maxBackoff, randomFactor,
        maxRecoveryFailures);
  }

  public AgentSettings withCosts(CostModel c) {
    return new AgentSettings(agentId, c, snapshotEvery, snapshotsKept, minBackoff, maxBackoff, randomFactor,
        maxRecoveryFailures);
  }

  public AgentSettings withMaxRecoveryFailures(int n) {
    return new AgentSettings(agentId, costs, snapshotEvery, snapshotsKept, minBackoff, maxBackoff, randomFactor, n);
  }
}
