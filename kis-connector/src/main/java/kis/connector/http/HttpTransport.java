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
}
