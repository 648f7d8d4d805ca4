package kis.journal.risk;

import static kis.journal.RejectReason.KRX_PAPER_MIN_PRICE;
import static kis.journal.RejectReason.KRX_PRICE_LIMIT;
import static kis.journal.RejectReason.RISK_DAILY_CANCEL_COUNT;
import static kis.journal.RejectReason.RISK_DAILY_LOSS;
import static kis.journal.RejectReason.RISK_DAILY_ORDER_COUNT;
import static kis.journal.RejectReason.RISK_DUPLICATE_ORDER;
import static kis.journal.RejectReason.RISK_HALTED;
import static kis.journal.RejectReason.RISK_KILL_SWITCH;
import static kis.journal.RejectReason.RISK_MAX_NOTIONAL;
import static kis.journal.RejectReason.RISK_MAX_POSITION;
import static kis.journal.RejectReason.RISK_MAX_TOTAL_POSITION;
import static kis.journal.RejectReason.RISK_ORDER_RATE;
import static kis.journal.RejectReason.RISK_REDUCING_ONLY;

import java.util.Optional;
import kis.journal.OrderSpec;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.state.Order;
import kis.journal.state.Position;

/**
 * Pre-trade checks: pure, synchronous, called by the agent before it journals an order. A denial
 * is journaled as {@code OrderDenied} with the reason's code and the detail, and nothing is sent.
 * The market's rules (session and order type, tick grid, band, shares free to sell) are
 * {@link PreTrade}'s, which the backtest runs too; this class adds the limits around them.
 *
 * <p>Checks run in a fixed order (the first failing one is reported): kill switch, halted,
 * market closed, tick grid, ±30 % band, paper 1,000-won floor, shares available to sell,
 * reducing-only, the agent's own limits ({@link OwnLimits}: declared symbol (checked right after
 * the halt), notional, max-position in shares, buying power, daily loss, daily orders), then the
 * engine-wide per-order notional, per-symbol and total position, daily loss, daily order
 * count, order rate, identical-order repeat. Orders that only shrink a position skip the
 * exposure checks (position limits and daily loss), so a losing agent can always get out.
 */
public final class RiskGuard {
  private final RiskLimits limits;
  private final OwnLimits agent;

  /** A guard with the engine-wide (or already merged) limits only. */
  public RiskGuard(RiskLimits limits) {
    this(limits, OwnLimits.NONE);
  }

  /** A guard with the engine-wide {@code limits} and the agent's own {@code agent} limits (checked first). */
  public RiskGuard(RiskLimits limits, OwnLimits agent) {
    this.limits = limits;
    this.agent = agent;
  }

  public RiskLimits limits() {
    return limits;
  }

  public OwnLimits agentLimits() {
    return agent;
  }

