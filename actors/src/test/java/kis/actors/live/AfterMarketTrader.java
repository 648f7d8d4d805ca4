package kis.actors.live;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import kis.journal.KrxTick;
import kis.journal.OrderType;
import kis.journal.RejectReason;
import kis.journal.Symbol;
import kis.journal.state.Order;
import kis.journal.state.OrderStatus;
import kis.strategies.Intent;
import kis.strategies.Strategy;
import kis.strategies.StrategyContext;
import kis.strategies.event.SessionOpened;
import kis.strategies.event.StrategyEvent;
import kis.strategies.event.TimerFired;
import kis.strategies.event.Trade;

/**
 * A test strategy for KRX's after-market, naming no venue (its agent's decides): once it knows a
 * price it asks for a market buy of one share (denied there), rests a buy 10 % under the market
 * (never fills, left for the day roll), rests another and cancels it once KIS numbered it, then
 * buys {@code quantity} with a limit 20 % over the last price and sells them 5 % under, one order
 * at a time, then stops. Each step is asked again on the next timer until answered (a placement
 * held back while the first reconciliation runs leaves nothing).
 */
public final class AfterMarketTrader implements Strategy {
  private static final Duration EVERY = Duration.ofMillis(300);
  private final Symbol symbol;
  private final long quantity;
  private long last;
  private int step;

  AfterMarketTrader(Symbol symbol, long quantity) {
    this.symbol = symbol;
    this.quantity = quantity;
  }

  public static AfterMarketTrader fromConfig(Config p) {
    return new AfterMarketTrader(Symbol.of(p.getString("symbol")), p.getLong("quantity"));
  }

  @Override
  public Set<Symbol> symbols() {
    return Set.of(symbol);
  }

  @Override
  public List<Intent> onEvent(StrategyEvent event, StrategyContext ctx) {
    if (event instanceof Trade t && t.symbol().equals(symbol)) {
      last = t.price();
      return List.of();
    }
    if (event instanceof SessionOpened && step == 0) {
      return List.of(new Intent.SetTimer("t", ctx.now().plus(EVERY)));
    }
    if (!(event instanceof TimerFired) || step >= 5) {
      return List.of();
    }
    List<Intent> out = new ArrayList<>();
    out.add(new Intent.SetTimer("t", ctx.now().plus(EVERY)));
    if (last == 0) {
      return out;
    }
    List<Order> open = ctx.openOrders(symbol);
    if (step == 0) {
      boolean marketAnswered = ctx.state().closedOrders().stream().anyMatch(o -> o.spec().type() == OrderType.MARKET
          && (o.status() == OrderStatus.FILLED || o.status() == OrderStatus.DENIED
              && !o.lastMessage().startsWith(RejectReason.RISK_HALTED.name())));
      boolean marketOpen = open.stream().anyMatch(o -> o.spec().type() == OrderType.MARKET);
      long rests = open.stream().filter(o -> o.spec().type() == OrderType.LIMIT).count();
      if (!marketAnswered && !marketOpen) {
        out.add(Intent.buyMarket(symbol, 1, "probe: a market buy in the after-market"));
      }
      for (long i = rests; i < 2; i++) {
        out.add(Intent.buyLimit(symbol, 1, KrxTick.roundDown(last * 90 / 100), "rest: never fills"));
      }
      step = marketAnswered && rests == 2 ? 1 : 0;
      return out;
    }
    if (step == 1) {
      // Cancel the newest resting buy once KIS numbered both (an order on its way has no number to cancel by).
      if (open.stream().allMatch(o -> o.orderNo() != null)) {
        Order newest = open.stream().max((a, b) -> a.requestedAt().compareTo(b.requestedAt())).orElseThrow();
        out.add(Intent.cancel(newest.id(), "cancel an after-market order"));
        step = 2;
      }
      return out;
    }
    if (open.size() > 1) {
      return out; // the cancel or the previous step's order is still working
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
    return out;
  }
}
