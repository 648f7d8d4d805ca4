package kis.connector.http;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * Sends one request to the configured REST host. The stage fails with
 * {@link java.util.concurrent.TimeoutException} when no complete response arrived within the
 * timeout, and with another exception on connection problems; any HTTP status is a normal reply.
 */
public interface HttpTransport {
  CompletionStage<HttpReply> send(HttpCall call, Duration timeout);

  /**
   * Like {@link #send}, and also says when the transport is done with the request's connection.
   * The caller counts a connection as taken until {@link Sending#done()}: a request whose reply
   * timed out may still sit on its connection (or in a pool queue) and be written or answered later,
   * so handing the next request to the transport before then could make that one wait where no
   * deadline is checked. The default suits transports that hold nothing after the reply stage ends.
   */
  default Sending start(HttpCall call, Duration timeout) {
    CompletionStage<HttpReply> reply = send(call, timeout);
    return new Sending(reply, reply.handle((r, e) -> null));
  }

  /**
   * One request handed to the transport.
   *
   * @param reply as {@link #send}: the reply, or a failure (timeout, connection problem)
   * @param done completes, never exceptionally, once the transport has finished with the request:
   *     the reply read or discarded, or the connection failed; possibly long after {@code reply}
   */
  record Sending(CompletionStage<HttpReply> reply, CompletionStage<Void> done) {}
}
