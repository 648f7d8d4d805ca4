package kis.connector;

import java.util.Locale;
import java.util.Optional;

/**
 * Whose market data a quote, chart or realtime feed carries (kis-api.md 1.1, 5.10): the Korea
 * Exchange's, Nextrade's, or the integrated view of both. One row per market of the wire codes
 * that select it: {@code FID_COND_MRKT_DIV_CODE} on the quotation TRs, and the realtime trade and
 * order-book TRs, which come in triplets ({@code H0ST…}, {@code H0NX…}, {@code H0UN…}) with the
 * same field layout.
 */
public enum QuoteMarket {
  /** The Korea Exchange: {@code J}, {@code H0STCNT0}/{@code H0STASP0} (the only one paper offers). */
  KRX("J", "H0STCNT0", "H0STASP0"),
  /** Nextrade: {@code NX}, {@code H0NXCNT0}/{@code H0NXASP0}. */
  NXT("NX", "H0NXCNT0", "H0NXASP0"),
  /** Both venues as one ("통합"): {@code UN}, {@code H0UNCNT0}/{@code H0UNASP0}. */
  INTEGRATED("UN", "H0UNCNT0", "H0UNASP0");

  private final String divCode;
  private final String tradeTr;
  private final String bookTr;

  QuoteMarket(String divCode, String tradeTr, String bookTr) {
    this.divCode = divCode;
    this.tradeTr = tradeTr;
    this.bookTr = bookTr;
  }

  /** {@code FID_COND_MRKT_DIV_CODE}. */
  public String divCode() {
    return divCode;
  }

  /** The realtime trade TR ({@code …CNT0}). */
  public String tradeTr() {
    return tradeTr;
  }

  /** The realtime 10-level book TR ({@code …ASP0}). */
  public String bookTr() {
    return bookTr;
  }

  /** The market whose realtime trades come on {@code trId}. */
  public static Optional<QuoteMarket> ofTradeTr(String trId) {
    for (QuoteMarket m : values()) {
      if (m.tradeTr.equals(trId)) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }

  /** The market whose realtime book comes on {@code trId}. */
  public static Optional<QuoteMarket> ofBookTr(String trId) {
    for (QuoteMarket m : values()) {
      if (m.bookTr.equals(trId)) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }

  /**
   * The market named by {@code text}, case-insensitive: its name ({@code KRX}, {@code NXT},
   * {@code INTEGRATED}) or its division code ({@code J}, {@code NX}, {@code UN}).
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static QuoteMarket parse(String text) {
    String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
    for (QuoteMarket m : values()) {
      if (m.name().equals(t) || m.divCode.equals(t)) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown market '" + text + "': KRX (J), NXT (NX) or UN (INTEGRATED)");
  }
}
