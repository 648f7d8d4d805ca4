package kis.journal.state;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The closed-order window of an {@link AgentState}: an immutable list of the last closed orders
 * that shares its backing array with the states before and after it.
 *
 * <p>Why: every order that closes (a fill's last share, a cancel, a denial) made the fold copy the
 * whole window of up to {@link AgentState#CLOSED_KEPT} orders into a new list, which a backtest
 * whose orders are mostly cash denials paid once per bar. Here an append writes the new order into
 * the free slot just past the window, when no other state has claimed that slot yet (an atomic
 * claim, so two states folded from one parent on two threads cannot both take it; the loser
 * copies), and the new window is a view one slot further. Older views never read past their own
 * end, so they stay unchanged. The array is copied only when it is full: once per window's worth of
 * appends.
 *
 * <p>It equals (and hashes as) any list of the same orders, so states and snapshots compare as
 * before; Jackson writes it as the plain array it is.
 */
final class ClosedWindow extends AbstractList<Order> implements RandomAccess {
  private final Slots slots;
  private final int from;
  private final int size;

  private ClosedWindow(Slots slots, int from, int size) {
    this.slots = slots;
    this.from = from;
    this.size = size;
  }

  /**
   * {@code closed}'s last {@code keep - 1} orders followed by {@code o}: the window after {@code o}
   * closed. {@code closed} is not changed.
   */
  static List<Order> append(List<Order> closed, Order o, int keep) {
    if (closed instanceof ClosedWindow w) {
      int end = w.from + w.size;
      if (end < w.slots.orders.length && w.slots.claimed.compareAndSet(end, end + 1)) {
        w.slots.orders[end] = o; // slot claimed: no other view reads it, and this one does not yet
        int size = Math.min(w.size + 1, keep);
        return new ClosedWindow(w.slots, end + 1 - size, size);
      }
    }
    int kept = Math.min(closed.size(), keep - 1);
    Slots s = new Slots(Math.max(2 * keep, 8));
    int n = 0;
    for (int i = closed.size() - kept; i < closed.size(); i++) {
      s.orders[n++] = closed.get(i);
    }
    s.orders[n++] = o;
    s.claimed.set(n);
    return new ClosedWindow(s, 0, n);
  }

  @Override
  public Order get(int index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException(index);
    }
    return slots.orders[from + index];
  }

  @Override
  public int size() {
    return size;
  }

  /** One backing array and how many of its slots views have claimed (written, from the start). */
  private static final class Slots {
    final Order[] orders;
    final AtomicInteger claimed = new AtomicInteger();

    Slots(int capacity) {
      orders = new Order[capacity];
    }
  }
}
