package kis.connector.rest;

/**
 * Counters of one REST client since it was created, for metrics and tests.
 *
 * @param throttled replies with {@code EGW00201}/{@code EGW00215} (the rate limiter should keep this at 0)
 * @param readRetries read attempts repeated after a failure
 * @param inDoubt order calls without a definitive answer
 * @param tokenRejections replies refusing the access token (EGW00121/EGW00122/EGW00123)
 * @param ordersNotSent order calls never written (no token, past their queue deadline, or no connection)
 * @param readsNotSent reads failed unwritten at their queue deadline ({@code kis.read-queue-timeout})
 */
public record RestStats(long throttled, long readRetries, long inDoubt, long tokenRejections, long ordersNotSent,
    long readsNotSent) {

  /** The counters before {@code readsNotSent} existed (zero). */
  public RestStats(long throttled, long readRetries, long inDoubt, long tokenRejections, long ordersNotSent) {
    this(throttled, readRetries, inDoubt, tokenRejections, ordersNotSent, 0);
  }

  /** The counters before {@code ordersNotSent} existed (zero). */
  public RestStats(long throttled, long readRetries, long inDoubt, long tokenRejections) {
    this(throttled, readRetries, inDoubt, tokenRejections, 0);
  }
}
