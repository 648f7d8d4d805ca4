package kis.journal.calendar;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import kis.journal.OrderType;
import kis.journal.Venue;

/**
 * The one table of which order types the engine sends to which venue in which phase. An order
 * type missing here is refused before it is journaled as requested ({@code PreTrade}), in the live
 * engine and the backtest alike; kis-sim keeps its own table (the other side of the wire).
 *
 * <p>Today: KRX, limit and market orders, in the opening auction, continuous trading and the
 * closing auction. The engine tracks only these two types through the fold and the reconciler;
 * KRX itself takes more (shared/krx-nxt-2026.md §1.3), and #20 adds NXT (no plain market orders)
 * and the KRX after-market (limit types only) as rows of this table.
 */
public final class OrderCapabilities {
  private static final Set<OrderType> LIMIT_AND_MARKET = EnumSet.of(OrderType.LIMIT, OrderType.MARKET);

  private static final Map<Venue, Map<MarketPhase, Set<OrderType>>> TABLE = table();

  private OrderCapabilities() {}

  private static Map<Venue, Map<MarketPhase, Set<OrderType>>> table() {
    Map<MarketPhase, Set<OrderType>> krx = new EnumMap<>(MarketPhase.class);
    krx.put(MarketPhase.PRE_OPEN, LIMIT_AND_MARKET);
    krx.put(MarketPhase.CONTINUOUS, LIMIT_AND_MARKET);
    krx.put(MarketPhase.CLOSING_AUCTION, LIMIT_AND_MARKET);
    krx.put(MarketPhase.CLOSED, EnumSet.noneOf(OrderType.class));
    // NXT takes no plain market order (krx-nxt-2026.md §1.3); SOR routes market orders to either book.
    Map<MarketPhase, Set<OrderType>> nxt = new EnumMap<>(MarketPhase.class);
    nxt.put(MarketPhase.CONTINUOUS, EnumSet.of(OrderType.LIMIT));
    Map<MarketPhase, Set<OrderType>> sor = new EnumMap<>(MarketPhase.class);
    sor.put(MarketPhase.CONTINUOUS, LIMIT_AND_MARKET);
    Map<Venue, Map<MarketPhase, Set<OrderType>>> t = new EnumMap<>(Venue.class);
    t.put(Venue.KRX, krx);
    t.put(Venue.NXT, nxt);
    t.put(Venue.SOR, sor);
    for (Venue v : Venue.values()) {
      if (!t.containsKey(v)) {
        throw new IllegalStateException("no order types listed for venue " + v);
      }
    }
    return t;
  }

  /** The order types {@code venue} takes from the engine in {@code phase}. */
  public static Set<OrderType> supported(Venue venue, MarketPhase phase) {
    return Set.copyOf(TABLE.get(venue).getOrDefault(phase, Set.of()));
  }

  public static boolean supports(Venue venue, MarketPhase phase, OrderType type) {
    return TABLE.get(venue).getOrDefault(phase, Set.of()).contains(type);
  }

  /** The order types the engine sends to {@code venue} in some phase (those its books can track there). */
  public static Set<OrderType> traded(Venue venue) {
    Set<OrderType> all = EnumSet.noneOf(OrderType.class);
    TABLE.get(venue).values().forEach(all::addAll);
    return all;
  }
}
