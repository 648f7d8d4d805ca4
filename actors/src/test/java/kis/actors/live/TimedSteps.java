package kis.actors.live;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import kis.journal.OrderType;
import kis.journal.RejectReason;
import kis.journal.Symbol;
import kis.journal.state.OrderStatus;
import kis.strategies.Intent;
import kis.strategies.Strategy;
import kis.strategies.StrategyContext;
import kis.strategies.event.SessionOpened;
import kis.strategies.event.StrategyEvent;
import kis.strategies.event.TimerFired;
import kis.strategies.event.Trade;

/**
 * The frame of the test strategies that trade one stock step by step ({@link AfterMarketTrader},
 * {@link EveningTrader}): they follow its last print, start a timer when the session opens and, on
 * each firing once they know a price, take their next step until the last one; each step is asked
 * again on the next firing until answered (a placement held back while the first reconciliation
 * runs leaves nothing).
 */
abstract class TimedSteps implements Strategy {
  private static final Duration EVERY = Duration.ofMillis(300);
  final Symbol symbol;
  private final int done;
  long last;
  int step;

  /** @param done the step at which the strategy stops acting */
  TimedSteps(Symbol symbol, int done) {
    this.symbol = symbol;
    this.done = done;
  }

  @Override
  public final Set<Symbol> symbols() {
    return Set.of(symbol);
  }

  @Override
  public final List<Intent> onEvent(StrategyEvent event, StrategyContext ctx) {
    if (event instanceof Trade t && t.symbol().equals(symbol)) {
      last = t.price();
      return List.of();
    }
    if (event instanceof SessionOpened && step == 0) {
      return List.of(new Intent.SetTimer("t", ctx.now().plus(EVERY)));
    }
    if (!(event instanceof TimerFired) || step >= done) {
      return List.of();
    }
    List<Intent> out = new ArrayList<>();
    out.add(new Intent.SetTimer("t", ctx.now().plus(EVERY)));
    if (last != 0) {
      onTimer(ctx, out);
    }
    return out;
  }

  /** A firing with a price known and the last step not reached: adds this step's intents to {@code out}. */
  abstract void onTimer(StrategyContext ctx, List<Intent> out);

  /**
   * Asks for a market buy of one share unless one is working or was answered; returns whether it
   * was answered: filled, or denied for anything but the halt a not-yet-live connection holds
   * placements behind.
   */
  final boolean probeMarket(StrategyContext ctx, List<Intent> out, String reason) {
    boolean answered = ctx.state().closedOrders().stream().anyMatch(o -> o.spec().type() == OrderType.MARKET
        && (o.status() == OrderStatus.FILLED || o.status() == OrderStatus.DENIED
            && !o.lastMessage().startsWith(RejectReason.RISK_HALTED.name())));
    boolean working = ctx.openOrders(symbol).stream().anyMatch(o -> o.spec().type() == OrderType.MARKET);
    if (!answered && !working) {
      out.add(Intent.buyMarket(symbol, 1, reason));
    }
    return answered;
  }
}
