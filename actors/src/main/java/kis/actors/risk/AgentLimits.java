package kis.actors.risk;

import kis.journal.risk.RiskGuard;
import kis.journal.risk.RiskLimits;
import static kis.journal.RejectReason.RISK_AGENT_CAPITAL;
import static kis.journal.RejectReason.RISK_AGENT_MAX_SHARES;
import static kis.journal.RejectReason.RISK_DAILY_LOSS;
import static kis.journal.RejectReason.RISK_DAILY_ORDER_COUNT;
import static kis.journal.RejectReason.RISK_MAX_NOTIONAL;
import static kis.journal.RejectReason.RISK_UNDECLARED_SYMBOL;

import java.util.Optional;
import java.util.Set;
import kis.journal.OrderSpec;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.risk.DayCounters;
import kis.journal.risk.MarketFacts;
import kis.journal.risk.OwnLimits;
import kis.journal.risk.RiskDecision;
import kis.journal.risk.SymbolFacts;
import kis.journal.state.AgentState;
import kis.journal.state.Order;
import kis.journal.state.Position;

/**
 * One agent's own limits, from its block in {@code kis-trader.agents}, and the pure check of an
 * order against them. The live {@link RiskGuard} and the backtest's simulated broker both call
 * {@link #check}, so a limit means the same thing in both. A value of 0 means "no limit" (the key
 * was omitted); an empty {@code symbols} set means "any symbol" (only for agents built in code).
 *
 * <p>Units differ on purpose: {@code maxPositionShares} counts shares of one symbol, while the
 * engine-wide {@code kis-trader.risk.max-symbol-position} ({@link RiskLimits#maxSymbolPosition})
 * is in won. Sells are never held back by the exposure limits (shares, capital, daily loss): a
 * sell can only shrink a long position (the guard refuses selling more than is held), and a losing
 * agent must always be able to get out.
 *
 * @param maxOrderNotional won per order (quantity × limit price, a market buy at the upper band)
 * @param maxPositionShares shares held plus working buys, per symbol ({@code max-position})
 * @param maxDailyLoss won of loss today (realized + unrealized, after costs) that stops buys
 * @param maxDailyOrders new orders per trading day
 * @param initialCapital the agent's buying power before P&L ({@code initial-capital}): a buy whose
 *     cost, plus the agent's working buys and the cost of the shares it holds, exceeds the capital
 *     plus its net realized P&L is denied
 * @param symbols the symbols the agent is declared for ({@code symbol} and {@code symbols})
 */
