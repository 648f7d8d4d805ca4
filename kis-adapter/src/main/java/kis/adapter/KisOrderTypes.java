package kis.adapter;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import kis.journal.OrderType;

/**
 * The order-division table ({@code ORD_DVSN}, kis-api.md 4.1, KRX venue): the one place the
 * domain's {@link OrderType} meets its two-digit KIS code. kis-sim keeps its own copy on purpose
 * (the two sides of the wire are written independently).
 */
public final class KisOrderTypes {
  private static final Map<OrderType, String> CODES = new EnumMap<>(OrderType.class);
  private static final Map<String, OrderType> TYPES = new HashMap<>();

  static {
    put(OrderType.LIMIT, "00");
    put(OrderType.MARKET, "01");
    put(OrderType.CONDITIONAL_LIMIT, "02");
    put(OrderType.BEST_LIMIT, "03");
    put(OrderType.PRIORITY_LIMIT, "04");
    put(OrderType.PRE_OPEN_AT_PREVIOUS_CLOSE, "05");
    put(OrderType.POST_CLOSE_AT_CLOSE, "06");
    put(OrderType.IOC_LIMIT, "11");
    put(OrderType.FOK_LIMIT, "12");
    put(OrderType.IOC_MARKET, "13");
    put(OrderType.FOK_MARKET, "14");
    put(OrderType.IOC_BEST, "15");
    put(OrderType.FOK_BEST, "16");
    put(OrderType.MIDPOINT, "21");
    put(OrderType.STOP_LIMIT, "22");
  }

  private static void put(OrderType type, String code) {
    CODES.put(type, code);
    TYPES.put(code, type);
  }

  private KisOrderTypes() {}

  /** The {@code ORD_DVSN} of {@code type}; refused for a type with no KIS code. */
  public static Decoded<String> code(OrderType type) {
    String code = CODES.get(type);
    return code == null ? Decoded.refused("order type " + type + " has no KIS ORD_DVSN code") : Decoded.known(code);
  }

  /** The order type an {@code ORD_DVSN} (or a notice's {@code ODER_KIND}) names; refused when unknown. */
  public static Decoded<OrderType> type(String ordDvsn) {
    String c = ordDvsn == null ? "" : ordDvsn.trim();
    OrderType t = TYPES.get(c);
    return t == null ? Decoded.refused("unknown KIS order division (ORD_DVSN): '" + c + "'") : Decoded.known(t);
  }
}
