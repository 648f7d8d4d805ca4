package kis.engine;

import com.typesafe.config.Config;
import java.util.List;
import java.util.Set;
import kis.journal.KrxTick;
import kis.journal.OrderSpec;
import kis.journal.ProtectiveSpec;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.Trail;
import kis.strategies.Intent;
import kis.strategies.Strategy;
import kis.strategies.StrategyContext;
import kis.strategies.event.StrategyEvent;
import kis.strategies.event.Trade;

/**
 * The crash proof's protected round trip: when flat with nothing working or armed, a bracket of a
 * market buy with a trailing stop (two ticks) and a take-profit three ticks up, both market children,
 * so stops are armed, trailed and fired while the engine is killed; holding shares nothing protects
 * any more (a child refused, say), it sells them at market.
 */
public final class ProtectedRoundTrip implements Strategy {
  private final Symbol symbol;
  private final long quantity;

  public ProtectedRoundTrip(Symbol symbol, long quantity) {
    this.symbol = symbol;
    this.quantity = quantity;
  }

  /** Params: {@code symbol}, {@code quantity}. */
  public static ProtectedRoundTrip fromConfig(Config params) {
    return new ProtectedRoundTrip(Symbol.of(params.getString("symbol")), params.getLong("quantity"));
  }

  @Override
  public Set<Symbol> symbols() {
    return Set.of(symbol);
  }

  @Override
  public List<Intent> onEvent(StrategyEvent event, StrategyContext ctx) {
    if (!(event instanceof Trade t) || !t.symbol().equals(symbol) || ctx.hasOpenOrders(symbol)
        || !ctx.state().protections().armed().isEmpty()) {
      return List.of();
    }
    if (ctx.position(symbol).quantity() == 0) {
      return List.of(Intent.bracket(OrderSpec.market(symbol, Side.BUY, quantity),
          ProtectiveSpec.trailingStop(symbol, Side.SELL, quantity, Trail.ticks(2)),
          ProtectiveSpec.takeProfitMarket(symbol, Side.SELL, quantity, KrxTick.step(t.price(), 3)), "protected entry"));
    }
    long sellable = ctx.sellableQuantity(symbol);
    return sellable > 0 ? List.of(Intent.sellMarket(symbol, sellable, "unprotected shares")) : List.of();
  }
}
