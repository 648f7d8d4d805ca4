package kis.connector.rest;

import java.time.LocalTime;

/**
 * What became of an order call (order-cash or order-rvsecncl). Callers must handle all four:
 *
 * <ul>
 *   <li>{@link Accepted}: KIS took the order and numbered it.
 *   <li>{@link Rejected}: KIS answered and refused it ({@code rt_cd != "0"}); definitive.
 *   <li>{@link Throttled}: the gateway refused it for the rate limit ({@code EGW00201}) before it
 *       reached the order system. The order does <b>not</b> exist; the caller may send it again
 *       (a new decision, not an automatic retry of this client).
 *   <li>{@link InDoubt}: no definitive answer (timeout, HTTP 5xx without a refusal, connection lost,
 *       gateway transaction timeout). The order may or may not exist; it is never retried here and
 *       must be resolved from today's orders ({@code inquireDailyCcld}) before anything else is
 *       sent for it.
 * </ul>
 */
public sealed interface OrderOutcome {

  /**
   * @param odno order number ({@code ODNO}, 10 digits)
   * @param krxFwdgOrdOrgno order-routing organisation number, needed to revise or cancel
   * @param ordTmd order time (KST), null if KIS left it blank
   */
  record Accepted(String odno, String krxFwdgOrdOrgno, LocalTime ordTmd) implements OrderOutcome {}

  /**
   * KIS's refusal: {@code msg_cd} and {@code msg1} as sent. {@code msgCd = "NOT_SENT"} (or a token
   * endpoint code) means the order never left this process, e.g. no access token could be had.
   */
  record Rejected(String msgCd, String msg1) implements OrderOutcome {}

  /** Refused at the gateway for the per-second budget: not accepted, safe to send again. */
  record Throttled(String msgCd, String msg1) implements OrderOutcome {}

  /** Ambiguous: the order may exist. {@code reason} says why (never a secret). */
  record InDoubt(String reason) implements OrderOutcome {}
}
