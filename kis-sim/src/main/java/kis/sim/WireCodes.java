package kis.sim;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import kis.journal.OrderType;
import kis.journal.Side;

/**
 * The simulator's side of the KIS codes for order types ({@code ORD_DVSN}, kis-api.md 4.1) and
 * sides ({@code SLL_BUY_DVSN_CD}: {@code 01} sell, {@code 02} buy). Written here, not shared with
 * the engine's kis-adapter, so a test across the wire checks two independent readings of the spec.
 */
final class WireCodes {
  private static final Map<OrderType, String> CODES = new EnumMap<>(OrderType.class);
  private static final Map<String, OrderType> TYPES = new HashMap<>();

  static {
    String[][] table = {
        {"LIMIT", "00"}, {"MARKET", "01"}, {"CONDITIONAL_LIMIT", "02"}, {"BEST_LIMIT", "03"},
        {"PRIORITY_LIMIT", "04"}, {"PRE_OPEN_AT_PREVIOUS_CLOSE", "05"}, {"POST_CLOSE_AT_CLOSE", "06"},
        {"IOC_LIMIT", "11"}, {"FOK_LIMIT", "12"}, {"IOC_MARKET", "13"}, {"FOK_MARKET", "14"}, {"IOC_BEST", "15"},
        {"FOK_BEST", "16"}, {"MIDPOINT", "21"}, {"STOP_LIMIT", "22"}};
    for (String[] row : table) {
      OrderType t = OrderType.valueOf(row[0]);
      CODES.put(t, row[1]);
      TYPES.put(row[1], t);
    }
  }

  private WireCodes() {}

  static String ordDvsn(OrderType type) {
    String c = CODES.get(type);
    if (c == null) {
      throw new IllegalArgumentException("no ORD_DVSN for " + type);
    }
    return c;
  }

  /** @throws IllegalArgumentException for a code the simulator does not trade */
  static OrderType orderType(String ordDvsn) {
    OrderType t = TYPES.get(ordDvsn);
    if (t == null) {
      throw new IllegalArgumentException("unsupported ORD_DVSN: " + ordDvsn);
    }
    return t;
  }

  /** KRX after-market codes the simulator trades (41 limit, 42 IOC limit, 43 FOK limit); 44-47 it does not. */
  private static final Map<String, OrderType> AFTER_MARKET = Map.of("41", OrderType.LIMIT, "42", OrderType.IOC_LIMIT,
      "43", OrderType.FOK_LIMIT);

  static boolean isAfterMarketCode(String ordDvsn) {
    return ordDvsn != null && ordDvsn.length() == 2 && ordDvsn.charAt(0) == '4';
  }

  /** @throws IllegalArgumentException for a code the simulator does not trade (any 4x but 41-43) */
  static OrderType afterMarketType(String ordDvsn) {
    OrderType t = AFTER_MARKET.get(ordDvsn);
    if (t == null) {
      throw new IllegalArgumentException("unsupported after-market ORD_DVSN: " + ordDvsn);
    }
    return t;
  }

  static String ordDvsn(OrderType type, boolean afterMarket) {
    if (afterMarket) {
      for (Map.Entry<String, OrderType> e : AFTER_MARKET.entrySet()) {
        if (e.getValue() == type) {
          return e.getKey();
        }
      }
    }
    return ordDvsn(type);
  }

  static String sideCode(Side side) {
    return side == Side.SELL ? "01" : "02";
  }

  /** @throws IllegalArgumentException for anything but 01 and 02 */
  static Side side(String code) {
    if ("01".equals(code)) {
      return Side.SELL;
    }
    if ("02".equals(code)) {
      return Side.BUY;
    }
    throw new IllegalArgumentException("unknown KIS buy/sell code: " + code);
  }
}
