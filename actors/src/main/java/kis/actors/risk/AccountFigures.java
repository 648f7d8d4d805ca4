package kis.actors.risk;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kis.journal.JournalSerializable;

/**
 * Every agent's last reported {@link AgentFigures}, by journal id: the account's counters, kept by
 * the one actor that sees every agent of the account ({@code HostSignals}, in the single-node engine
 * and in the cluster's account singleton alike).
 *
 * <p>A fresh start gives an agent a new journal ({@code <id>.g<n>}, the convention of both
 * profiles' generation stores) and a new host, which reports under the new journal id. An earlier
 * generation of the same agent then counts only with what the account keeps of it: its orders and
 * its realized P&L of that day (the money is spent, the orders were sent), never its exposure (the
 * shares it held were handed over to the new generation, which reports them, or it held none).
 */
public record AccountFigures(Map<String, AgentFigures> byAgent) implements JournalSerializable {
  public static final AccountFigures EMPTY = new AccountFigures(Map.of());
  private static final Pattern GENERATION = Pattern.compile("(.+)\\.g([1-9][0-9]*)");

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
   * of figures from {@code day} (an agent not heard from today has neither yet). An agent's journal
   * superseded by a fresh start counts as {@link AgentFigures#retired}.
   */
  public Totals totals(LocalDate day, String except) {
    Map<String, Integer> latest = new HashMap<>();
    byAgent.keySet().forEach(k -> latest.merge(configured(k), generation(k), Math::max));
    Totals t = Totals.ZERO;
    for (Map.Entry<String, AgentFigures> e : byAgent.entrySet()) {
      if (e.getKey().equals(except)) {
        continue;
      }
      boolean superseded = generation(e.getKey()) < latest.get(configured(e.getKey()));
      t = t.plus(superseded ? e.getValue().retired() : e.getValue(), day, !superseded);
    }
    return t;
  }

  /** The configured agent id of journal id {@code journalId} ({@code a.g2} is {@code a}'s third journal). */
  static String configured(String journalId) {
    Matcher m = GENERATION.matcher(journalId);
    return m.matches() ? m.group(1) : journalId;
  }

  /** The generation of journal id {@code journalId}: 0 for the configured id itself. */
  static int generation(String journalId) {
    Matcher m = GENERATION.matcher(journalId);
    return m.matches() ? Integer.parseInt(m.group(2)) : 0;
  }

  /**
   * Sums over some agents.
   *
   * @param agents the agents counted that still trade (earlier generations of a fresh-started agent are not)
   */
  public record Totals(long grossExposure, long dailyPnl, int ordersToday, int agents) {
    public static final Totals ZERO = new Totals(0, 0, 0, 0);

    public Totals plus(AgentFigures f) {
      return new Totals(grossExposure + f.grossExposure(), dailyPnl + f.dailyPnl(), ordersToday + f.ordersToday(),
          agents + 1);
    }

    /** Plus {@code f}: its P&L and orders only if they are of {@code day}. */
    Totals plus(AgentFigures f, LocalDate day, boolean trading) {
      boolean today = f.day().equals(day);
      return new Totals(grossExposure + f.grossExposure(), dailyPnl + (today ? f.dailyPnl() : 0),
          ordersToday + (today ? f.ordersToday() : 0), agents + (trading ? 1 : 0));
    }

    /** Plus what is reserved and not yet in any agent's figures. */
    Totals plus(Claim reserved) {
      return new Totals(grossExposure + reserved.addedExposure(), dailyPnl, ordersToday + reserved.newOrders(), agents);
    }
  }
}
