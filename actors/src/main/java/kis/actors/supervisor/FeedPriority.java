package kis.actors.supervisor;

/**
 * How much a market feed needs one of KIS's websocket registrations, highest first. When the
 * feeds wanted outnumber the registrations left after the execution notices (which always come
 * first), the supervisor streams them in this order, earlier subscriptions first within one
 * priority ({@link SlotPlan}), and polls the rest by REST ({@link PollSchedule}).
 */
public enum FeedPriority {
  /** Every print matters (an agent with {@code market-data-priority = ticks}, or a strategy that needs ticks). */
  TICKS,
  /** Prints wanted, a polled price acceptable if registrations run out (the default). */
  PRINTS,
  /** A polled price will do: streamed only with registrations to spare. */
  POLL;

  /** The higher of the two. */
  public FeedPriority max(FeedPriority other) {
    return other == null || ordinal() <= other.ordinal() ? this : other;
  }
}
