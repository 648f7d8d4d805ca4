package kis.actors.reconcile;

import java.util.Map;
import kis.journal.Symbol;

/**
 * The account holds a different quantity of {@code symbol} than the agents' books add up to
 * (after this reconciliation's corrections). Flagged, not corrected: which agent the difference
 * belongs to is for an operator to decide.
 *
 * @param accountQuantity {@code hldg_qty}
 * @param agentsQuantity the sum of the agents' positions
 * @param byAgent each agent's position (non-zero ones)
 * @param externalNetFilled shares bought minus sold today by orders no agent owns; they explain
 *     that much of the drift
 */
public record PositionDrift(Symbol symbol, long accountQuantity, long agentsQuantity, Map<String, Long> byAgent,
    long externalNetFilled) {
  public PositionDrift {
    byAgent = Map.copyOf(byAgent);
  }

  public long difference() {
    return accountQuantity - agentsQuantity;
  }

  /** One line for an operator: {@code 005930: account holds 10, agents 7 (a1 7)}. */
  public String describe() {
    return symbol.code() + ": account holds " + accountQuantity + ", agents " + agentsQuantity + " " + byAgent
        + (externalNetFilled == 0 ? "" : ", orders no agent owns net " + externalNetFilled);
  }
}
