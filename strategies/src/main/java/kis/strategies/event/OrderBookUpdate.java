package kis.strategies.event;

import java.time.Instant;
import java.util.List;
import kis.journal.Symbol;

/**
 * The visible order book after a change (KIS {@code H0STASP0}, up to ten levels a side). Level 0
 * is the best price: the lowest ask and the highest bid.
 */
public record OrderBookUpdate(Symbol symbol, Instant time, List<Level> asks, List<Level> bids)
    implements MarketEvent {

  /** One price level: resting quantity at a price. */
  public record Level(long price, long quantity) {
    public Level {
      if (price <= 0 || quantity < 0) {
        throw new IllegalArgumentException("bad book level " + price + " x " + quantity);
      }
    }
  }

  public OrderBookUpdate {
    if (symbol == null || time == null) {
      throw new IllegalArgumentException("symbol and time are required");
    }
    asks = List.copyOf(asks);
    bids = List.copyOf(bids);
  }

  /** Best ask price, 0 when the ask side is empty. */
  public long bestAsk() {
    return asks.isEmpty() ? 0 : asks.get(0).price();
  }

  /** Best bid price, 0 when the bid side is empty. */
  public long bestBid() {
    return bids.isEmpty() ? 0 : bids.get(0).price();
  }
}
