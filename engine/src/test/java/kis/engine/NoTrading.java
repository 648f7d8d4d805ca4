package kis.engine;

import com.typesafe.config.Config;
import java.util.List;
import java.util.Set;
import kis.journal.Symbol;
import kis.journal.state.OrderStatus;
import kis.strategies.Intent;
import kis.strategies.Strategy;
import kis.strategies.StrategyContext;
import kis.strategies.event.StrategyEvent;

/**
 * A strategy that watches one symbol, never places an order and cancels whatever rests: an
 * agent's journal kept, its trading wound down (config type {@code kis.engine.NoTrading}, param
 * {@code symbol}).
 */
public final class NoTrading implements Strategy {
  private final Symbol symbol;

  public NoTrading(Symbol symbol) {
    this.symbol = symbol;
  }

  public static NoTrading fromConfig(Config params) {
    return new NoTrading(Symbol.of(params.getString("symbol")));
  }

  @Override
  public Set<Symbol> symbols() {
    return Set.of(symbol);
  }

  @Override
  public List<Intent> onEvent(StrategyEvent event, StrategyContext ctx) {
    java.util.List<Intent> out = new java.util.ArrayList<>(ctx.openOrders(symbol).stream()
        .filter(o -> o.status() == OrderStatus.WORKING || o.status() == OrderStatus.PARTIALLY_FILLED)
        .map(o -> (Intent) Intent.cancel(o.id(), "trading stopped")).toList());
    // Protective orders armed by an earlier run are disarmed (one may still fire on the first print).
    ctx.state().protections().all().forEach(a -> out.add(Intent.disarm(a.id(), "trading stopped")));
    return out;
  }
}
