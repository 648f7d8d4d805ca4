package kis.connector;

/**
 * Base of the connector's failures. Messages carry KIS codes, paths and TR ids, never a secret or
 * a response body.
 */
public class KisException extends RuntimeException {
  public KisException(String message) {
    super(message);
  }

  public KisException(String message, Throwable cause) {
    super(message, cause);
  }
}
