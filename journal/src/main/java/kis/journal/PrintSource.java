package kis.journal;

/**
 * Whose trade prints an agent sees (its strategy and its protective triggers): one book's, or both
 * books' together as KIS's integrated feed gives them. The KIS wire TR of each is not here: it is
 * spoken only at the KIS edge ({@code kis.adapter.KisMarketData}).
 */
public enum PrintSource {
  /** The Korea Exchange's prints only. */
  KRX,
  /** Nextrade's prints only. */
  NXT,
  /** Every print of either book (KIS's integrated, 통합, feed). */
  INTEGRATED;

  /**
   * The prints of an agent trading on {@code venue}: its own book's, or the integrated feed when it
   * asks for it ({@code integrated}) or routes through SOR, which may fill on either book.
   */
  public static PrintSource of(Venue venue, boolean integrated) {
    if (integrated || venue.isRouter()) {
      return INTEGRATED;
    }
    return venue == Venue.NXT ? NXT : KRX;
  }
}
