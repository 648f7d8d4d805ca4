package kis.journal.state;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import kis.journal.OrderNo;

/**
 * The KIS numbers of one trading day's orders that have left an agent's closed-order window.
 * Immutable. Kept in chunks so that adding an order's numbers copies one chunk and the list of
 * chunks, not every number of the day: a busy day's fold stays linear.
 *
 * @param day the trading day (Asia/Seoul) of the numbers; null when there are none
 * @param chunks the numbers, oldest first, in chunks of at most {@value #CHUNK}
 */
public record PrunedOrderNos(LocalDate day, List<List<OrderNo>> chunks) {
  static final int CHUNK = 64;
  public static final PrunedOrderNos NONE = new PrunedOrderNos(null, List.of());

  public PrunedOrderNos {
    if (chunks == null) {
      chunks = List.of();
    }
  }

  /**
   * With {@code numbers} of an order of {@code orderDay} added: a later day starts afresh (KIS
   * lists only the day's orders, and numbers restart daily), an earlier day's are not kept.
   */
  PrunedOrderNos add(LocalDate orderDay, List<OrderNo> numbers) {
    if (numbers.isEmpty() || day != null && orderDay.isBefore(day)) {
      return this;
    }
    if (!orderDay.equals(day)) {
      return new PrunedOrderNos(orderDay, List.of(List.copyOf(numbers)));
    }
    List<List<OrderNo>> c = new ArrayList<>(chunks.size() + 1);
    c.addAll(chunks);
    List<OrderNo> last = c.isEmpty() ? List.of() : c.get(c.size() - 1);
    if (!c.isEmpty() && last.size() + numbers.size() <= CHUNK) {
      List<OrderNo> grown = new ArrayList<>(last.size() + numbers.size());
      grown.addAll(last);
      grown.addAll(numbers);
      c.set(c.size() - 1, Collections.unmodifiableList(grown));
    } else {
      c.add(List.copyOf(numbers));
    }
    return new PrunedOrderNos(day, Collections.unmodifiableList(c));
  }

  /** The numbers if they are of {@code tradingDay}, else none. */
  public List<OrderNo> of(LocalDate tradingDay) {
    if (!tradingDay.equals(day)) {
      return List.of();
    }
    List<OrderNo> all = new ArrayList<>();
    chunks.forEach(all::addAll);
    return all;
  }

  /** Whether {@code no} is one of {@code tradingDay}'s pruned numbers. */
  public boolean contains(OrderNo no, LocalDate tradingDay) {
    return tradingDay.equals(day) && chunks.stream().anyMatch(c -> c.contains(no));
  }
}
