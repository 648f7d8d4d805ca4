package kis.journal.risk;

/** How much an agent may still trade; the risk guard enforces it on every new order. */
public enum TradingState {
  /** Orders within the limits go out. */
  ACTIVE,
  /** Only orders that shrink an existing position (sells of shares held); cancels still work. */
  REDUCING_ONLY,
  /** No new orders at all; cancels still work so the book can be brought down. */
  HALTED
}
