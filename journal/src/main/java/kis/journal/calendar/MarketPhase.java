package kis.journal.calendar;

/**
 * Where the KRX regular market is in its day (shared/kis-api.md §7.2). The closing-price and
 * after-market sessions around the regular market are not traded by the engine and count as
 * {@link #CLOSED}.
 */
public enum MarketPhase {
  /** Opening call auction: orders are taken (from 08:30 on a normal day) and match once at the open. */
  PRE_OPEN,
  /** Continuous trading by price and time priority (09:00–15:20 on a normal day). */
  CONTINUOUS,
  /** Closing call auction: orders are taken and match once at the close (15:20–15:30). */
  CLOSING_AUCTION,
  /** No regular-market orders: outside the session hours, weekends and holidays. */
  CLOSED;

  /** Whether KRX takes regular-market orders in this phase. */
  public boolean acceptsOrders() {
    return this != CLOSED;
  }

  /** Whether trades print continuously, so a silent trade feed means something is wrong. */
  public boolean tradesContinuously() {
    return this == CONTINUOUS;
  }
}
