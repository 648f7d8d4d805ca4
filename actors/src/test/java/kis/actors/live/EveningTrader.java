package kis.actors.live;

import com.typesafe.config.Config;
import java.time.LocalTime;
import java.util.List;
import kis.journal.KrxTick;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.OrderType;
import kis.journal.state.Order;
import kis.strategies.Intent;
import kis.strategies.StrategyContext;

/**
 * A test strategy naming no venue (its agent's {@code venue} key decides): once it knows a price it
 * asks for a market buy of one share (refused on NXT, filled on KRX) and rests a buy 10 % under the
 * market (it never fills), each again until answered; with {@code evening = true}, from {@code evening-from} (Seoul time, read
 * off its clock: the engine's session events need no part in it) it buys {@code quantity} with a
 * limit 20 % over the last price it saw and sells them 5 % under (above its resting buy), one
 * order at a time, then stops.
 */
public final class EveningTrader extends TimedSteps {
  private final long quantity;
  private final boolean evening;
  private final LocalTime eveningFrom;
  private long restPrice;

  EveningTrader(Symbol symbol, long quantity, boolean evening, LocalTime eveningFrom) {
    super(symbol, 4);
    this.quantity = quantity;
    this.evening = evening;
    this.eveningFrom = eveningFrom;
  }

  public static EveningTrader fromConfig(Config p) {
    return new EveningTrader(Symbol.of(p.getString("symbol")), p.getLong("quantity"), p.getBoolean("evening"),
        LocalTime.parse(p.hasPath("evening-from") ? p.getString("evening-from") : "15:30"));
  }

  @Override
  void onTimer(StrategyContext ctx, List<Intent> out) {
    if (step == 0) {
      // Again on every timer until both were answered: a placement held back (the first
      // reconciliation not done) or denied while the connection was not live leaves nothing.
      boolean marketAnswered = probeMarket(ctx, out, "probe: a market buy");
      boolean restOpen = ctx.openOrders(symbol).stream().anyMatch(o -> o.spec().type() == OrderType.LIMIT);
      if (!restOpen) {
        restPrice = KrxTick.roundDown(last * 90 / 100);
        out.add(Intent.buyLimit(symbol, 1, restPrice, "rest: never fills"));
      }
      step = marketAnswered && restOpen ? 1 : 0;
      return;
    }
    if (!evening || ctx.localNow().toLocalTime().isBefore(eveningFrom) || othersWorking(ctx)) {
      return;
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
