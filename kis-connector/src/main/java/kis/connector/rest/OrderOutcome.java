package kis.connector.rest;

import java.time.LocalTime;

/**
 * What became of an order call (order-cash or order-rvsecncl). Callers must handle all five:
 *
 * <ul>
 *   <li>{@link Accepted}: KIS took the order and numbered it.
 *   <li>{@link Rejected}: KIS answered and refused it ({@code rt_cd != "0"}); definitive.
 *   <li>{@link Throttled}: the gateway refused it for the rate limit ({@code EGW00201}) before it
 *       reached the order system. The order does <b>not</b> exist; the caller may send it again
 *       (a new decision, not an automatic retry of this client).
 *   <li>{@link NotSent}: the request was never written to the wire and never will be (no access
 *       token, or it waited past its queue deadline, {@code kis.order-queue-timeout}). The order
 *       does <b>not</b> exist; definitive, like a refusal, and safe to send again as a new decision.
 *   <li>{@link InDoubt}: written, but no definitive answer (timeout, HTTP 5xx without a refusal, connection lost,
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

  /** KIS's refusal: {@code msg_cd} and {@code msg1} as sent. */
  record Rejected(String msgCd, String msg1) implements OrderOutcome {}

  /**
   * Never written to the wire, and never will be: the order does not exist.
   *
   * @param code {@link #CODE}, or the token endpoint's code when no access token could be had
   * @param reason why (never a secret)
   */
  record NotSent(String code, String reason) implements OrderOutcome {
    /** The code of a call that never left this process. */
    public static final String CODE = "NOT_SENT";
  }

  /** Refused at the gateway for the per-second budget: not accepted, safe to send again. */
  record Throttled(String msgCd, String msg1) implements OrderOutcome {}

  /** Ambiguous: the order may exist. {@code reason} says why (never a secret). */
  record InDoubt(String reason) implements OrderOutcome {}
}
