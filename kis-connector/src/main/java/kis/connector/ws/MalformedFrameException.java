package kis.connector.ws;

/** A frame that could not be turned into events; the message never contains the payload. */
public final class MalformedFrameException extends Exception {
  public MalformedFrameException(String message) {
    super(message, null, false, false);
  }
}
