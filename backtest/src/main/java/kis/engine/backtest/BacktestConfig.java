package kis.engine.backtest;

import kis.journal.risk.OwnLimits;
import kis.journal.AgentId;
import kis.journal.CostModel;

/**
 * How a backtest simulates the account and the market.
 *
 * @param initialCash won in the account at the start
 * @param costs brokerage fee and transaction tax per fill
 * @param participation the share of each trade's or bar's volume our orders may take (0..1]:
 *     an order bigger than that fills partially over several events
 * @param fillsAtTouch whether a trade print at exactly a resting limit order's price fills it (as
 *     if the order were first in the queue at that price, which is how kis-sim treats the account's
 *     orders); false (the default) is the conservative choice for history, where the queue ahead
 *     of us absorbs prints at our price and only a print through the limit proves a fill
 * @param limits the agent's own limits ({@code risk {}} and {@code initial-capital} of an agent
 *     block), applied by the same pure check as the live risk guard; {@link OwnLimits#NONE} by default
 */
public record BacktestConfig(AgentId agentId, long initialCash, CostModel costs, double participation,
    boolean fillsAtTouch, OwnLimits limits) {
  public BacktestConfig {
    if (agentId == null || costs == null || limits == null) {
      throw new IllegalArgumentException("agent id and cost model are required");
    }
    if (initialCash <= 0) {
      throw new IllegalArgumentException("initial cash must be positive: " + initialCash);
    }
    if (!(participation > 0 && participation <= 1)) {
      throw new IllegalArgumentException("participation must be in (0, 1]: " + participation);
    }
  }

  /** Without limits of the agent's own. */
  public BacktestConfig(AgentId agentId, long initialCash, CostModel costs, double participation,
      boolean fillsAtTouch) {
    this(agentId, initialCash, costs, participation, fillsAtTouch, OwnLimits.NONE);
  }

  /** Only prints through a resting limit fill it ({@code fillsAtTouch} false). */
  public BacktestConfig(AgentId agentId, long initialCash, CostModel costs, double participation) {
    this(agentId, initialCash, costs, participation, false);
  }

  public static BacktestConfig defaults() {
    return new BacktestConfig(new AgentId("backtest"), 100_000_000L, CostModel.KIS_2026, 0.1);
  }

  public BacktestConfig withCash(long cash) {
    return new BacktestConfig(agentId, cash, costs, participation, fillsAtTouch, limits);
  }

  public BacktestConfig withCosts(CostModel c) {
    return new BacktestConfig(agentId, initialCash, c, participation, fillsAtTouch, limits);
  }

  public BacktestConfig withParticipation(double p) {
    return new BacktestConfig(agentId, initialCash, costs, p, fillsAtTouch, limits);
  }

  public BacktestConfig withFillsAtTouch(boolean touch) {
    return new BacktestConfig(agentId, initialCash, costs, participation, touch, limits);
  }

  public BacktestConfig withAgentId(AgentId id) {
    return new BacktestConfig(id, initialCash, costs, participation, fillsAtTouch, limits);
  }

  /** The agent's own limits, enforced as live. */
  public BacktestConfig withLimits(OwnLimits l) {
    return new BacktestConfig(agentId, initialCash, costs, participation, fillsAtTouch, l);
  }
}
