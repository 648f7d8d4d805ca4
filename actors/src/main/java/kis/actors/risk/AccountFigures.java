package kis.actors.risk;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import kis.journal.JournalSerializable;

/**
 * Every agent's last reported {@link AgentFigures}, by agent id: the account's counters, kept by
 * the one actor that sees every agent of the account ({@code HostSignals}, in the single-node engine
 * and in the cluster's account singleton alike) and handed to every host.
 */
public record AccountFigures(Map<String, AgentFigures> byAgent) implements JournalSerializable {
  public static final AccountFigures EMPTY = new AccountFigures(Map.of());

  public AccountFigures {
    byAgent = Map.copyOf(byAgent);
  }

  /** With {@code agent}'s figures replaced. */
  public AccountFigures with(String agent, AgentFigures figures) {
    Map<String, AgentFigures> m = new HashMap<>(byAgent);
    m.put(agent, figures);
    return new AccountFigures(m);
  }

  /**
   * The sum over every agent but {@code except} (null: all): exposure always, P&L and orders only
   * of figures from {@code day} (an agent not heard from today has neither yet).
   */
  public Totals totals(LocalDate day, String except) {
    long exposure = 0;
    long pnl = 0;
    int orders = 0;
    int agents = 0;
    for (Map.Entry<String, AgentFigures> e : byAgent.entrySet()) {
      if (e.getKey().equals(except)) {
        continue;
      }
      AgentFigures f = e.getValue();
      agents++;
      exposure += f.grossExposure();
      if (f.day().equals(day)) {
        pnl += f.dailyPnl();
        orders += f.ordersToday();
      }
    }
    return new Totals(exposure, pnl, orders, agents);
  }

  /** Sums over some agents. */
  public record Totals(long grossExposure, long dailyPnl, int ordersToday, int agents) {
    public Totals plus(AgentFigures f) {
      return new Totals(grossExposure + f.grossExposure(), dailyPnl + f.dailyPnl(), ordersToday + f.ordersToday(),
          agents + 1);
    }
  }
}
