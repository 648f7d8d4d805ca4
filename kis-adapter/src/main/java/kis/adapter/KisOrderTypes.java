package kis.adapter;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import kis.journal.OrderType;
import kis.journal.Venue;
import kis.journal.calendar.MarketPhase;

/**
 * The order-division table ({@code ORD_DVSN}, kis-api.md 4.1, KRX venue): the one place the
 * domain's {@link OrderType} meets its two-digit KIS code. kis-sim keeps its own copy on purpose
 * (the two sides of the wire are written independently).
 *
 * <p>KRX's after-market (16:00-20:00 from 2026-09-14) is a separate market whose orders carry their
 * own codes, 41-47 (krx-nxt-2026.md §1.3, second-hand): the domain's plain type sent to KRX in
 * {@link MarketPhase#AFTER_MARKET} goes out as its after-market code ({@link #code(Venue,
 * MarketPhase, OrderType)}); a type with none there (a market order) is refused, nothing sent. Likewise a limit
 * in KRX's after-hours single price (until 2026-09-11) is 07.
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

  /** KRX after-market codes (shared/kis-api.md 4.1, "New since 2026-09-14"). */
  private static final Map<OrderType, String> KRX_AFTER_MARKET = new EnumMap<>(OrderType.class);

  static {
    KRX_AFTER_MARKET.put(OrderType.LIMIT, "41");
    KRX_AFTER_MARKET.put(OrderType.IOC_LIMIT, "42");
    KRX_AFTER_MARKET.put(OrderType.FOK_LIMIT, "43");
    KRX_AFTER_MARKET.put(OrderType.BEST_LIMIT, "44");
    KRX_AFTER_MARKET.put(OrderType.IOC_BEST, "45");
    KRX_AFTER_MARKET.put(OrderType.FOK_BEST, "46");
    KRX_AFTER_MARKET.put(OrderType.PRIORITY_LIMIT, "47");
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

  /**
   * The {@code ORD_DVSN} of {@code type} sent to {@code venue} while it is in {@code phase} (the
   * phase the rule home's schedule names at sending): KRX's after-market codes (41-47) and its
   * after-hours single price (07) there, the regular table everywhere else. A revise or cancel of
   * an after-market order is sent in the after-market too (its regular orders have expired by then),
   * so it carries the order's own after-market code, as a revise keeps the order's type.
   */
  public static Decoded<String> code(Venue venue, MarketPhase phase, OrderType type) {
    if (venue == Venue.KRX && phase == MarketPhase.AFTER_MARKET) {
      String code = KRX_AFTER_MARKET.get(type);
      return code == null
          ? Decoded.refused("KRX's after-market takes no " + type + " order (ORD_DVSN 41-47 are limit types only)")
          : Decoded.known(code);
    }
    if (venue == Venue.KRX && phase == MarketPhase.AFTER_HOURS_SINGLE_PRICE) {
      return type == OrderType.LIMIT ? Decoded.known("07")
          : Decoded.refused("KRX's after-hours single price takes limit orders only (ORD_DVSN 07), not " + type);
    }
    return code(type);
  }

  /**
   * The order type an {@code ORD_DVSN} (or a notice's {@code ODER_KIND}) names, an after-market
   * code (41-47) or 07 its plain type; refused when unknown.
   */
  public static Decoded<OrderType> type(String ordDvsn) {
    String c = ordDvsn == null ? "" : ordDvsn.trim();
    OrderType t = TYPES.get(c);
    if (t == null) {
      t = KRX_AFTER_MARKET.entrySet().stream().filter(e -> e.getValue().equals(c)).map(Map.Entry::getKey).findFirst()
          .orElse(c.equals("07") ? OrderType.LIMIT : null);
    }
    return t == null ? Decoded.refused("unknown KIS order division (ORD_DVSN): '" + c + "'") : Decoded.known(t);
  }
}
