package kis.connector;

/**
 * A call that never left this process: it waited in the connector's queue (access token, free
 * connection, rate permit) past its deadline, or its connection to KIS could not be made. Nothing
 * reached KIS, so trying again later is safe; the connector itself does not (a queue that is this
 * slow would only grow).
 */
public final class KisNotSentException extends KisException {
  public KisNotSentException(String message) {
    super(message);
  }
}
