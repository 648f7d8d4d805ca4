package kis.connector.ws;

import kis.connector.KisException;

/** Refused locally: the session already holds the most registrations KIS allows (41). */
public final class SubscriptionLimitException extends KisException {
  public SubscriptionLimitException(int max) {
    super("websocket session already holds " + max + " registrations (KIS limit)");
  }
}
