package kis.engine.backtest;

import kis.journal.AgentId;
import kis.journal.CostModel;

/**
 * How a backtest simulates the account and the market.
 *
 * @param initialCash won in the account at the start
 * @param costs brokerage fee and transaction tax per fill
 * @param participation the share of each trade's or bar's volume our orders may take (0..1]:
 *     an order bigger than that fills partially over several events
 */
public record BacktestConfig(AgentId agentId, long initialCash, CostModel costs, double participation) {
  public BacktestConfig {
    if (agentId == null || costs == null) {
      throw new IllegalArgumentException("agent id and cost model are required");
    }
    if (initialCash <= 0) {
      throw new IllegalArgumentException("initial cash must be positive: " + initialCash);
    }
    if (!(participation > 0 && participation <= 1)) {
      throw new IllegalArgumentException("participation must be in (0, 1]: " + participation);
    }
  }

  public static BacktestConfig defaults() {
    return new BacktestConfig(new AgentId("backtest"), 100_000_000L, CostModel.KIS_2026, 0.1);
  }

  public BacktestConfig withCash(long cash) {
    return new BacktestConfig(agentId, cash, costs, participation);
  }

  public BacktestConfig withCosts(CostModel c) {
    return new BacktestConfig(agentId, initialCash, c, participation);
  }

  public BacktestConfig withParticipation(double p) {
    return new BacktestConfig(agentId, initialCash, costs, p);
  }
}
