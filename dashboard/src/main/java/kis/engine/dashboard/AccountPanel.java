package kis.engine.dashboard;

import java.time.Instant;
import java.util.List;

/**
 * The account at a glance: what KIS said of its cash at the last reconciliation, beside what the
 * agents' books add up to now. The two halves come from different places on purpose: KIS's figures
 * are the account's truth but only as fresh as the last run; the books move with every print.
 *
 * @param cashKnown whether a reconciliation has read KIS's balance yet (the KIS half is 0 before)
 * @param cashAt when that reconciliation's report was first seen, null before
 * @param cashD2 won, {@code prvs_rcdl_excc_amt}: the cash after every execution settles (D+2)
 * @param deposit won, {@code dnca_tot_amt}: the settled deposit
 * @param securitiesValue won, {@code scts_evlu_amt}: holdings at KIS's price
 * @param totalValue won, {@code tot_evlu_amt}: holdings plus the D+2 cash
 * @param todayBought won bought today before costs ({@code thdt_buy_amt})
 * @param todaySold won sold today before costs ({@code thdt_sll_amt})
 * @param todayCosts won of fees and tax today ({@code thdt_tlex_amt})
 * @param exposure won, every agent's held shares at their marks plus working buys (the account limit's measure)
 * @param realizedPnl won, the agents' realized P&L summed
 * @param unrealizedPnl won, the agents' unrealized P&L at the last prices summed
 * @param ordersToday new orders the agents placed today
 */
public record AccountPanel(boolean cashKnown, Instant cashAt, long cashD2, long deposit, long securitiesValue,
    long totalValue, long todayBought, long todaySold, long todayCosts, long exposure, long realizedPnl,
    long unrealizedPnl, int ordersToday) {

  public static final AccountPanel UNKNOWN = new AccountPanel(false, null, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

  /** The agents' half from their rows, where nothing else is known of the account. */
  public static AccountPanel ofRows(List<AgentRow> rows) {
    return UNKNOWN.withBooks(rows, 0, 0);
  }

  /** This panel with the agents' totals from {@code rows} and the account keeper's exposure and order count. */
  public AccountPanel withBooks(List<AgentRow> rows, long exposure, int ordersToday) {
    long realized = 0;
    long unrealized = 0;
    for (AgentRow r : rows) {
      realized += r.realizedPnl();
      unrealized += r.unrealizedPnl();
    }
    return new AccountPanel(cashKnown, cashAt, cashD2, deposit, securitiesValue, totalValue, todayBought, todaySold,
        todayCosts, exposure, realized, unrealized, ordersToday);
  }
}
