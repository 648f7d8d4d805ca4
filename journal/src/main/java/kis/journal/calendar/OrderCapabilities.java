package kis.journal.calendar;

import static kis.journal.OrderType.BEST_LIMIT;
import static kis.journal.OrderType.CONDITIONAL_LIMIT;
import static kis.journal.OrderType.FOK_BEST;
import static kis.journal.OrderType.FOK_LIMIT;
import static kis.journal.OrderType.FOK_MARKET;
import static kis.journal.OrderType.IOC_BEST;
import static kis.journal.OrderType.IOC_LIMIT;
import static kis.journal.OrderType.IOC_MARKET;
import static kis.journal.OrderType.LIMIT;
import static kis.journal.OrderType.MARKET;
import static kis.journal.OrderType.MIDPOINT;
import static kis.journal.OrderType.POST_CLOSE_AT_CLOSE;
import static kis.journal.OrderType.PRE_OPEN_AT_PREVIOUS_CLOSE;
import static kis.journal.OrderType.PRIORITY_LIMIT;
import static kis.journal.OrderType.STOP_LIMIT;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import kis.journal.OrderType;
import kis.journal.Venue;

/**
 * The one table of which order types each venue takes in each phase
 * (shared/krx-nxt-2026.md §1.3), and of those, which the engine sends. An order type missing here
 * is refused before it is journaled as requested ({@code PreTrade}), in the live engine and the
 * backtest alike; kis-sim keeps its own table (the other side of the wire).
 *
 * <p>The venues' rules: NXT takes no market (01) or conditional limit (02) order; SOR no mid-price
 * (21, 23, 24) or stop-limit (22); KRX's after-market takes limit types only (41-47, which the KIS
 * edge codes from the plain types here; likewise a limit in the after-hours single price is 07). Rows for SOR outside the regular market and for mid-price
 * outside NXT's main market are assumptions (KIS leaves them open): limit only.
 *
 * <p>The engine sends only the types its books track through the fold and the reconciler:
 * {@link #ENGINE_TYPES}.
 */
public final class OrderCapabilities {
  /** The types the engine's books track; {@link #supported}, {@link #supports} and {@link #traded} answer within them. */
  public static final Set<OrderType> ENGINE_TYPES = Set.copyOf(EnumSet.of(LIMIT, MARKET));

  private static final Set<OrderType> AUCTION = EnumSet.of(LIMIT, MARKET, CONDITIONAL_LIMIT);
  private static final Set<OrderType> KRX_CONTINUOUS = EnumSet.of(LIMIT, MARKET, CONDITIONAL_LIMIT, BEST_LIMIT,
      PRIORITY_LIMIT, IOC_LIMIT, FOK_LIMIT, IOC_MARKET, FOK_MARKET, IOC_BEST, FOK_BEST, MIDPOINT, STOP_LIMIT);
  private static final Set<OrderType> LIMIT_TYPES = EnumSet.of(LIMIT, IOC_LIMIT, FOK_LIMIT, BEST_LIMIT, IOC_BEST,
      FOK_BEST, PRIORITY_LIMIT);
  private static final Set<OrderType> NXT_MAIN = EnumSet.of(LIMIT, BEST_LIMIT, PRIORITY_LIMIT, IOC_LIMIT, FOK_LIMIT,
      IOC_MARKET, FOK_MARKET, IOC_BEST, FOK_BEST, MIDPOINT, STOP_LIMIT);
  private static final Set<OrderType> NXT_OFF_HOURS = EnumSet.of(LIMIT, BEST_LIMIT, PRIORITY_LIMIT, IOC_LIMIT,
      FOK_LIMIT, IOC_MARKET, FOK_MARKET, IOC_BEST, FOK_BEST, STOP_LIMIT);
  private static final Set<OrderType> SOR_MAIN = EnumSet.of(LIMIT, MARKET, BEST_LIMIT, PRIORITY_LIMIT, IOC_LIMIT,
      FOK_LIMIT, IOC_MARKET, FOK_MARKET, IOC_BEST, FOK_BEST);

  private static final Map<Venue, Map<MarketPhase, Set<OrderType>>> TABLE = table();

  private OrderCapabilities() {}

