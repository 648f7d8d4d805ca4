package kis.bench;

import com.typesafe.config.Config;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import kis.journal.Symbol;
import kis.strategies.Intent;
import kis.strategies.Strategy;
import kis.strategies.StrategyContext;
import kis.strategies.event.StrategyEvent;
import kis.strategies.event.Trade;

/**
 * The tick-to-order benchmark's strategy: ignores every trade but the chosen ones (those of
 * {@code trigger-quantity} shares) and answers each chosen trade with a market order, buying when
 * flat and selling what it holds otherwise, so the account stays small however long the run. When
 * an order is still open it lets the chosen trade pass (the harness counts it as a miss, and
 * {@link #passedOpen} says how many misses were that: the previous order's fill not yet in).
 * Config type {@code kis.bench.TradeTrigger}: params {@code symbol}, {@code trigger-quantity}, {@code quantity}.
 */
public final class TradeTrigger implements Strategy {
  private final Symbol symbol;
  private final long triggerQuantity;
  private final long quantity;
  /** Chosen trades the strategy saw, and those it let pass because an order was still open (every instance). */
  static final AtomicLong SEEN = new AtomicLong();
  static final AtomicLong PASSED_OPEN = new AtomicLong();

  public TradeTrigger(Symbol symbol, long triggerQuantity, long quantity) {
    this.symbol = symbol;
    this.triggerQuantity = triggerQuantity;
    this.quantity = quantity;
  }

  public static TradeTrigger fromConfig(Config params) {
    return new TradeTrigger(Symbol.of(params.getString("symbol")), params.getLong("trigger-quantity"),
        params.getLong("quantity"));
  }

  /** Chosen trades the strategy saw so far, and of them those it let pass with an order open: {seen, passed}. */
  static long[] counts() {
    return new long[] {SEEN.get(), PASSED_OPEN.get()};
  }

  @Override
  public Set<Symbol> symbols() {
    return Set.of(symbol);
  }

  @Override
  public List<Intent> onEvent(StrategyEvent event, StrategyContext ctx) {
    if (!(event instanceof Trade t) || t.quantity() != triggerQuantity || !t.symbol().equals(symbol)) {
      return List.of();
    }
    SEEN.incrementAndGet();
    if (ctx.hasOpenOrders(symbol)) {
      PASSED_OPEN.incrementAndGet();
      return List.of();
    }
    long held = ctx.sellableQuantity(symbol);
    return List.of(held > 0 ? Intent.sellMarket(symbol, held, "bench: exit") : Intent.buyMarket(symbol, quantity,
        "bench: enter"));
  }
}
