package kis.journal.risk;

import static kis.journal.RejectReason.AGENT_UNSUPPORTED_ORDER_TYPE;
import static kis.journal.RejectReason.KRX_MARKET_CLOSED;
import static kis.journal.RejectReason.KRX_PRICE_LIMIT;
import static kis.journal.RejectReason.KRX_TICK_SIZE;
import static kis.journal.RejectReason.RISK_INSUFFICIENT_POSITION;

import java.util.Optional;
import kis.journal.KrxTick;
import kis.journal.calendar.OrderCapabilities;
import kis.journal.OrderSpec;
import kis.journal.PriceLimits;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.calendar.MarketPhase;
import kis.journal.state.AgentState;
import kis.journal.state.Order;

/**
 * The market's and the books' pre-trade rules, pure and in one place, for the live engine and the
 * backtest alike: the venue's session and order types ({@link OrderCapabilities}), its tick grid
 * ({@link KrxTick}) and daily band ({@link PriceLimits}), and never selling shares that are not
 * held free. The live {@link RiskGuard} runs these steps among its limits, the agent runs
 * {@link #tradedType} and {@link #freeToSell} against its freshest books before journaling, and
 * the backtest's simulated broker runs {@link #check}; so a rule means the same everywhere.
 *
 * <p>Each step answers the denial of the first rule broken, or empty.
 */
public final class PreTrade {
  private PreTrade() {}

  /**
   * The venue's and the books' rules in order: session and order type, tick grid and band, shares
   * free to sell. {@code band} empty means today's band is not known (the backtest before the
   * symbol's first print) and is not checked; the live guard refuses such an order before.
   */
  public static Optional<RiskDecision> check(OrderSpec spec, MarketPhase phase, Optional<PriceLimits> band,
      AgentState state) {
    Optional<RiskDecision> no = session(spec, phase);
    if (no.isEmpty()) {
      no = price(spec, band);
    }
    return no.isPresent() ? no : freeToSell(spec, state);
  }

  /** The engine sends this order type to the order's venue in some phase (its books can track it). */
  public static Optional<RiskDecision> tradedType(OrderSpec spec) {
    if (OrderCapabilities.traded(spec.venue()).contains(spec.type())) {
      return Optional.empty();
    }
    return deny(AGENT_UNSUPPORTED_ORDER_TYPE, "the engine sends " + OrderCapabilities.traded(spec.venue())
        + " orders to " + spec.venue() + ", not " + spec.type());
  }

  /** The venue takes orders in {@code phase}, and this order's type then. */
  public static Optional<RiskDecision> session(OrderSpec spec, MarketPhase phase) {
    if (!phase.acceptsOrders()) {
      return deny(KRX_MARKET_CLOSED, spec.venue() + " takes no orders now (" + phase + ")");
    }
    if (!OrderCapabilities.supports(spec.venue(), phase, spec.type())) {
      return deny(AGENT_UNSUPPORTED_ORDER_TYPE, spec.venue() + " takes no " + spec.type() + " orders from the "
          + "engine in " + phase + " (it takes " + OrderCapabilities.supported(spec.venue(), phase) + ")");
    }
    return Optional.empty();
  }

  /** A priced order's limit is on the tick grid and inside today's band (when known); priceless orders pass. */
  public static Optional<RiskDecision> price(OrderSpec spec, Optional<PriceLimits> band) {
    return spec.type().carriesPrice() ? limitPrice(spec.price(), band) : Optional.empty();
  }

  /** A limit price (new or revised) is on the tick grid and inside today's band (when known). */
  public static Optional<RiskDecision> limitPrice(long price, Optional<PriceLimits> band) {
    if (!KrxTick.isOnGrid(price)) {
      return deny(KRX_TICK_SIZE, price + " is off the " + (price > 0 ? KrxTick.tickSize(price) + "-won " : "")
          + "tick grid");
    }
    if (band.isPresent() && !band.get().contains(price)) {
      return deny(KRX_PRICE_LIMIT, price + " is outside today's band " + band.get().lower() + ".."
          + band.get().upper());
    }
    return Optional.empty();
  }

  /**
   * A sell takes only shares held and not already offered by working sells: a cash account cannot
   * go short.
   */
  public static Optional<RiskDecision> freeToSell(OrderSpec spec, AgentState state) {
    if (spec.side() != Side.SELL) {
      return Optional.empty();
    }
    long held = state.position(spec.symbol()).quantity();
    long free = held - working(state, spec.symbol(), Side.SELL);
    if (spec.quantity() <= free) {
      return Optional.empty();
    }
    return deny(RISK_INSUFFICIENT_POSITION, "selling " + spec.quantity() + " of " + spec.symbol().code()
        + " but only " + Math.max(0, free) + " of " + held + " held shares are not already offered");
  }

  /** Unfilled shares of working orders on {@code side} of {@code symbol}. */
  public static long working(AgentState state, Symbol symbol, Side side) {
    long n = 0;
    for (Order o : state.openOrders().values()) {
      if (o.spec().symbol().equals(symbol) && o.spec().side() == side) {
        n += o.remainingQuantity();
      }
    }
    return n;
  }

  private static Optional<RiskDecision> deny(kis.journal.RejectReason reason, String detail) {
    return Optional.of(RiskDecision.deny(reason, detail));
  }
}
