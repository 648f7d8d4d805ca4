package kis.actors.agent;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kis.journal.AgentId;
import kis.journal.Symbol;

/**
 * One entry of {@code kis-trader.agents} (shape and example: {@code conf/agents.example.conf}).
 *
 * @param strategyParams the strategy's own settings, as plain values, read by the strategy
 * @param risk limits the risk guard enforces; 0 means no limit
 * @param initialCapital won this agent may commit, before P&L
 */
public record AgentConfig(AgentId id, Symbol symbol, String strategy, Map<String, Object> strategyParams,
    RiskLimits risk, long initialCapital) {

  /** Per-agent risk limits, in won and shares; 0 means no limit. */
  public record RiskLimits(long maxOrderNotional, long maxPosition, long maxDailyLoss, int maxDailyOrders) {
    public static final RiskLimits NONE = new RiskLimits(0, 0, 0, 0);

    static RiskLimits from(Config c) {
      return new RiskLimits(
          c.hasPath("max-order-notional") ? c.getLong("max-order-notional") : 0,
          c.hasPath("max-position") ? c.getLong("max-position") : 0,
          c.hasPath("max-daily-loss") ? c.getLong("max-daily-loss") : 0,
          c.hasPath("max-daily-orders") ? c.getInt("max-daily-orders") : 0);
    }
  }

  public AgentConfig {
    strategyParams = Map.copyOf(strategyParams);
    if (initialCapital < 0) {
      throw new IllegalArgumentException("initial-capital must not be negative");
    }
  }

  /** Every agent under {@code kis-trader.agents}; ids must be unique. Errors name the entry. */
  public static List<AgentConfig> listFrom(Config root) {
    List<AgentConfig> out = new ArrayList<>();
    Set<AgentId> seen = new HashSet<>();
    List<? extends Config> entries = root.getConfigList("kis-trader.agents");
    for (int i = 0; i < entries.size(); i++) {
      AgentConfig a;
      try {
        a = from(entries.get(i));
      } catch (ConfigException | IllegalArgumentException e) {
        throw new IllegalArgumentException("kis-trader.agents[" + i + "]: " + e.getMessage(), e);
      }
      if (!seen.add(a.id())) {
        throw new IllegalArgumentException("kis-trader.agents[" + i + "]: duplicate agent id " + a.id());
      }
      out.add(a);
    }
    return out;
  }

  public static AgentConfig from(Config c) {
    Config strategy = c.getConfig("strategy");
    return new AgentConfig(
        new AgentId(c.getString("id")),
        Symbol.of(c.getString("symbol")),
        strategy.getString("name"),
        strategy.hasPath("params") ? strategy.getConfig("params").root().unwrapped() : Map.of(),
        c.hasPath("risk") ? RiskLimits.from(c.getConfig("risk")) : RiskLimits.NONE,
        c.hasPath("initial-capital") ? c.getLong("initial-capital") : 0);
  }
}
