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
 * @param initialCapital won this agent may commit, before P&L; 0 means no limit
 * @param moreSymbols symbols the agent may trade besides {@code symbol} (key {@code symbols}, for
 *     strategies that trade several, such as pair-spread); an order on any other is denied
 */
public record AgentConfig(AgentId id, Symbol symbol, String strategy, Map<String, Object> strategyParams,
    RiskLimits risk, long initialCapital, Set<Symbol> moreSymbols) {

  /**
   * Per-agent risk limits as configured; 0 means no limit. {@code maxPosition} is in SHARES of
   * one symbol (held plus working buys), unlike the engine-wide {@code max-symbol-position} in won.
   */
  public record RiskLimits(long maxOrderNotional, long maxPosition, long maxDailyLoss, int maxDailyOrders) {
    public static final RiskLimits NONE = new RiskLimits(0, 0, 0, 0);

    /** From a {@code risk} block; absent keys are 0 (no limit). */
    public static RiskLimits from(Config c) {
      return new RiskLimits(
          c.hasPath("max-order-notional") ? c.getLong("max-order-notional") : 0,
          c.hasPath("max-position") ? c.getLong("max-position") : 0,
          c.hasPath("max-daily-loss") ? c.getLong("max-daily-loss") : 0,
          c.hasPath("max-daily-orders") ? c.getInt("max-daily-orders") : 0);
    }
  }

  public AgentConfig {
    strategyParams = Map.copyOf(strategyParams);
    moreSymbols = Set.copyOf(moreSymbols);
    if (initialCapital < 0) {
      throw new IllegalArgumentException("initial-capital must not be negative");
    }
    agentLimits(risk, initialCapital, symbol, moreSymbols); // negative limits stop the start, key named
  }

  /** An agent declared for {@code symbol} only. */
  public AgentConfig(AgentId id, Symbol symbol, String strategy, Map<String, Object> strategyParams,
      RiskLimits risk, long initialCapital) {
    this(id, symbol, strategy, strategyParams, risk, initialCapital, Set.of());
  }

  /** Every symbol the agent is declared for: {@code symbol} and {@code symbols}. */
  public Set<Symbol> declaredSymbols() {
    Set<Symbol> all = new HashSet<>(moreSymbols);
    all.add(symbol);
    return Set.copyOf(all);
  }

  /** The agent's own limits as the risk guard (live) and the backtest enforce them. */
  public kis.actors.risk.AgentLimits agentLimits() {
    return agentLimits(risk, initialCapital, symbol, moreSymbols);
  }

  private static kis.actors.risk.AgentLimits agentLimits(RiskLimits r, long capital, Symbol symbol,
      Set<Symbol> more) {
    Set<Symbol> all = new HashSet<>(more);
    all.add(symbol);
    return new kis.actors.risk.AgentLimits(r.maxOrderNotional(), r.maxPosition(), r.maxDailyLoss(),
        r.maxDailyOrders(), capital, all);
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
        c.hasPath("initial-capital") ? c.getLong("initial-capital") : 0,
        c.hasPath("symbols") ? c.getStringList("symbols").stream().map(Symbol::of).collect(
            java.util.stream.Collectors.toSet()) : Set.of());
  }
}
