package kis.actors.reconcile;

import java.time.Instant;

/**
 * The account's cash differs from what the journals explain ({@link CashWitness}).
 *
 * @param accountCash the account's D+2 cash ({@code prvs_rcdl_excc_amt}) at this run
 * @param explained what the baseline, the journals' fills since and the user's own orders explain
 * @param baselineAt the run the baseline was taken at
 * @param since the first run that saw this difference
 * @param runs consecutive judged runs that saw it
 */
public record CashDrift(long accountCash, long explained, Instant baselineAt, Instant since, int runs) {

  /** Won the account holds beyond (positive) or short of (negative) what the journals explain. */
  public long difference() {
    return accountCash - explained;
  }

  /**
   * One line for an operator, beginning {@value #PREFIX} (the dashboard's alert tells cash from
   * position drift by it).
   */
  public String describe() {
    return PREFIX + " the account's D+2 cash is " + accountCash + " won, the journals explain " + explained
        + " (baseline at " + baselineAt + "): " + (difference() > 0 ? "+" : "") + difference()
        + " won unexplained, seen in " + runs + " run(s) since " + since;
  }

  /** How every cash drift line begins. */
  public static final String PREFIX = "cash:";
}
