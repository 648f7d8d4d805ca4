package kis.journal.calendar;

/**
 * Where a venue is in its day (shared/krx-nxt-2026.md §1.2). Which phases a venue has, and when,
 * is {@link SessionTable}'s; which order types each phase takes is {@link OrderCapabilities}'.
 * Names follow the exchanges' own: KRX's 동시호가 (call auctions), 시간외 종가 (closing-price
 * trades), 시간외 단일가 and 애프터마켓; NXT's 프리마켓, 메인마켓 and 애프터마켓.
 */
public enum MarketPhase {
  /** NXT pre-market (08:00–08:50): continuous trading before the main session. */
  PRE_MARKET,
  /** KRX opening call auction (장 시작 동시호가): orders are taken (from 08:30 on a normal day) and match once at the open. */
  PRE_OPEN,
  /** KRX off-hours trade at the previous close (장전 시간외 종가, 08:30–08:40), time priority. */
  PRE_OPEN_CLOSING_PRICE,
  /** Continuous trading by price and time priority (KRX 09:00–15:20; NXT's main market). */
  CONTINUOUS,
  /** KRX closing call auction: orders are taken and match once at the close (15:20–15:30). */
  CLOSING_AUCTION,
  /** A volatility interruption: a two-minute single-price auction inside a session (not on a timetable). */
  VOLATILITY_INTERRUPTION,
  /** KRX off-hours trade at today's close (장후 시간외 종가, 15:40–16:00), time priority. */
  POST_CLOSE_CLOSING_PRICE,
  /** KRX after-hours single price (시간외 단일가, 16:00–18:00, a match every 10 minutes); abolished 2026-09-14. */
  AFTER_HOURS_SINGLE_PRICE,
  /** Continuous trading after the regular market (NXT 15:30–20:00; KRX 16:00–20:00 from 2026-09-14). */
  AFTER_MARKET,
  /** The venue is in its day but takes no orders (NXT 08:50–09:00 and 15:20–15:30). */
  HALTED,
  /** No orders: outside the venue's hours, weekends and holidays. */
  CLOSED;

  /** Whether the venue takes orders in this phase (of the types {@link OrderCapabilities} lists). */
  public boolean acceptsOrders() {
    return this != CLOSED && this != HALTED;
  }

  /**
   * Whether trades print continuously during KRX's regular market, so a silent trade feed means
   * something is wrong. Pre- and after-market books can be silent for minutes, so they do not count.
   */
  public boolean tradesContinuously() {
    return this == CONTINUOUS;
  }

  /** Whether an arriving order can match at once (continuous matching), rather than wait for a single-price match. */
  public boolean matchesContinuously() {
    return this == CONTINUOUS || this == PRE_MARKET || this == AFTER_MARKET;
  }
}
