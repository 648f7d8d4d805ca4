package kis.connector.rest;

/**
 * Counters of one REST client since it was created, for metrics and tests.
 *
 * @param throttled replies with {@code EGW00201}/{@code EGW00215} (the rate limiter should keep this at 0)
 * @param readRetries read attempts repeated after a failure
 * @param inDoubt order calls without a definitive answer
 * @param tokenRejections replies refusing the access token (EGW00121/EGW00122/EGW00123)
 */
public record RestStats(long throttled, long readRetries, long inDoubt, long tokenRejections) {}
