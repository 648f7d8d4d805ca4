package kis.journal;

/** Buy or sell, with the code KIS uses for it in {@code SLL_BUY_DVSN_CD} / {@code SELN_BYOV_CLS}. */
public enum Side {
  SELL("01"),
  BUY("02");

  private final String kisCode;

  Side(String kisCode) {
    this.kisCode = kisCode;
  }

  public String kisCode() {
    return kisCode;
  }

  /** +1 for a buy, -1 for a sell: the sign a fill of this side gives to a position change. */
  public int sign() {
    return this == BUY ? 1 : -1;
  }

  public Side opposite() {
    return this == BUY ? SELL : BUY;
  }

  public static Side fromKisCode(String code) {
    for (Side s : values()) {
      if (s.kisCode.equals(code)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown KIS buy/sell code: " + code);
  }
}
