package kis.strategies.examples;

import com.typesafe.config.Config;
import java.util.List;
import java.util.Set;
import kis.journal.Symbol;
import kis.journal.state.Order;
import kis.journal.state.OrderStatus;
import kis.strategies.Intent;
import kis.strategies.Strategy;
import kis.strategies.StrategyContext;
import kis.strategies.event.StrategyEvent;
import kis.strategies.event.Trade;

/**
 * An example of the revise and cancel intents (the chaos and crash proofs trade with it because it
 * exercises both paths): it rests a limit order at the last price (buy when flat, sell what it
 * holds), moves it to the new last price after {@code patience} trades, and cancels it after
 * {@code revises} moves. Config type {@code kis.strategies.examples.LimitChaser}; params
 * {@code symbol}, {@code quantity}, {@code patience}, {@code revises}.
 */
public final class LimitChaser implements Strategy {
  private final Symbol symbol;
  private final long quantity;
  private final int patience;
  private final int revises;
  private int tradesSeen;
  private int moves;

  public LimitChaser(Symbol symbol, long quantity, int patience, int revises) {
    this.symbol = symbol;
    this.quantity = quantity;
    this.patience = patience;
    this.revises = revises;
  }

  public static LimitChaser fromConfig(Config p) {
    return new LimitChaser(Symbol.of(p.getString("symbol")), p.getLong("quantity"), p.getInt("patience"),
        p.getInt("revises"));
  }

  @Override
  public Set<Symbol> symbols() {
    return Set.of(symbol);
  }

  @Override
  public List<Intent> onEvent(StrategyEvent event, StrategyContext ctx) {
    if (!(event instanceof Trade t) || !t.symbol().equals(symbol)) {
      return List.of();
    }
    List<Order> open = ctx.openOrders(symbol);
    if (open.isEmpty()) {
      moves = 0;
      // A new order only every patience trades, so a refused one is not asked for again at once.
      if (++tradesSeen < patience) {
        return List.of();
      }
      tradesSeen = 0;
      long sellable = ctx.sellableQuantity(symbol);
      return List.of(sellable > 0 ? Intent.sellLimit(symbol, sellable, t.price(), "chase: exit")
          : Intent.buyLimit(symbol, quantity, t.price(), "chase: enter"));
    }
    Order o = open.get(0);
    boolean working = o.status() == OrderStatus.WORKING || o.status() == OrderStatus.PARTIALLY_FILLED;
    if (!working || ++tradesSeen < patience) {
      return List.of();
    }
    tradesSeen = 0;
    if (moves >= revises) {
      return List.of(Intent.cancel(o.id(), "chase: give up"));
    }
    if (t.price() == o.price()) {
      return List.of();
    }
    moves++;
    return List.of(new Intent.Revise(o.id(), t.price()));
  }
}
