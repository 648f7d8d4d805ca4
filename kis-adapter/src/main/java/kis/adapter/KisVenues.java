package kis.adapter;

import java.util.Locale;
import java.util.Optional;
import kis.journal.OrderSpec;
import kis.journal.Venue;

/**
 * The domain's {@link Venue} as KIS codes it, both ways, in one place (kis-api.md 4.1, 4.4, 5.8):
 *
 * <table>
 *   <tr><th>venue</th><th>{@code EXCG_ID_DVSN_CD} (orders, daily orders)</th><th>{@code ORD_EXG_GB} (notices: where it executed)</th></tr>
 *   <tr><td>KRX</td><td>{@code KRX} (also what a blank means)</td><td>{@code 1}, and {@code 3} (SOR to KRX)</td></tr>
 *   <tr><td>NXT</td><td>{@code NXT}</td><td>{@code 2}, and {@code 4} (SOR to NXT)</td></tr>
 *   <tr><td>SOR</td><td>{@code SOR}</td><td>— (a router, not a book: a notice names the book it chose)</td></tr>
 * </table>
 *
 * The daily-orders inquiry also takes {@code ALL} ({@link #allVenues()}). Paper accounts take KRX
 * only; KIS, not the engine, says so.
 */
public final class KisVenues {
  private static final String KRX = "KRX";
  private static final String NXT = "NXT";
  private static final String SOR = "SOR";
  private static final String ALL = "ALL";

  private KisVenues() {}

  /** The {@code EXCG_ID_DVSN_CD} of the venue {@code spec} trades on. */
  public static String code(OrderSpec spec) {
    return code(spec.venue());
  }

  /** The {@code EXCG_ID_DVSN_CD} of {@code venue}. */
  public static String code(Venue venue) {
    return switch (venue) {
      case KRX -> KRX;
      case NXT -> NXT;
      case SOR -> SOR;
    };
  }

  /**
   * The daily-orders filter for every venue ({@code ALL}): what the reconciler asks for, since an
   * NXT or SOR order is not listed under KRX.
   */
  public static String allVenues() {
    return ALL;
  }

  /**
   * The venue an {@code inquire-daily-ccld} row names ({@code excg_id_dvsn_cd}): blank is KRX (what
   * KIS assumes when none is sent); anything but KRX, NXT or SOR is refused.
   */
  public static Decoded<Venue> ofCode(String excgIdDvsnCd) {
    String c = excgIdDvsnCd == null ? "" : excgIdDvsnCd.trim().toUpperCase(Locale.ROOT);
    return switch (c) {
      case "", KRX -> Decoded.known(Venue.KRX);
      case NXT -> Decoded.known(Venue.NXT);
      case SOR -> Decoded.known(Venue.SOR);
      default -> Decoded.refused("unknown EXCG_ID_DVSN_CD '" + c + "'");
    };
  }

  /**
   * The book a notice says the order executed on ({@code ORD_EXG_GB}): {@code 1} and {@code 3}
   * (SOR routed to KRX) are KRX, {@code 2} and {@code 4} (SOR routed to NXT) NXT. Empty when blank
   * (the 23-field layout, before NXT) or unknown: the order's own venue then stands.
   */
  public static Optional<Venue> executedOn(String ordExgGb) {
    String c = ordExgGb == null ? "" : ordExgGb.trim();
    return switch (c) {
      case "1", "3" -> Optional.of(Venue.KRX);
      case "2", "4" -> Optional.of(Venue.NXT);
      default -> Optional.empty();
    };
  }
}
