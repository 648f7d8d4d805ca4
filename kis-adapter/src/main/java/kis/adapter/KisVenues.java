package kis.adapter;

import kis.journal.OrderSpec;
import kis.journal.Venue;

/**
 * The venue an order goes to, as KIS codes it ({@code EXCG_ID_DVSN_CD}: {@code KRX}, {@code NXT},
 * {@code SOR}; kis-api.md 4.1). The engine trades the Korea Exchange only (paper accepts nothing
 * else), so every order's venue is {@code KRX} today; the domain's venue is mapped here and nowhere
 * else, so a second venue is one case in {@link #code}.
 */
public final class KisVenues {
  private static final String KRX = "KRX";

  private KisVenues() {}

  /** The {@code EXCG_ID_DVSN_CD} of the venue {@code spec} trades on. */
  public static String code(OrderSpec spec) {
    return code(spec.venue());
  }

  /** The {@code EXCG_ID_DVSN_CD} of {@code venue}. */
  public static String code(Venue venue) {
    return switch (venue) {
      case KRX -> KRX;
      case NXT -> "NXT";
      case SOR -> "SOR";
    };
  }

  /**
   * The code for what names no order spec: a revise or cancel (the original's venue; the port's
   * revise and cancel carry no venue yet) and the account's daily-orders inquiry.
   */
  public static String home() {
    return KRX;
  }
}
