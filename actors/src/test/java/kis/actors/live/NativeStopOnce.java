package kis.actors.live;

import com.typesafe.config.Config;
import java.util.List;
import java.util.Set;
import kis.journal.OrderSpec;
import kis.journal.ProtectiveSpec;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.strategies.Intent;
import kis.strategies.Strategy;
import kis.strategies.StrategyContext;
import kis.strategies.event.StrategyEvent;

/**
 * Buys {@code quantity} at market while flat, then, holding them, arms one sell stop-limit
 * (trigger {@code trigger}, limit {@code limit}) for them, once: the native stop-limit test's strategy.
 */
public final class NativeStopOnce implements Strategy {
  private final Symbol symbol;
  private final long quantity;
  private final long trigger;
  private final long limit;

  public NativeStopOnce(Symbol symbol, long quantity, long trigger, long limit) {
    this.symbol = symbol;
    this.quantity = quantity;
    this.trigger = trigger;
    this.limit = limit;
  }

  /** Params: {@code symbol}, {@code quantity}, {@code trigger}, {@code limit}. */
  public static NativeStopOnce fromConfig(Config params) {
    return new NativeStopOnce(Symbol.of(params.getString("symbol")), params.getLong("quantity"),
        params.getLong("trigger"), params.getLong("limit"));
  }

  @Override
  public Set<Symbol> symbols() {
    return Set.of(symbol);
  }

  @Override
  public List<Intent> onEvent(StrategyEvent event, StrategyContext ctx) {
    if (ctx.hasOpenOrders(symbol) || !ctx.state().protections().armed().isEmpty()
        || ctx.state().protections().fired() > 0) {
      return List.of();
    }
    if (ctx.position(symbol).quantity() == 0) { // again after a denial (the connection not live yet, say)
      return List.of(new Intent.Place(OrderSpec.market(symbol, Side.BUY, quantity), "entry"));
    }
    if (ctx.position(symbol).quantity() == quantity) {
      return List.of(Intent.protect(ProtectiveSpec.stopLimit(symbol, Side.SELL, quantity, trigger, limit), "stop"));
    }
    return List.of();
  }
}
