package kis.actors.agent;

import java.util.List;
import java.util.Set;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import kis.journal.ClientOrderId;
import kis.journal.OrderSpec;
import kis.journal.ProtectiveSpec;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.strategies.Intent;
import kis.strategies.Strategy;
import kis.strategies.StrategyContext;
import kis.strategies.event.OrderUpdate;
import kis.strategies.event.SessionOpened;
import kis.strategies.event.StrategyEvent;
import kis.strategies.event.TimerFired;
import kis.strategies.event.Trade;
import kis.journal.event.OrderDenied;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The strategies the strategy host's tests run, on one symbol: each tells a probe every event it
 * is handed (when given one) and answers by a script, so a test reads what the strategy heard in
 * the order it heard it.
 */
final class TestStrategies {
  static final Symbol SAMSUNG = Symbol.of("005930");
  /** The print at which {@link #reviseEveryPrint} cancels its order instead. */
  static final long CANCEL_PRINT = 2;

  private TestStrategies() {}

  /** Trades {@link #SAMSUNG}, tells {@code seen} (null: nobody) every event and answers with {@code answer}. */
  record Scripted(ActorRef<StrategyEvent> seen, BiFunction<StrategyEvent, StrategyContext, List<Intent>> answer)
      implements Strategy {
    @Override
    public Set<Symbol> symbols() {
      return Set.of(SAMSUNG);
    }

    @Override
    public List<Intent> onEvent(StrategyEvent event, StrategyContext ctx) {
      if (seen != null) {
        seen.tell(event);
      }
      return answer.apply(event, ctx);
    }
  }

  /**
   * Buys one share at 64,000 at every print (with a stop and a target when {@code bracket}); notes
   * the id it expects each placement to get; throws at a print of 1 won (a bug).
   */
  static Strategy everyPrint(ActorRef<StrategyEvent> seen, List<ClientOrderId> expected, boolean bracket) {
    return new Scripted(seen, (event, ctx) -> {
      if (!(event instanceof Trade t)) {
        return List.of();
      }
      if (t.price() == 1) {
        throw new IllegalStateException("a bug at a print of 1 won");
      }
      expected.add(ctx.nextOrderId(0));
      return List.of(bracket ? Intent.bracket(OrderSpec.limit(SAMSUNG, Side.BUY, 1, 64_000),
          ProtectiveSpec.stopMarket(SAMSUNG, Side.SELL, 1, 60_000),
          ProtectiveSpec.takeProfitMarket(SAMSUNG, Side.SELL, 1, 68_000), "every print")
          : Intent.buyLimit(SAMSUNG, 1, 64_000, "every print"));
    });
  }

  /** Buys one share at 64,000 at the first print, then revises that order at every print (cancels it at {@link #CANCEL_PRINT}). */
  static Strategy reviseEveryPrint(ActorRef<StrategyEvent> seen, List<ClientOrderId> placed) {
    return new Scripted(seen, (event, ctx) -> {
      if (!(event instanceof Trade t)) {
        return List.of();
      }
      if (placed.isEmpty()) {
        placed.add(ctx.nextOrderId(0));
        return List.of(Intent.buyLimit(SAMSUNG, 1, 64_000, "then revise at every print"));
      }
      return List.of(t.price() == CANCEL_PRINT ? new Intent.Cancel(placed.get(0), "the test")
          : new Intent.Revise(placed.get(0), 63_900));
    });
  }

  /** Buys at every print and again on each of its denials (as NativeStopOnce does: "again after a denial"). */
  static Strategy againOnDenial(ActorRef<StrategyEvent> seen) {
    return new Scripted(seen, (event, ctx) -> {
      boolean again = event instanceof Trade || event instanceof OrderUpdate u && u.event() instanceof OrderDenied;
      return again ? List.of(Intent.buyLimit(SAMSUNG, 1, 64_000, "again")) : List.of();
    });
  }

  /** Buys at its timer (every 50 ms) when nothing of its own is open or unanswered, as a timer-driven strategy would. */
  static Strategy atTimerWhenFlat(ActorRef<StrategyEvent> seen) {
    return new Scripted(seen, (event, ctx) -> {
      Intent next = new Intent.SetTimer("t", ctx.now().plusMillis(50));
      if (event instanceof SessionOpened) {
        return List.of(next);
      }
      if (!(event instanceof TimerFired)) {
        return List.of();
      }
      return ctx.hasOpenOrders(SAMSUNG) ? List.of(next) : List.of(next, Intent.buyLimit(SAMSUNG, 1, 64_000, "timer"));
    });
  }

  /** Buys one share on its first trade, but only once all racers at {@code barrier} are deciding too. */
  static Strategy racer(CyclicBarrier barrier) {
    return new Scripted(null, (event, ctx) -> {
      if (!(event instanceof Trade t) || ctx.state().nextOrderSeq() != 1) {
        return List.of();
      }
      try {
        barrier.await(20, TimeUnit.SECONDS);
      } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
        throw new IllegalStateException("the racers never all decided", e);
      }
      return List.of(Intent.buyLimit(SAMSUNG, 1, t.price(), "race"));
    });
  }

  /** Buys ten shares on the first trade, revises the working buy up to {@code to} on the next trade. */
  static Strategy reviseUp(ActorRef<StrategyEvent> seen, long to) {
    return new Scripted(seen, (event, ctx) -> {
      if (event instanceof Trade t && ctx.state().nextOrderSeq() == 1) {
        return List.of(Intent.buyLimit(SAMSUNG, 10, t.price(), "buy"));
      }
      if (event instanceof Trade && !ctx.state().openOrders().isEmpty()) {
        return List.of(new Intent.Revise(ctx.state().openOrders().values().iterator().next().id(), to));
      }
      return List.of();
    });
  }
}
