package kis.journal;

/**
 * Where an order trades: the exchange whose book, sessions and order types apply. Every order
 * spec names one; journals written before venues existed read as {@link #KRX} (the only venue the
 * engine traded then).
 *
 * <p>Shaped for #20: NXT (Nextrade) joins as a second constant with its own sessions
 * ({@code kis.journal.calendar.MarketCalendar}) and order types ({@code kis.journal.calendar.OrderCapabilities}); smart
 * order routing (SOR) is a routing choice rather than a book, so it comes as a constant whose
 * {@link #isRouter()} is true, and a fill then reports the book it executed on. The KIS wire code
 * ({@code EXCG_ID_DVSN_CD}) is not here: it is spoken only at the KIS edge.
 */
public enum Venue {
  /** The Korea Exchange (한국거래소): KOSPI, KOSDAQ, KONEX. */
  KRX,
  /** Nextrade (넥스트레이드), the alternative venue since 2025: pre-market, main and after-market sessions. */
  NXT,
  /** KIS's smart order routing: the order goes to whichever of KRX and NXT has the better price. */
  SOR;

  /** The venue of an order or fill whose journal record names none (written before venues existed). */
  public static final Venue DEFAULT = KRX;

  /** The venue itself, or {@link #DEFAULT} for a record that names none. */
  public static Venue orDefault(Venue venue) {
    return venue == null ? DEFAULT : venue;
  }

  /** Whether this is a routing instruction (SOR) rather than a book that executes orders. */
  public boolean isRouter() {
    return this == SOR;
  }
}
