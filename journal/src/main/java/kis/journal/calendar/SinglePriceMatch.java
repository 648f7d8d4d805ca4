package kis.journal.calendar;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import kis.journal.Side;

/**
 * KRX's single-price match (단일가매매: the opening and closing call auctions and a volatility
 * interruption's two-minute call), the part every simulation of it shares: which orders take part
 * at the single price, in which priority, and that every one of them trades at that one price.
 * kis-sim (whose synthetic crowd takes the other side of every order that takes part) and the
 * backtest (whose history gives the single price and caps our share of its volume) both match
 * through here, so the rule has one copy.
 *
 * <p>How the single price itself is found is the caller's: KRX takes the price that trades the
 * most volume over its whole book; kis-sim has no whole book and uses its crowd's reference price
 * (the last price, or the price that set off a VI); a backtest reads it from history (the print at
 * the call's end).
 */
public final class SinglePriceMatch {
  private SinglePriceMatch() {}

  /**
   * One order in the call: {@code market} orders carry no limit; {@code remaining} is what it may
   * still trade. {@code order} is the caller's own handle, handed back in the allocation.
   */
  public record Entry<T>(T order, Side side, boolean market, long limit, long remaining) {
    public Entry {
      if (order == null || side == null) {
        throw new IllegalArgumentException("order and side are required");
      }
      if (remaining < 0 || (!market && limit <= 0)) {
        throw new IllegalArgumentException("a limit order needs a positive limit; remaining >= 0: " + limit
            + ", " + remaining);
      }
    }
  }

  /** What one order trades in the match: {@code quantity} shares at the single price. */
  public record Allocation<T>(T order, long quantity) {}

  /**
   * Whether an order takes part in a match at {@code price}: a market order always, a buy limit at
   * or above it, a sell limit at or below it.
   */
  public static boolean takesPart(Side side, boolean market, long limit, long price) {
    if (market) {
      return true;
    }
    return side == Side.BUY ? limit >= price : limit <= price;
  }

  /**
   * The orders that trade at {@code price}, and how much, when at most {@code available} shares are
   * there for them (kis-sim: {@link Long#MAX_VALUE}, its crowd takes everything): in KRX's price
   * priority, market orders first, then the limits furthest through the single price, then the
   * order of {@code entries} (time). Orders that do not take part get nothing; an allocation is
   * never 0.
   */
  public static <T> List<Allocation<T>> allocate(long price, List<Entry<T>> entries, long available) {
    if (price <= 0 || available < 0) {
      throw new IllegalArgumentException("a single price must be positive and availability not negative: " + price
          + ", " + available);
    }
    List<Entry<T>> in = new ArrayList<>();
    for (Entry<T> e : entries) {
      if (e.remaining() > 0 && takesPart(e.side(), e.market(), e.limit(), price)) {
        in.add(e);
      }
    }
    // Stable sort: equal priority keeps the caller's (time) order.
    in.sort(Comparator.comparing((Entry<T> e) -> !e.market())
        .thenComparingLong(e -> e.market() ? 0 : -Math.abs(e.limit() - price)));
    List<Allocation<T>> out = new ArrayList<>();
    long left = available;
    for (Entry<T> e : in) {
      if (left == 0) {
        break;
      }
      long q = Math.min(left, e.remaining());
      out.add(new Allocation<>(e.order(), q));
      left -= q;
    }
    return out;
  }
}
