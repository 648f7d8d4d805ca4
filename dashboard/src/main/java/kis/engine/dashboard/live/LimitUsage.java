package kis.engine.dashboard.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import kis.actors.agent.AgentConfig;
import kis.actors.live.HostSignals;
import kis.actors.risk.AccountFigures;
import kis.actors.risk.AccountLimits;
import kis.actors.risk.AgentFigures;
import kis.actors.risk.AgentLimits;
import kis.engine.dashboard.LimitUse;
import kis.engine.dashboard.LimitsView;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.state.AgentState;
import kis.journal.state.Order;

/**
 * How much of each limit is used, from the same figures the risk checks use: an agent's books for
 * its shares, capital and order sizes, and the figures its host last reported to the account
 * (today's P&L and order count) for the rest.
 */
public final class LimitUsage {
  private LimitUsage() {}

  /**
   * The whole view: the account's use (empty until the account answered) and each agent's, by
   * configured id; an agent's reported figures are found by its journal id ({@code AgentState.agentId()}).
   */
  public static LimitsView view(Optional<HostSignals.AccountStatus> account,
      List<Map.Entry<AgentConfig, AgentState>> agents, Map<Symbol, Long> marks) {
    Map<String, List<LimitUse>> byAgent = new java.util.TreeMap<>();
    for (Map.Entry<AgentConfig, AgentState> e : agents) {
      byAgent.put(e.getKey().id().value(), agent(e.getKey().agentLimits(), e.getValue(),
          account.map(a -> a.figures().byAgent().get(e.getValue().agentId())), marks));
    }
    return new LimitsView(account.map(LimitUsage::account).orElse(List.of()), byAgent);
  }

  /** The account's limits across agents. */
  public static List<LimitUse> account(HostSignals.AccountStatus status) {
    AccountLimits l = status.limits();
    AccountFigures.Totals t = status.totals();
    return List.of(new LimitUse("max-gross-exposure", t.grossExposure(), l.maxGrossExposure(), "won"),
        new LimitUse("max-daily-loss", Math.max(0, -t.dailyPnl()), l.maxDailyLoss(), "won"),
        new LimitUse("max-orders-per-day", t.ordersToday(), l.maxOrdersPerDay(), "orders"));
  }

  /**
   * One agent's own limits. Working buys count at their limit price, a market buy at the symbol's
   * mark (the guard counts it at the upper band, so the guard's figure can be higher).
   *
   * @param figures what its host last reported, empty if nothing yet (P&L and orders then show 0)
   */
  public static List<LimitUse> agent(AgentLimits l, AgentState s, Optional<AgentFigures> figures,
      Map<Symbol, Long> marks) {
    List<LimitUse> out = new ArrayList<>();
    for (Symbol sym : new TreeSet<>(l.symbols().stream().map(Symbol::code).toList()).stream().map(Symbol::of).toList()) {
      out.add(new LimitUse("max-position " + sym.code(),
          s.position(sym).quantity() + AgentLimits.workingBuyShares(s, sym), l.maxPositionShares(), "shares"));
    }
    long workingBuys = 0;
    long largest = 0;
    for (Order o : s.openOrders().values()) {
      long px = o.price() > 0 ? o.price() : marks.getOrDefault(o.spec().symbol(), 0L);
      long value = o.remainingQuantity() * px;
      largest = Math.max(largest, value);
      if (o.spec().side() == Side.BUY) {
        workingBuys += value;
      }
    }
    out.add(new LimitUse("initial-capital", AgentLimits.heldCost(s) + workingBuys - s.netRealizedPnl(),
        l.initialCapital(), "won"));
    out.add(new LimitUse("max-order-notional", largest, l.maxOrderNotional(), "won"));
    out.add(new LimitUse("max-daily-loss", figures.map(f -> Math.max(0, -f.dailyPnl())).orElse(0L), l.maxDailyLoss(),
        "won"));
    out.add(new LimitUse("max-daily-orders", figures.map(AgentFigures::ordersToday).orElse(0), l.maxDailyOrders(),
        "orders"));
    return List.copyOf(out);
  }
}
