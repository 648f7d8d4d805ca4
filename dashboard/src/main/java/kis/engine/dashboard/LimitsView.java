package kis.engine.dashboard;

import java.util.List;
import java.util.Map;

/**
 * Every limit and how much of it is used ({@code GET /api/limits}): the account's across agents
 * ({@code kis-trader.risk.account}) and each agent's own (its {@code risk {}} and
 * {@code initial-capital}), by agent id.
 */
public record LimitsView(List<LimitUse> account, Map<String, List<LimitUse>> agents) {
  public static final LimitsView EMPTY = new LimitsView(List.of(), Map.of());

  public LimitsView {
    account = List.copyOf(account);
    agents = Map.copyOf(agents);
  }
}
