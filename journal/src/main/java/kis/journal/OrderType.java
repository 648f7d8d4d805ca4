package kis.journal;

/**
 * KIS order division ({@code ORD_DVSN}) for the KRX venue. Only {@link #LIMIT} and {@link #MARKET}
 * are traded by the engine today; the others are named so that an order seen in the account (by
 * reconciliation, say) is never misread.
 */
public enum OrderType {
  LIMIT("00", true),
  MARKET("01", false),
  CONDITIONAL_LIMIT("02", true),
  BEST_LIMIT("03", false),
  PRIORITY_LIMIT("04", false),
  PRE_OPEN_AT_PREVIOUS_CLOSE("05", false),
  POST_CLOSE_AT_CLOSE("06", false),
  IOC_LIMIT("11", true),
  FOK_LIMIT("12", true),
  IOC_MARKET("13", false),
  FOK_MARKET("14", false),
  IOC_BEST("15", false),
  FOK_BEST("16", false),
  MIDPOINT("21", false),
  STOP_LIMIT("22", true);

  private final String ordDvsn;
  private final boolean carriesPrice;

  OrderType(String ordDvsn, boolean carriesPrice) {
    this.ordDvsn = ordDvsn;
    this.carriesPrice = carriesPrice;
  }

  /** The two-digit {@code ORD_DVSN} code. */
  public String ordDvsn() {
    return ordDvsn;
  }

  /** Whether {@code ORD_UNPR} is a real limit price; KIS wants {@code "0"} otherwise. */
  public boolean carriesPrice() {
    return carriesPrice;
  }

  public static OrderType fromOrdDvsn(String code) {
    for (OrderType t : values()) {
      if (t.ordDvsn.equals(code)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unsupported ORD_DVSN: " + code);
  }
}