  private static Map<Venue, Map<MarketPhase, Set<OrderType>>> table() {
    Map<MarketPhase, Set<OrderType>> krx = new EnumMap<>(MarketPhase.class);
    krx.put(MarketPhase.PRE_OPEN, AUCTION);
    krx.put(MarketPhase.CONTINUOUS, KRX_CONTINUOUS);
    krx.put(MarketPhase.CLOSING_AUCTION, AUCTION);
    krx.put(MarketPhase.VOLATILITY_INTERRUPTION, AUCTION);
    krx.put(MarketPhase.PRE_OPEN_CLOSING_PRICE, EnumSet.of(PRE_OPEN_AT_PREVIOUS_CLOSE));
    krx.put(MarketPhase.POST_CLOSE_CLOSING_PRICE, EnumSet.of(POST_CLOSE_AT_CLOSE));
    krx.put(MarketPhase.AFTER_HOURS_SINGLE_PRICE, EnumSet.of(LIMIT)); // ORD_DVSN 07: a limit at a single price
    krx.put(MarketPhase.AFTER_MARKET, LIMIT_TYPES); // 41-47: no market orders
    Map<MarketPhase, Set<OrderType>> nxt = new EnumMap<>(MarketPhase.class);
    nxt.put(MarketPhase.PRE_MARKET, NXT_OFF_HOURS);
    nxt.put(MarketPhase.CONTINUOUS, NXT_MAIN);
    nxt.put(MarketPhase.AFTER_MARKET, NXT_OFF_HOURS);
    Map<MarketPhase, Set<OrderType>> sor = new EnumMap<>(MarketPhase.class);
    sor.put(MarketPhase.CONTINUOUS, SOR_MAIN);
    sor.put(MarketPhase.PRE_OPEN, EnumSet.of(LIMIT, MARKET)); // routed to KRX's auction (assumed)
    sor.put(MarketPhase.CLOSING_AUCTION, EnumSet.of(LIMIT, MARKET));
    sor.put(MarketPhase.PRE_MARKET, EnumSet.of(LIMIT)); // neither off-hours book takes market orders
    sor.put(MarketPhase.AFTER_MARKET, EnumSet.of(LIMIT));
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

  /** The order types {@code venue} itself takes in {@code phase} (the venue's rule, whatever the engine sends). */
  public static Set<OrderType> venueTakes(Venue venue, MarketPhase phase) {
    return Set.copyOf(TABLE.get(venue).getOrDefault(phase, Set.of()));
  }

  /** The order types the engine sends to {@code venue} in {@code phase}. */
  public static Set<OrderType> supported(Venue venue, MarketPhase phase) {
    Set<OrderType> s = EnumSet.noneOf(OrderType.class);
    s.addAll(TABLE.get(venue).getOrDefault(phase, Set.of()));
    s.retainAll(ENGINE_TYPES);
    return Set.copyOf(s);
  }

  public static boolean supports(Venue venue, MarketPhase phase, OrderType type) {
    return SUPPORTS[venue.ordinal()][phase.ordinal()][type.ordinal()];
  }

  /**
   * {@link #supports} for every venue, phase and type, worked out once from {@link #TABLE}: every
   * placement asks (a backtest's denied entries tens of thousands of times a run), and three map
   * and set look-ups per ask were a visible part of its profile.
   */
  private static final boolean[][][] SUPPORTS = supportsTable();

  private static boolean[][][] supportsTable() {
    Venue[] venues = Venue.values();
    MarketPhase[] phases = MarketPhase.values();
    OrderType[] types = OrderType.values();
    boolean[][][] t = new boolean[venues.length][phases.length][types.length];
    for (Venue v : venues) {
      for (MarketPhase p : phases) {
        for (OrderType o : types) {
          t[v.ordinal()][p.ordinal()][o.ordinal()] = ENGINE_TYPES.contains(o)
              && TABLE.get(v).getOrDefault(p, Set.of()).contains(o);
        }
      }
    }
    return t;
  }

  /** The order types the engine sends to {@code venue} in some phase (those its books can track there). */
  public static Set<OrderType> traded(Venue venue) {
    Set<OrderType> all = EnumSet.noneOf(OrderType.class);
    TABLE.get(venue).values().forEach(all::addAll);
    all.retainAll(ENGINE_TYPES);
    return Set.copyOf(all);
  }
}
