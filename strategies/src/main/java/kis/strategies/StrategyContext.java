package kis.strategies;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import kis.journal.AgentId;
import kis.journal.ClientOrderId;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.state.AgentState;
import kis.journal.state.Order;
import kis.journal.state.Position;

/**
 * What a strategy may read while it handles one event: the host's clock and its agent's books
 * (orders, positions, P&amp;L, fees and tax), the fold of the agent's journal. Immutable.
 *
 * @param now the host's clock: exchange time in a backtest, the engine clock live
 * @param state the agent's state after every event delivered so far
 */
public record StrategyContext(AgentId agentId, Instant now, AgentState state) {
  /** KRX trades on Korea Standard Time. */
  public static final ZoneId KST = ZoneId.of("Asia/Seoul");

  public StrategyContext {
    if (agentId == null || now == null || state == null) {
      throw new IllegalArgumentException("agent id, clock and state are required");
    }
  }

  public ZonedDateTime localNow() {
    return now.atZone(KST);
  }

  public LocalDate today() {
    return localNow().toLocalDate();
  }

  public Position position(Symbol symbol) {
    return state.position(symbol);
  }

  /** Orders for {@code symbol} that may still trade (requested, working, pending a change). */
  public List<Order> openOrders(Symbol symbol) {
    return state.openOrders().values().stream().filter(o -> o.spec().symbol().equals(symbol)).toList();
  }

  public boolean hasOpenOrders(Symbol symbol) {
    return hasOpenOrders(state, symbol);
  }

  /**
   * {@link #hasOpenOrders(Symbol)} of {@code books}: for a strategy's helper that is handed the
   * books rather than the context (see {@link #sellableQuantity(AgentState, Symbol)}).
   */
  public static boolean hasOpenOrders(AgentState books, Symbol symbol) {
    // Asked on every market event by most strategies: a plain loop, no stream or list, and not even
    // an iterator when nothing is open (most events).
    if (books.openOrders().isEmpty()) {
      return false;
    }
    for (Order o : books.openOrders().values()) {
      if (o.spec().symbol().equals(symbol)) {
        return true;
      }
    }
    return false;
  }

  /** Shares held that no open sell order has claimed yet: the most a new sell may ask for. */
  public long sellableQuantity(Symbol symbol) {
    return sellableQuantity(state, symbol);
  }

  /**
   * {@link #sellableQuantity(Symbol)} of {@code books}. Why a strategy would pass the books on
   * rather than the context: the host builds a context per event, and the JIT drops that allocation
   * only when every method the context is handed to is inlined; a strategy's per-bar helper too
   * large to inline that takes the context makes every bar allocate one (volatility-band's did).
   */
  public static long sellableQuantity(AgentState books, Symbol symbol) {
    long claimed = 0;
    for (Order o : books.openOrders().values()) {
      if (o.spec().side() == Side.SELL && o.spec().symbol().equals(symbol)) {
        claimed += o.remainingQuantity();
      }
    }
    return Math.max(0, books.position(symbol).quantity() - claimed);
  }

  /** The client order id the host will give the {@code index}-th (0-based) placement of this answer. */
  public ClientOrderId nextOrderId(int index) {
    return ClientOrderId.of(agentId, state.nextOrderSeq() + index);
  }
}
