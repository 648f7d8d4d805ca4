package kis.journal;

/** Buy or sell. Journaled by name; KIS's codes for it live at the edge (kis-adapter's {@code KisSides}). */
public enum Side {
  SELL,
  BUY;

  /** +1 for a buy, -1 for a sell: the sign a fill of this side gives to a position change. */
  public int sign() {
    return this == BUY ? 1 : -1;
  }

  public Side opposite() {
    return this == BUY ? SELL : BUY;
  }
}
