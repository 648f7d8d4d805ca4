package kis.connector.http;

import java.io.IOException;

/**
 * A REST connection that was never made: TCP connect refused or too slow, or (https) the TLS
 * handshake failed or did not finish within the connect timeout. The pool writes a request only on
 * a connection that is made, so a request that fails with this was never written: an order on it
 * is known not sent. Messages name the host and port, never a request's content.
 */
public final class ConnectionNotMade extends IOException {
  public ConnectionNotMade(String message, Throwable cause) {
    super(message, cause);
  }
}
