package kis.adapter;

import kis.connector.rest.OrderSide;
import kis.journal.Side;

/**
 * Buy or sell across the edge: the domain's {@link Side} and kis-connector's {@link OrderSide}
 * (whose codes are {@code SLL_BUY_DVSN_CD} / {@code SELN_BYOV_CLS}: {@code 01} sell, {@code 02} buy).
 */
public final class KisSides {
  private KisSides() {}

  public static OrderSide toKis(Side side) {
    return side == Side.BUY ? OrderSide.BUY : OrderSide.SELL;
  }

  public static Side fromKis(OrderSide side) {
    return side == OrderSide.BUY ? Side.BUY : Side.SELL;
  }

  /** A {@code SLL_BUY_DVSN_CD} as read from an inquiry row; blank or unknown is refused. */
  public static Decoded<Side> fromCode(String code) {
    String c = code == null ? "" : code.trim();
    for (OrderSide s : OrderSide.values()) {
      if (s.code().equals(c)) {
        return Decoded.known(fromKis(s));
      }
    }
    return Decoded.refused("unknown KIS buy/sell code (SLL_BUY_DVSN_CD): '" + c + "'");
  }
}
