package kis.adapter;

import kis.connector.rest.OrderCashRequest;
import kis.connector.rest.ReviseCancelRequest;
import kis.journal.OrderNo;
import kis.journal.OrderSpec;
import kis.journal.OrderType;
import kis.journal.Venue;
import kis.journal.calendar.MarketPhase;

/**
 * The domain's orders as kis-connector requests: {@code order-cash} for a new order and
 * {@code order-rvsecncl} for a revise or cancel of the whole remainder (kis-api.md 4.1, 4.2).
 * Fills in {@code ORD_DVSN} ({@link KisOrderTypes}), {@code SLL_BUY_DVSN_CD} ({@link KisSides}),
 * {@code EXCG_ID_DVSN_CD} ({@link KisVenues}) and {@code CNDT_PRIC}. What KIS cannot take is a
 * {@link Decoded.Refused}: nothing is sent, and the caller answers the agent with the refusal.
 */
public final class KisOrders {
  private KisOrders() {}

  /**
   * A new cash order. A stop-limit goes out as {@code ORD_DVSN 22} with its stop price as
   * {@code CNDT_PRIC} and its limit as {@code ORD_UNPR}; KIS takes it on KRX and NXT, not on SOR
   * (refused here, nothing sent).
   */
  public static Decoded<OrderCashRequest> order(OrderSpec spec) {
    return order(spec, MarketPhase.CONTINUOUS);
  }

  /**
   * A new cash order sent while its venue is in {@code phase}: to KRX in its after-market it goes
   * out with the after-market code (41 for a limit), a market order there is refused
   * ({@link KisOrderTypes#code(Venue, MarketPhase, OrderType)}).
   */
  public static Decoded<OrderCashRequest> order(OrderSpec spec, MarketPhase phase) {
    if (spec.type() == OrderType.STOP_LIMIT && spec.venue().isRouter()) {
      return Decoded.refused(spec.venue() + " takes no stop-limit (ORD_DVSN 22)");
    }
    return KisOrderTypes.code(spec.venue(), phase, spec.type()).map(ordDvsn -> new OrderCashRequest(KisSides.toKis(spec.side()),
        spec.symbol().code(), ordDvsn, spec.quantity(), spec.price(), KisVenues.code(spec), spec.stopPrice()));
  }

  /**
   * Move the unfilled remainder of order {@code orderNo} to {@code newPrice}.
   *
   * @param branchNo the order's {@code KRX_FWDG_ORD_ORGNO}
   * @param type the order's type (a revise keeps it)
   * @param venue the venue the order was placed on: KIS refuses a revise sent to another
   *     ("원주문 거래소[NXT] 취소주문 거래소[KRX]")
   */
  public static Decoded<ReviseCancelRequest> revise(OrderNo orderNo, String branchNo, OrderType type, Venue venue,
      long newPrice) {
    return revise(orderNo, branchNo, type, venue, MarketPhase.CONTINUOUS, newPrice);
  }

  /**
   * {@link #revise(OrderNo, String, OrderType, Venue, long)} sent while {@code venue} is in
   * {@code phase}: in KRX's after-market the only live KRX orders are after-market ones, and the
   * revise carries the order's after-market code (41 for a limit).
   */
  public static Decoded<ReviseCancelRequest> revise(OrderNo orderNo, String branchNo, OrderType type, Venue venue,
      MarketPhase phase, long newPrice) {
    return modify(orderNo, branchNo, type, venue, phase, false, newPrice);
  }

  /** Cancel the unfilled remainder of order {@code orderNo}, placed on {@code venue} (the original's venue). */
  public static Decoded<ReviseCancelRequest> cancel(OrderNo orderNo, String branchNo, OrderType type, Venue venue) {
    return cancel(orderNo, branchNo, type, venue, MarketPhase.CONTINUOUS);
  }

  /** {@link #cancel(OrderNo, String, OrderType, Venue)} sent while {@code venue} is in {@code phase} (as {@link #revise}). */
  public static Decoded<ReviseCancelRequest> cancel(OrderNo orderNo, String branchNo, OrderType type, Venue venue,
      MarketPhase phase) {
    return modify(orderNo, branchNo, type, venue, phase, true, 0);
  }

  private static Decoded<ReviseCancelRequest> modify(OrderNo orderNo, String branchNo, OrderType type, Venue venue,
      MarketPhase phase, boolean cancel, long newPrice) {
    if (branchNo == null || branchNo.isBlank()) {
      return Decoded.refused("order " + orderNo + " has no branch number (KRX_FWDG_ORD_ORGNO) to revise or cancel it by");
    }
    if (venue == null) {
      // KIS would take a blank venue as KRX, and refuse it for an order placed elsewhere.
      return Decoded.refused("order " + orderNo + " names no venue to revise or cancel it on");
    }
    if (!cancel && newPrice <= 0) {
      return Decoded.refused("a revise needs a positive price, got " + newPrice);
    }
    return KisOrderTypes.code(venue, phase, type).map(ordDvsn -> new ReviseCancelRequest(branchNo.trim(), orderNo.value(), ordDvsn,
        cancel, 0, cancel ? 0 : newPrice, true, KisVenues.code(venue), 0));
  }
}
