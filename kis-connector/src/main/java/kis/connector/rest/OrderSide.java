package kis.connector.rest;

/** Buy or sell as KIS codes it ({@code SLL_BUY_DVSN_CD}, {@code SELN_BYOV_CLS}). */
public enum OrderSide {
  SELL("01"),
  BUY("02");

  private final String code;

  OrderSide(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static OrderSide fromCode(String code) {
    for (OrderSide s : values()) {
      if (s.code.equals(code == null ? "" : code.trim())) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown KIS buy/sell code: " + code);
  }
}
