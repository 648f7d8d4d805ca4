package kis.connector;

/**
 * No usable answer: timeout, connection loss, an HTTP error without a KIS envelope, or an answer
 * that could not be parsed. For reads this is what remains after the retries.
 */
public final class KisTransportException extends KisException {
  public KisTransportException(String message) {
    super(message);
  }

  public KisTransportException(String message, Throwable cause) {
    super(message, cause);
  }
}
