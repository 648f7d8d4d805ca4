package kis.sim;

import java.util.EnumSet;
import java.util.Set;
import kis.journal.OrderType;
import kis.journal.Venue;
import kis.journal.calendar.MarketPhase;

/**
 * The simulator's own reading of which order a venue takes when (shared/krx-nxt-2026.md §1.3),
 * written here rather than taken from the engine's {@code OrderCapabilities} so a test across the
 * wire compares two readings of the spec. The simulator trades limit, market and IOC/FOK orders;
 * KRX's after-market codes 41-43 are its limit, IOC and FOK limit.
 */
final class SimVenues {
  private static final Set<OrderType> NXT_REFUSES = EnumSet.of(OrderType.MARKET, OrderType.CONDITIONAL_LIMIT,
      OrderType.PRE_OPEN_AT_PREVIOUS_CLOSE, OrderType.POST_CLOSE_AT_CLOSE);
  private static final Set<OrderType> SOR_REFUSES = EnumSet.of(OrderType.MIDPOINT, OrderType.STOP_LIMIT,
      OrderType.CONDITIONAL_LIMIT, OrderType.PRE_OPEN_AT_PREVIOUS_CLOSE, OrderType.POST_CLOSE_AT_CLOSE);

  private SimVenues() {}

  /** {@code EXCG_ID_DVSN_CD} of an order request: blank is KRX; null for anything else. */
  static Venue orderVenue(String code) {
    String c = code == null ? "" : code.trim();
    switch (c) {
      case "":
      case "KRX":
        return Venue.KRX;
      case "NXT":
        return Venue.NXT;
      case "SOR":
        return Venue.SOR;
      default:
        return null;
    }
  }

  /** Whether {@code venue} takes this order type at all (whatever the session). */
  static boolean takesType(Venue venue, OrderType type, boolean afterMarketCode) {
    switch (venue) {
      case NXT:
        return !afterMarketCode && !NXT_REFUSES.contains(type);
      case SOR:
        return !afterMarketCode && !SOR_REFUSES.contains(type);
      default:
        return true;
    }
  }

  /** Whether a book in {@code phase} takes an order now: after-market codes only in KRX's after-market, the rest in continuous trading. */
  static boolean bookOpenFor(Venue book, MarketPhase phase, boolean afterMarketCode) {
    if (book == Venue.KRX) {
      return afterMarketCode ? phase == MarketPhase.AFTER_MARKET
          : phase == MarketPhase.CONTINUOUS || phase == MarketPhase.CLOSING_AUCTION;
    }
    return !afterMarketCode && phase.matchesContinuously();
  }

  /** Whether KRX is in a call auction (opening or closing): orders are taken and wait for the single-price match. */
  static boolean krxAuction(Venue book, MarketPhase phase) {
    return book == Venue.KRX && (phase == MarketPhase.PRE_OPEN || phase == MarketPhase.CLOSING_AUCTION);
  }

  /** The order types a call auction takes (no IOC/FOK: nothing is matched on arrival). */
  static boolean auctionType(OrderType type) {
    return type == OrderType.LIMIT || type == OrderType.MARKET;
  }

  /** {@code ORD_EXG_GB} of an execution notice: 1 KRX, 2 NXT, 3 SOR→KRX, 4 SOR→NXT. */
  static String exgGb(Venue requested, Venue book) {
    if (requested == Venue.SOR) {
      return book == Venue.NXT ? "4" : "3";
    }
    return book == Venue.NXT ? "2" : "1";
  }
}
