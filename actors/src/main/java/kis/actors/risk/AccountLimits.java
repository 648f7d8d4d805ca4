package kis.actors.risk;

import static kis.journal.RejectReason.RISK_ACCOUNT_DAILY_LOSS;
import static kis.journal.RejectReason.RISK_ACCOUNT_EXPOSURE;
import static kis.journal.RejectReason.RISK_ACCOUNT_ORDER_COUNT;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.time.LocalDate;
import java.util.Optional;
import kis.journal.JournalSerializable;
import kis.journal.OrderSpec;
import kis.journal.Side;
import kis.journal.risk.RiskDecision;

/**
 * The account's limits across all its agents ({@value #CONFIG_PATH}); 0 (or an omitted key) means
 * no limit. Pure. The account's one keeper of figures ({@code HostSignals}: the engine's, or the
 * cluster's account singleton's) checks each placement, and each revise for what it adds, in the same
 * step as it reserves it ({@link AccountBook#reserve}): the other agents' last reported
 * {@link AccountFigures} plus what they have reserved, plus the asking agent's current
 * {@link AgentFigures}. Agents placing at the same instant are thus answered one after the other, and
 * the account never overshoots. It engages the kill switch when {@link #lossBreach} says so.
 *
 * @param maxGrossExposure won: every agent's held shares at their marks plus working buys, summed
 * @param maxDailyLoss won: the account's loss today (every agent's realized + unrealized, after
 *     costs); crossing it engages the journaled kill switch, and buys are denied while beyond it
 * @param maxOrdersPerDay new orders per trading day over all agents
 */
public record AccountLimits(long maxGrossExposure, long maxDailyLoss, int maxOrdersPerDay)
    implements JournalSerializable {

  public static final String CONFIG_PATH = "kis-trader.risk.account";
  public static final AccountLimits NONE = new AccountLimits(0, 0, 0);
  /** Who engages the kill switch when the account's daily loss is crossed (the journaled {@code by}). */
  public static final String KILL_SWITCH_BY = "risk:account-daily-loss";

  public AccountLimits {
    notNegative("max-gross-exposure", maxGrossExposure);
    notNegative("max-daily-loss", maxDailyLoss);
    notNegative("max-orders-per-day", maxOrdersPerDay);
  }

  /** From the engine's configuration: {@value #CONFIG_PATH}, absent keys (or block) meaning no limit. */
  public static AccountLimits fromAppConfig(Config root) {
    if (!root.hasPath(CONFIG_PATH)) {
      return NONE;
    }
    Config c = root.getConfig(CONFIG_PATH);
    return new AccountLimits(c.hasPath("max-gross-exposure") ? c.getLong("max-gross-exposure") : 0,
        c.hasPath("max-daily-loss") ? c.getLong("max-daily-loss") : 0,
        c.hasPath("max-orders-per-day") ? c.getInt("max-orders-per-day") : 0);
  }

  public boolean none() {
    return equals(NONE);
  }

  /**
   * Whether {@code spec}, worth {@code orderValue} won, may go out for agent {@code self} whose
   * figures are {@code mine} now, given the account's last {@code figures}.
   */
  public Optional<RiskDecision> check(OrderSpec spec, long orderValue, AccountFigures figures, String self,
      AgentFigures mine) {
    return check(Claim.placement(spec, orderValue), figures.totals(mine.day(), self), mine);
  }

  /**
   * Whether {@code claim} (a placement or what a revise adds) may go out for an agent whose figures
   * are {@code mine} now, given {@code others}: every other agent's figures plus what they have
   * reserved and not yet placed ({@link AccountBook}).
   */
  public Optional<RiskDecision> check(Claim claim, AccountFigures.Totals others, AgentFigures mine) {
    if (maxOrdersPerDay > 0 && claim.newOrders() > 0
        && others.ordersToday() + mine.ordersToday() + claim.newOrders() > maxOrdersPerDay) {
      return deny(RISK_ACCOUNT_ORDER_COUNT, "account max-orders-per-day " + maxOrdersPerDay + ": other agents "
          + others.ordersToday() + " + this agent " + mine.ordersToday() + " orders today");
    }
    if (claim.side() != Side.BUY || claim.empty()) {
      return Optional.empty(); // a sell only shrinks exposure; a losing account must be able to get out
    }
    long exposure = others.grossExposure() + mine.grossExposure() + claim.addedExposure();
    if (maxGrossExposure > 0 && exposure > maxGrossExposure) {
      return deny(RISK_ACCOUNT_EXPOSURE, "account max-gross-exposure " + maxGrossExposure + " won: other agents "
          + others.grossExposure() + " + this agent " + mine.grossExposure() + " + " + claim.what() + " "
          + claim.addedExposure() + " = " + exposure);
    }
    long pnl = others.dailyPnl() + mine.dailyPnl();
    if (maxDailyLoss > 0 && pnl <= -maxDailyLoss) {
      return deny(RISK_ACCOUNT_DAILY_LOSS, "account max-daily-loss " + maxDailyLoss + " won: today's P&L over all"
          + " agents is " + pnl);
    }
    return Optional.empty();
  }

  /** Why the kill switch must be engaged, if the account's loss on {@code day} reached the limit. */
  public Optional<String> lossBreach(AccountFigures figures, LocalDate day) {
    if (maxDailyLoss <= 0) {
      return Optional.empty();
    }
    AccountFigures.Totals t = figures.totals(day, null);
    if (t.dailyPnl() > -maxDailyLoss) {
      return Optional.empty();
    }
    return Optional.of("account max-daily-loss " + maxDailyLoss + " won crossed: today's P&L over " + t.agents()
        + " agent(s) is " + t.dailyPnl());
  }

  private static Optional<RiskDecision> deny(kis.journal.RejectReason r, String detail) {
    return Optional.of(RiskDecision.deny(r, detail));
  }

  private static void notNegative(String key, long v) {
    if (v < 0) {
      throw new ConfigException.BadValue(CONFIG_PATH + "." + key, "must not be negative (omit it for no limit), got "
          + v);
    }
  }
}
