package kis.actors.live;

import com.typesafe.config.Config;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import kis.journal.KrxTick;
import kis.journal.Side;
import kis.journal.RejectReason;
import kis.journal.Symbol;
import kis.journal.OrderType;
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
 * A test strategy naming no venue (its agent's {@code venue} key decides): once it knows a price it
 * asks for a market buy of one share (refused on NXT, filled on KRX) and rests a buy 10 % under the
 * market (it never fills), each again until answered; with {@code evening = true}, from {@code evening-from} (Seoul time, read
 * off its clock: the engine's session events need no part in it) it buys {@code quantity} with a
 * limit 20 % over the last price it saw and sells them 5 % under (above its resting buy), one
 * order at a time, then stops.
 */
public final class EveningTrader implements Strategy {
  private static final Duration EVERY = Duration.ofMillis(300);
  private final Symbol symbol;
  private final long quantity;
  private final boolean evening;
  private final LocalTime eveningFrom;
  private long last;
  private long restPrice;
  private int step;

  EveningTrader(Symbol symbol, long quantity, boolean evening, LocalTime eveningFrom) {
    this.symbol = symbol;
    this.quantity = quantity;
    this.evening = evening;
    this.eveningFrom = eveningFrom;
  }

  public static EveningTrader fromConfig(Config p) {
    return new EveningTrader(Symbol.of(p.getString("symbol")), p.getLong("quantity"), p.getBoolean("evening"),
        LocalTime.parse(p.hasPath("evening-from") ? p.getString("evening-from") : "15:30"));
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
    if (!(event instanceof TimerFired) || step >= 4) {
      return List.of();
    }
    List<Intent> out = new ArrayList<>();
    out.add(new Intent.SetTimer("t", ctx.now().plus(EVERY)));
    if (last == 0) {
      return out;
    }
    if (step == 0) {
      // Again on every timer until both were answered: a placement held back (the first
      // reconciliation not done) or denied while the connection was not live leaves nothing.
      boolean marketAnswered = ctx.state().closedOrders().stream().anyMatch(o -> o.spec().type() == OrderType.MARKET
          && (o.status() == OrderStatus.FILLED || o.status() == OrderStatus.DENIED
              && !o.lastMessage().startsWith(RejectReason.RISK_HALTED.name())));
      boolean marketOpen = ctx.openOrders(symbol).stream().anyMatch(o -> o.spec().type() == OrderType.MARKET);
      boolean restOpen = ctx.openOrders(symbol).stream().anyMatch(o -> o.spec().type() == OrderType.LIMIT);
      if (!marketAnswered && !marketOpen) {
        out.add(Intent.buyMarket(symbol, 1, "probe: a market buy"));
      }
      if (!restOpen) {
        restPrice = KrxTick.roundDown(last * 90 / 100);
        out.add(Intent.buyLimit(symbol, 1, restPrice, "rest: never fills"));
      }
      step = marketAnswered && restOpen ? 1 : 0;
      return out;
    }
    if (!evening || ctx.localNow().toLocalTime().isBefore(eveningFrom) || othersWorking(ctx)) {
      return out;
    }
    if (step == 1) {
      out.add(Intent.buyLimit(symbol, quantity, KrxTick.roundDown(last * 120 / 100), "evening buy"));
      step = 2;
    } else if (step == 2 && ctx.sellableQuantity(symbol) >= quantity) {
      out.add(Intent.sellLimit(symbol, quantity, KrxTick.roundUp(last * 95 / 100), "evening sell"));
      step = 3;
    } else if (step == 3) {
      step = 4;
    }
    return out;
  }

  /** A working order of this strategy other than the resting one. */
  private boolean othersWorking(StrategyContext ctx) {
    for (Order o : ctx.openOrders(symbol)) {
      if (!(o.spec().side() == Side.BUY && o.spec().price() == restPrice)) {
        return true;
      }
    }
    return false;
  }
}
