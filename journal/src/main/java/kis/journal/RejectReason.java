package kis.journal;

/**
 * Why an order did not go out or did not stand, grouped by the layer that said no. Codes are
 * stable numbers (they are journaled); add new ones, never renumber.
 */
public enum RejectReason {
  // 1xx: KRX market rules checked before sending
  KRX_TICK_SIZE(101),
  KRX_PRICE_LIMIT(102),
  KRX_PAPER_MIN_PRICE(103),
  KRX_MARKET_CLOSED(104),
  // 2xx: the engine's own risk guard
  RISK_MAX_NOTIONAL(201),
  RISK_MAX_POSITION(202),
  RISK_MAX_TOTAL_POSITION(203),
  RISK_DAILY_LOSS(204),
  RISK_DAILY_ORDER_COUNT(205),
  RISK_DAILY_CANCEL_COUNT(206),
  RISK_DUPLICATE_ORDER(207),
  RISK_ORDER_RATE(208),
  RISK_REDUCING_ONLY(209),
  RISK_HALTED(210),
  RISK_KILL_SWITCH(211),
  RISK_INSUFFICIENT_POSITION(212),
  RISK_INSUFFICIENT_CASH(213),
  /** The agent's own {@code max-position}: shares held plus working buys would exceed it (per symbol). */
  RISK_AGENT_MAX_SHARES(214),
  /** The agent's {@code initial-capital} plus net realized P&L cannot pay for the buy. */
  RISK_AGENT_CAPITAL(215),
  /** The strategy named a symbol its agent is not declared for ({@code symbol}, {@code symbols}). */
  RISK_UNDECLARED_SYMBOL(216),
  /** The account's gross exposure ({@code kis-trader.risk.account.max-gross-exposure}) would be exceeded. */
  RISK_ACCOUNT_EXPOSURE(217),
  /** The account's loss today reached {@code kis-trader.risk.account.max-daily-loss}. */
  RISK_ACCOUNT_DAILY_LOSS(218),
  /** The account's orders today reached {@code kis-trader.risk.account.max-orders-per-day}. */
  RISK_ACCOUNT_ORDER_COUNT(219),
  // 3xx: the agent's own state
  AGENT_PARKED(301),
  AGENT_NOT_RECONCILED(302),
  AGENT_UNKNOWN_ORDER(303),
  AGENT_ORDER_NOT_WORKING(304),
  AGENT_UNSUPPORTED_ORDER_TYPE(305),
  // 4xx: KIS said no
  KIS_REJECTED(401),
  KIS_RATE_LIMITED(402),
  KIS_NOT_FOUND(403);

  private final int code;

  RejectReason(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
