package kis.engine.parity;

import com.typesafe.config.Config;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import kis.journal.KrxTick;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.state.Order;
import kis.journal.state.OrderStatus;
import kis.strategies.Intent;
import kis.strategies.Strategy;
import kis.strategies.StrategyContext;
import kis.strategies.event.StrategyEvent;
import kis.strategies.event.Trade;

/**
 * The parity test's strategy: per symbol it keeps one resting limit order a few ticks away from
 * the last print (a buy below it until it holds {@code target} shares, then a sell of the whole
 * position above it), chases the price with revises when it moves away, and cancels after
 * {@code max-revisions} revises. It answers trade prints only, with at most one intent each, and
 * never places an order that crosses the last print: the cases where the backtest and kis-sim fill
 * alike.
 *
 * <p>Why it skips prints that reach its order: live, a print's fill notice and the print itself
 * travel to the agent on different paths (gateway and market feed), so the strategy may see the
 * print before or after the fill; the backtest always applies the fill first. A decision on such a
 * print could differ between the two runs; a print that does not reach the order cannot have
 * filled it, so the agent's state is the same in both when the strategy decides. The reference
 * order is the open one, or the last one filled, which may have been filled by this very print.
 */
public final class RestingLadder implements Strategy {
  private final Set<Symbol> symbols;
  private final long quantity;
  private final long target;
  private final int offsetTicks;
  private final int chaseTicks;
  private final int maxRevisions;

  public RestingLadder(Set<Symbol> symbols, long quantity, long target, int offsetTicks, int chaseTicks,
      int maxRevisions) {
    if (symbols.isEmpty() || quantity < 1 || target < quantity || offsetTicks < 1 || chaseTicks < 1
        || maxRevisions < 0) {
      throw new IllegalArgumentException("resting ladder: symbols, quantity <= target, ticks >= 1");
    }
    this.symbols = Set.copyOf(symbols);
    this.quantity = quantity;
    this.target = target;
    this.offsetTicks = offsetTicks;
    this.chaseTicks = chaseTicks;
    this.maxRevisions = maxRevisions;
  }

  /** Params: {@code symbols} (list), {@code quantity}, {@code target}, {@code offset-ticks}, {@code chase-ticks}, {@code max-revisions}. */
  public static RestingLadder fromConfig(Config p) {
    Set<Symbol> s = new LinkedHashSet<>();
    p.getStringList("symbols").forEach(code -> s.add(Symbol.of(code)));
    return new RestingLadder(s, p.getLong("quantity"), p.getLong("target"), p.getInt("offset-ticks"),
        p.getInt("chase-ticks"), p.getInt("max-revisions"));
  }

  @Override
  public Set<Symbol> symbols() {
    return symbols;
  }

  @Override
  public List<Intent> onEvent(StrategyEvent event, StrategyContext ctx) {
    if (!(event instanceof Trade t) || !symbols.contains(t.symbol())) {
      return List.of();
    }
    Symbol s = t.symbol();
    long p = t.price();
    Order open = openOrder(ctx, s);
    Order reference = open != null ? open : lastFilled(ctx, s);
    if (reference != null && reaches(reference, p)) {
      return List.of();
    }
    if (open != null) {
      return chase(open, p);
    }
    long held = ctx.position(s).quantity();
    if (held >= target) {
      return List.of(Intent.sellLimit(s, held, KrxTick.step(p, offsetTicks), "take profit above " + p));
    }
    return List.of(Intent.buyLimit(s, Math.min(quantity, target - held), KrxTick.step(p, -offsetTicks),
        "bid below " + p));
  }

  /** Revise a working order the price has left behind, or cancel it once revised enough. */
  private List<Intent> chase(Order o, long p) {
    if (!o.status().isModifiable()) {
      return List.of();
    }
    boolean buy = o.spec().side() == Side.BUY;
    long want = KrxTick.step(p, buy ? -offsetTicks : offsetTicks);
    long behind = buy ? KrxTick.step(o.price(), chaseTicks) : KrxTick.step(o.price(), -chaseTicks);
    boolean left = buy ? want >= behind : want <= behind;
    if (!left) {
      return List.of();
    }
    if (o.previousOrderNos().size() >= maxRevisions) {
      return List.of(Intent.cancel(o.id(), "the price left it " + maxRevisions + " times"));
    }
    return List.of(new Intent.Revise(o.id(), want));
  }

  /** Whether a print at {@code p} reaches {@code o}'s price (at or through it). */
  private static boolean reaches(Order o, long p) {
    return o.spec().side() == Side.BUY ? p <= o.price() : p >= o.price();
  }

  private static Order openOrder(StrategyContext ctx, Symbol s) {
    List<Order> open = ctx.openOrders(s);
    return open.isEmpty() ? null : open.get(0);
  }

  private static Order lastFilled(StrategyContext ctx, Symbol s) {
    List<Order> closed = ctx.state().closedOrders();
    for (int i = closed.size() - 1; i >= 0; i--) {
      Order o = closed.get(i);
      if (o.spec().symbol().equals(s)) {
        return o.status() == OrderStatus.FILLED ? o : null;
      }
    }
    return null;
  }
}