  /** Whether a new order may go out. */
  public RiskDecision checkOrder(OrderSpec spec, RiskContext ctx) {
    if (ctx.killSwitchEngaged()) {
      return RiskDecision.deny(RISK_KILL_SWITCH, "kill switch engaged");
    }
    if (ctx.tradingState() == TradingState.HALTED) {
      return RiskDecision.deny(RISK_HALTED, halted(ctx));
    }
    Optional<RiskDecision> undeclared = agent.checkSymbol(spec.symbol());
    if (undeclared.isPresent()) {
      return undeclared.get();
    }
    Optional<RiskDecision> session = PreTrade.session(spec, ctx.phase());
    if (session.isPresent()) {
      return session.get();
    }
    Optional<SymbolFacts> facts = ctx.market().get(spec.symbol());
    if (facts.isEmpty()) {
      return RiskDecision.deny(KRX_PRICE_LIMIT, "no price band known for " + spec.symbol());
    }
    SymbolFacts f = facts.get();
    Optional<RiskDecision> offGrid = PreTrade.price(spec, Optional.of(f.limits()));
    if (offGrid.isPresent()) {
      return offGrid.get();
    }
    if (limits.paper()) {
      long ref = spec.type().carriesPrice() ? Math.min(spec.price(), f.lastPrice()) : f.lastPrice();
      if (ref < RiskLimits.PAPER_MIN_PRICE) {
        return RiskDecision.deny(KRX_PAPER_MIN_PRICE, "paper accounts cannot trade under "
            + RiskLimits.PAPER_MIN_PRICE + " won (" + ref + ")");
      }
    }
    Optional<RiskDecision> sell = PreTrade.freeToSell(spec, ctx.state());
    if (sell.isPresent()) {
      return sell.get();
    }
    Position pos = ctx.state().position(spec.symbol());
    boolean reducing = reduces(spec, pos, ctx);
    if (ctx.tradingState() == TradingState.REDUCING_ONLY && !reducing) {
      return RiskDecision.deny(RISK_REDUCING_ONLY, "agent may only reduce positions");
    }
    Optional<RiskDecision> own = agent.check(spec, ctx.state(), ctx.market(), ctx.today());
    if (own.isPresent()) {
      return own.get();
    }
    long price = valuationPrice(spec, f);
    long notional = Math.multiplyExact(spec.quantity(), price);
    if (notional > limits.maxOrderNotional()) {
      return RiskDecision.deny(RISK_MAX_NOTIONAL, "order worth " + notional + " won exceeds "
          + limits.maxOrderNotional());
    }
    if (!reducing) {
      Optional<RiskDecision> exposure = exposure(spec.symbol(), spec.quantity(), price, ctx);
      if (exposure.isPresent()) {
        return exposure.get();
      }
    }
    if (ctx.today().orders() >= limits.maxOrdersPerDay()) {
      return RiskDecision.deny(RISK_DAILY_ORDER_COUNT, ctx.today().orders() + " orders today, limit "
          + limits.maxOrdersPerDay());
    }
    int inWindow = ctx.today().ordersWithin(limits.rateWindow(), ctx.now());
    if (inWindow >= limits.maxOrdersPerWindow()) {
      return RiskDecision.deny(RISK_ORDER_RATE, inWindow + " orders in the last "
          + limits.rateWindow().toMillis() + " ms, limit " + limits.maxOrdersPerWindow());
    }
    if (ctx.today().sameOrderWithin(spec, limits.duplicateWindow(), ctx.now())) {
      return RiskDecision.deny(RISK_DUPLICATE_ORDER, "identical order within the last "
          + limits.duplicateWindow().toMillis() + " ms");
    }
    return RiskDecision.ALLOW;
  }

  /** Whether a cancel may go out. Cancels pass a halt and the kill switch (they reduce risk). */
  public RiskDecision checkCancel(RiskContext ctx) {
    if (ctx.today().cancels() >= limits.maxCancelsPerDay()) {
      return RiskDecision.deny(RISK_DAILY_CANCEL_COUNT, ctx.today().cancels() + " cancels and revises today, limit "
          + limits.maxCancelsPerDay());
    }
    return RiskDecision.ALLOW;
  }

  /**
   * Whether a revise of {@code order} to {@code newPrice} may go out: it counts as a cancel, must be
   * a valid price, and must pass the placement's limits for what it adds (the order's notional at the
   * new price; for a buy revised up, the agent's buying power and daily loss and the engine-wide
   * position and loss limits). The account's limits are checked after, by its keeper.
   */
  public RiskDecision checkRevise(Order order, long newPrice, RiskContext ctx) {
    if (ctx.killSwitchEngaged()) {
      return RiskDecision.deny(RISK_KILL_SWITCH, "kill switch engaged");
    }
    if (ctx.tradingState() == TradingState.HALTED) {
      return RiskDecision.deny(RISK_HALTED, halted(ctx));
    }
    RiskDecision cancel = checkCancel(ctx);
    if (!cancel.allowed()) {
      return cancel;
    }
    Optional<SymbolFacts> f = ctx.market().get(order.spec().symbol());
    Optional<RiskDecision> price = PreTrade.limitPrice(newPrice, f.map(SymbolFacts::limits));
    if (price.isPresent()) {
      return price.get();
    }
    if (f.isEmpty()) {
      return RiskDecision.deny(KRX_PRICE_LIMIT, "no price band known for " + order.spec().symbol());
    }
    long notional = Math.multiplyExact(order.remainingQuantity(), newPrice);
    if (notional > limits.maxOrderNotional()) {
      return RiskDecision.deny(RISK_MAX_NOTIONAL, "revised order worth " + notional + " won exceeds "
          + limits.maxOrderNotional());
    }
    Optional<RiskDecision> own = agent.checkRevise(order, newPrice, ctx.state(), ctx.market(), ctx.today());
    if (own.isPresent()) {
      return own.get();
    }
    if (order.spec().side() == Side.BUY && newPrice > order.price()) {
      // A buy revised up commits more: the same exposure limits as a placement, at the new price.
      return exposure(order.spec().symbol(), 0, newPrice, ctx).orElse(RiskDecision.ALLOW);
    }
    return RiskDecision.ALLOW;
  }