public record AgentLimits(long maxOrderNotional, long maxPositionShares, long maxDailyLoss, int maxDailyOrders,
    long initialCapital, Set<Symbol> symbols) implements OwnLimits {

  /** No limit of the agent's own (the engine-wide ones still apply). */
  public static final AgentLimits NONE = new AgentLimits(0, 0, 0, 0, 0, Set.of());

  public AgentLimits {
    symbols = Set.copyOf(symbols);
    notNegative("max-order-notional", maxOrderNotional);
    notNegative("max-position", maxPositionShares);
    notNegative("max-daily-loss", maxDailyLoss);
    notNegative("max-daily-orders", maxDailyOrders);
    notNegative("initial-capital", initialCapital);
  }

  /** Whether the agent may trade {@code symbol} at all. */
  @Override
  public Optional<RiskDecision> checkSymbol(Symbol symbol) {
    if (symbols.isEmpty() || symbols.contains(symbol)) {
      return Optional.empty();
    }
    return Optional.of(RiskDecision.deny(RISK_UNDECLARED_SYMBOL, "the agent is declared for " + new java.util.TreeSet<>(
        symbols.stream().map(Symbol::code).toList()) + ", not " + symbol.code()));
  }

  /**
   * The first of the agent's limits that {@code spec} breaks, if any. {@code market} must know
   * the order's symbol when the order has no price (a market order); a symbol without facts is
   * valued at its limit price.
   */
  @Override
  public Optional<RiskDecision> check(OrderSpec spec, AgentState state, MarketFacts market, DayCounters today) {
    Optional<RiskDecision> symbol = checkSymbol(spec.symbol());
    if (symbol.isPresent()) {
      return symbol;
    }
    long price = valuationPrice(spec, market);
    long notional = Math.multiplyExact(spec.quantity(), price);
    if (maxOrderNotional > 0 && notional > maxOrderNotional) {
      return deny(RISK_MAX_NOTIONAL, "agent max-order-notional " + maxOrderNotional + " won: this order is "
          + spec.quantity() + " x " + price + " = " + notional);
    }
    if (spec.side() == Side.BUY) {
      long held = state.position(spec.symbol()).quantity();
      long working = workingBuyShares(state, spec.symbol());
      long projected = held + working + spec.quantity();
      if (maxPositionShares > 0 && projected > maxPositionShares) {
        return deny(RISK_AGENT_MAX_SHARES, "max-position " + maxPositionShares + " shares: holds " + held
            + " + working buys " + working + " + this " + spec.quantity() + " = " + projected);
      }
      if (initialCapital > 0) {
        long realized = state.netRealizedPnl();
        long heldCost = heldCost(state);
        long workingCost = workingBuyCost(state, market);
        long left = initialCapital + realized - heldCost - workingCost;
        if (notional > left) {
          return deny(RISK_AGENT_CAPITAL, "initial-capital " + initialCapital + " won + net realized P&L " + realized
              + " - held at cost " + heldCost + " - working buys " + workingCost + " leaves " + left
              + "; this buy costs " + notional);
        }
      }
      if (maxDailyLoss > 0) {
        long pnl = today.dailyPnl(state, market);
        if (pnl <= -maxDailyLoss) {
          return deny(RISK_DAILY_LOSS, "agent max-daily-loss " + maxDailyLoss + " won: today's P&L is " + pnl);
        }
      }
    }
    if (maxDailyOrders > 0 && today.orders() >= maxDailyOrders) {
      return deny(RISK_DAILY_ORDER_COUNT, "agent max-daily-orders " + maxDailyOrders + ": " + today.orders()
          + " orders today");
    }
    return Optional.empty();
  }

  /**
   * The agent's limits a revise of {@code order} to {@code newPrice} could break, as a placement's
   * for what the revise adds: its own {@code max-order-notional} for the revised order, and for a
   * buy revised up, the buying power ({@code initial-capital}) for the difference (its working buys
   * already count the order at its old price) and {@code max-daily-loss} (no more exposure beyond it).
   * Shares do not change ({@code max-position}), nor the day's order count (a revise is no new order).
   */
  @Override
  public Optional<RiskDecision> checkRevise(Order order, long newPrice, AgentState state, MarketFacts market,
      DayCounters today) {
    long notional = Math.multiplyExact(order.remainingQuantity(), newPrice);
    if (maxOrderNotional > 0 && notional > maxOrderNotional) {
      return deny(RISK_MAX_NOTIONAL, "agent max-order-notional " + maxOrderNotional + " won: the revised order is "
          + order.remainingQuantity() + " x " + newPrice + " = " + notional);
    }
    long extra = Math.multiplyExact(order.remainingQuantity(), newPrice - order.price());
    if (order.spec().side() == Side.BUY && initialCapital > 0 && extra > 0) {
      long left = initialCapital + state.netRealizedPnl() - heldCost(state) - workingBuyCost(state, market);
      if (extra > left) {
        return deny(RISK_AGENT_CAPITAL, "initial-capital " + initialCapital + " won: revising up costs " + extra
            + " more, " + left + " left");
      }
    }
    if (order.spec().side() == Side.BUY && maxDailyLoss > 0 && extra > 0) {
      long pnl = today.dailyPnl(state, market);
      if (pnl <= -maxDailyLoss) {
        return deny(RISK_DAILY_LOSS, "agent max-daily-loss " + maxDailyLoss + " won: today's P&L is " + pnl
            + "; revising a buy up adds exposure");
      }
    }
    return Optional.empty();
  }

  /** Shares still to come from the agent's working buys of {@code symbol}. */
  public static long workingBuyShares(AgentState state, Symbol symbol) {
    long n = 0;
    for (Order o : state.openOrders().values()) {
      if (o.spec().side() == Side.BUY && o.spec().symbol().equals(symbol)) {
        n += o.remainingQuantity();
      }
    }
    return n;
  }

  /**
   * Won the agent's working buys commit (a market buy at its symbol's upper band; a buy being
   * revised up at the new price, which KIS may confirm at any moment).
   */
  public static long workingBuyCost(AgentState state, MarketFacts market) {
    long won = 0;
    for (Order o : state.openOrders().values()) {
      if (o.spec().side() == Side.BUY) {
        long px = o.price() > 0 ? Math.max(o.price(), o.pendingPrice())
            : market.get(o.spec().symbol()).map(f -> f.limits().upper()).orElse(0L);
        won += o.remainingQuantity() * px;
      }
    }
    return won;
  }

  /** Won paid for the shares the agent holds (cost basis of its long positions). */
  public static long heldCost(AgentState state) {
    long won = 0;
    for (Position p : state.positions().values()) {
      if (p.quantity() > 0) {
        won += p.costBasis();
      }
    }
    return won;
  }

  /** The price an order is valued at: its limit, or for a market buy the upper band (what KIS reserves). */
  static long valuationPrice(OrderSpec spec, MarketFacts market) {
    if (spec.type().carriesPrice()) {
      return spec.price();
    }
    Optional<SymbolFacts> f = market.get(spec.symbol());
    if (f.isEmpty()) {
      return 0;
    }
    return spec.side() == Side.BUY ? f.get().limits().upper() : f.get().lastPrice();
  }

  private static Optional<RiskDecision> deny(kis.journal.RejectReason reason, String detail) {
    return Optional.of(RiskDecision.deny(reason, detail));
  }

  private static void notNegative(String key, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(key + " must not be negative (omit it for no limit), got " + value);
    }
  }
}
