package kis.journal.state;

/** Where an order is in its life. See {@link OrderTransitions} for the one transition table. */
public enum OrderStatus {
  /** Journaled write-ahead; handed to the gateway; no answer yet. */
  REQUESTED,
  /** The send's outcome is unknown; waiting for the reconciler. Never re-sent. */
  IN_DOUBT,
  /** Accepted by KIS, nothing filled yet. */
  WORKING,
  /** Accepted, some shares filled, the rest still working. */
  PARTIALLY_FILLED,
  /** A revise was sent; the order works at the old price until KIS confirms. */
  PENDING_REVISE,
  /** A cancel was sent; the order may still fill until KIS confirms. */
  PENDING_CANCEL,
  FILLED,
  CANCELLED,
  REJECTED,
  EXPIRED,
  /** Was in doubt and the reconciler found no trace of it at KIS: it never reached the market. */
  FAILED,
  /** Refused by our own pre-trade checks; never sent. */
  DENIED;

  public boolean isTerminal() {
    return switch (this) {
      case FILLED, CANCELLED, REJECTED, EXPIRED, FAILED, DENIED -> true;
      default -> false;
    };
  }

  /** Whether the order may still trade at KIS (or might, for an in-doubt one). */
  public boolean isLive() {
    return !isTerminal();
  }

  /** Whether KIS knows the order by number so it can be revised or cancelled. */
  public boolean isModifiable() {
    return this == WORKING || this == PARTIALLY_FILLED;
  }
}
