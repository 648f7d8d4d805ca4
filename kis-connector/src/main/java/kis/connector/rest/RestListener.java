package kis.connector.rest;

import java.time.Duration;

/**
 * Hears about every REST request the client puts on the wire, for metrics (latency per TR, calls
 * per second) and the dashboard's connection view. Called on Pekko / common-pool threads, possibly
 * concurrently, after the reply or the failure: implementations must be thread-safe, quick and
 * must not throw (a throwing listener is ignored). Retries are separate calls.
 */
public interface RestListener {
  /** Nobody listens. */
  RestListener NONE = (tr, latency, replied) -> { };

  /**
   * @param tr the transaction sent
   * @param latency from the request leaving (after the rate permit) to its reply or failure
   * @param replied whether an HTTP reply came back (whatever its status); false: timeout or connection failure
   */
  void onCall(Tr tr, Duration latency, boolean replied);

  /** No access token could be had (issuance failed), so {@code tr} was not sent. */
  default void onNoToken(Tr tr) {}
}
