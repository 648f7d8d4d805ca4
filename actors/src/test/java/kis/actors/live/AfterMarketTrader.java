package kis.actors.live;

import com.typesafe.config.Config;
import java.util.List;
import kis.journal.KrxTick;
import kis.journal.OrderType;
import kis.journal.Symbol;
import kis.journal.state.Order;
import kis.strategies.Intent;
import kis.strategies.StrategyContext;

/**
 * A test strategy for KRX's after-market, naming no venue (its agent's decides): once it knows a
 * price it asks for a market buy of one share (denied there), rests a buy 10 % under the market
 * (never fills, left for the day roll), rests another and cancels it once KIS numbered it, then
 * buys {@code quantity} with a limit 20 % over the last price and sells them 5 % under, one order
 * at a time, then stops.
 */
public final class AfterMarketTrader extends TimedSteps {
  private final long quantity;

  AfterMarketTrader(Symbol symbol, long quantity) {
    super(symbol, 5);
    this.quantity = quantity;
  }

  public static AfterMarketTrader fromConfig(Config p) {
    return new AfterMarketTrader(Symbol.of(p.getString("symbol")), p.getLong("quantity"));
  }

  @Override
  void onTimer(StrategyContext ctx, List<Intent> out) {
    List<Order> open = ctx.openOrders(symbol);
    if (step == 0) {
      boolean marketAnswered = probeMarket(ctx, out, "probe: a market buy in the after-market");
      long rests = open.stream().filter(o -> o.spec().type() == OrderType.LIMIT).count();
      for (long i = rests; i < 2; i++) {
        out.add(Intent.buyLimit(symbol, 1, KrxTick.roundDown(last * 90 / 100), "rest: never fills"));
      }
      step = marketAnswered && rests == 2 ? 1 : 0;
      return;
    }
    if (step == 1) {
      // Cancel the newest resting buy once KIS numbered both (an order on its way has no number to cancel by).
      if (open.stream().allMatch(o -> o.orderNo() != null)) {
        Order newest = open.stream().max((a, b) -> a.requestedAt().compareTo(b.requestedAt())).orElseThrow();
        out.add(Intent.cancel(newest.id(), "cancel an after-market order"));
        step = 2;
      }
      return;
    }
    if (open.size() > 1) {
      return; // the cancel or the previous step's order is still working
    }
    if (step == 2) {
      out.add(Intent.buyLimit(symbol, quantity, KrxTick.roundDown(last * 120 / 100), "after-market buy"));
      step = 3;
    } else if (step == 3 && ctx.sellableQuantity(symbol) >= quantity) {
      out.add(Intent.sellLimit(symbol, quantity, KrxTick.roundUp(last * 95 / 100), "after-market sell"));
      step = 4;
    } else if (step == 4) {
      step = 5;
    }
  }
}
