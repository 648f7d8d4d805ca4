package kis.engine.parity;

import com.typesafe.config.Config;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import kis.journal.KrxTick;
import kis.journal.OrderSpec;
import kis.journal.ProtectiveSpec;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.Trail;
import kis.journal.state.Order;
import kis.journal.state.OrderStatus;
import kis.strategies.Intent;
import kis.strategies.Strategy;
import kis.strategies.StrategyContext;
import kis.strategies.event.StrategyEvent;
import kis.strategies.event.Trade;

/**
 * The protective-order parity strategy: per symbol, rounds of one position each, alternating
 * (a) a bracket: a buy resting two ticks below the print with a stop-limit three ticks below the entry
 * and a take-profit three ticks above it, and (b) a plain resting buy that, once it has filled, is
 * protected by an OCO of a trailing stop-limit (3 ticks) and a take-profit.
 *
 * <p>Every order rests when it arrives, the children included (a sell child's limit sits above the
 * print that fired it), because orders that cross on arrival fill differently in the backtest and on
 * kis-sim. Like {@link RestingLadder} it decides only on prints that do not reach its last order: a
 * print's fill notice may reach the live agent after the print. And no exit can be reached by the print
 * that fills its entry (the path moves at most two ticks a print), so the emulator's verdict on that
 * print does not depend on whether the live agent has heard of the fill yet.
 */
public final class ProtectiveLadder implements Strategy {
  private final Set<Symbol> symbols;
  private final long quantity;

  public ProtectiveLadder(Set<Symbol> symbols, long quantity) {
    this.symbols = Set.copyOf(symbols);
    this.quantity = quantity;
  }

  /** Params: {@code symbols} (list), {@code quantity}. */
  public static ProtectiveLadder fromConfig(Config p) {
    Set<Symbol> s = new LinkedHashSet<>();
    p.getStringList("symbols").forEach(code -> s.add(Symbol.of(code)));
    return new ProtectiveLadder(s, p.getLong("quantity"));
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
    List<Order> open = ctx.openOrders(s);
    Order reference = !open.isEmpty() ? open.get(0) : lastFilled(ctx, s);
    boolean armed = ctx.state().protections().all().stream().anyMatch(o -> o.spec().symbol().equals(s));
    if (!open.isEmpty() || armed || (reference != null && reaches(reference, p))) {
      return List.of();
    }
    long held = ctx.position(s).quantity();
    long round = (ctx.state().protections().nextSeq() - 1) / 2;
    if (held > 0) {
      return List.of(Intent.oco(ProtectiveSpec.trailingStop(s, Side.SELL, held, Trail.ticks(3).limitAt(1)),
          ProtectiveSpec.takeProfitLimit(s, Side.SELL, held, KrxTick.step(p, 4), KrxTick.step(p, 7)), "protect"));
    }
    long entry = KrxTick.step(p, -2);
    if (round % 2 == 1) {
      return List.of(Intent.buyLimit(s, quantity, entry, "plain entry"));
    }
    long stop = KrxTick.step(entry, -3);
    return List.of(Intent.bracket(OrderSpec.limit(s, Side.BUY, quantity, entry),
        ProtectiveSpec.stopLimit(s, Side.SELL, quantity, stop, KrxTick.step(stop, 1)),
        ProtectiveSpec.takeProfitLimit(s, Side.SELL, quantity, KrxTick.step(entry, 3), KrxTick.step(entry, 6)),
        "bracket"));
  }

  private static boolean reaches(Order o, long p) {
    return o.spec().side() == Side.BUY ? p <= o.price() : p >= o.price();
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