  private static String halted(RiskContext ctx) {
    return ctx.haltCause().isEmpty() ? "agent is halted" : "agent is halted: " + ctx.haltCause();
  }

  /** The engine-wide exposure limits with {@code shares} more of {@code sym} bought at {@code price}. */
  private Optional<RiskDecision> exposure(Symbol sym, long shares, long price, RiskContext ctx) {
    long mark = Math.max(price, ctx.market().markOr(sym, price));
    long held = ctx.state().position(sym).quantity();
    long projected = held + working(ctx, sym, Side.BUY) + shares;
    long symbolValue = Math.multiplyExact(projected, mark);
    if (symbolValue > limits.maxSymbolPosition()) {
      return Optional.of(RiskDecision.deny(RISK_MAX_POSITION, sym + " position with working buys would be "
          + symbolValue + " won, limit " + limits.maxSymbolPosition()));
    }
    long total = symbolValue;
    for (Position p : ctx.state().positions().values()) {
      if (!p.symbol().equals(sym)) {
        total += Math.abs(p.quantity()) * ctx.market().markOr(p.symbol(), p.averagePrice());
      }
    }
    for (Order o : ctx.state().openOrders().values()) {
      if (!o.spec().symbol().equals(sym) && o.spec().side() == Side.BUY) {
        total += o.remainingQuantity() * workingPrice(o, ctx);
      }
    }
    if (total > limits.maxTotalPosition()) {
      return Optional.of(RiskDecision.deny(RISK_MAX_TOTAL_POSITION, "all positions with working buys would be "
          + total + " won, limit " + limits.maxTotalPosition()));
    }
    long pnl = ctx.today().dailyPnl(ctx.state(), ctx.market());
    if (pnl <= -limits.maxDailyLoss()) {
      return Optional.of(RiskDecision.deny(RISK_DAILY_LOSS, "today's P&L is " + pnl + " won, loss limit "
          + limits.maxDailyLoss()));
    }
    return Optional.empty();
  }

  /** Whether the order only shrinks the existing position (and what is already offered to shrink it). */
  private static boolean reduces(OrderSpec spec, Position pos, RiskContext ctx) {
    long q = pos.quantity();
    if (q == 0 || Long.signum(q) == spec.side().sign()) {
      return false;
    }
    return spec.quantity() + working(ctx, spec.symbol(), spec.side()) <= Math.abs(q);
  }

  /** Unfilled shares of live orders on {@code side} of {@code symbol}. */
  private static long working(RiskContext ctx, Symbol symbol, Side side) {
    return PreTrade.working(ctx.state(), symbol, side);
  }

  /** The price an order is valued at: its limit, or for a priceless buy the upper band (what KIS reserves). */
  private static long valuationPrice(OrderSpec spec, SymbolFacts f) {
    if (spec.type().carriesPrice()) {
      return spec.price();
    }
    return spec.side() == Side.BUY ? f.limits().upper() : f.lastPrice();
  }

  private static long workingPrice(Order o, RiskContext ctx) {
    if (o.price() > 0) {
      return o.price();
    }
    return ctx.market().get(o.spec().symbol()).map(f -> f.limits().upper()).orElse(0L);
  }
}
