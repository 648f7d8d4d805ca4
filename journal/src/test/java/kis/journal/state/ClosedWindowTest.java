package kis.journal.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import kis.journal.AgentId;
import kis.journal.ClientOrderId;
import kis.journal.OrderSpec;
import kis.journal.Side;
import kis.journal.Symbol;
import org.junit.jupiter.api.Test;

class ClosedWindowTest {
  private static final Instant T = Instant.parse("2026-03-03T00:00:00Z");

  private static Order order(long seq) {
    return Order.requested(ClientOrderId.of(new AgentId("a"), seq), OrderSpec.limit(Symbol.of("005930"), Side.BUY, 1,
        70_000), T);
  }

  @Test
  void keepsTheLastOrdersOldestFirstAcrossManyAppends() {
    List<Order> window = List.of();
    List<Order> expected = new ArrayList<>();
    for (long i = 1; i <= 1_000; i++) {
      window = ClosedWindow.append(window, order(i), 5);
      expected.add(order(i));
      List<Order> last = expected.subList(Math.max(0, expected.size() - 5), expected.size());
      assertEquals(last, window);
      assertEquals(last.hashCode(), window.hashCode());
    }
  }

  @Test
  void anOlderWindowIsUnchangedByAppendsToItsSuccessors() {
    List<Order> parent = ClosedWindow.append(ClosedWindow.append(List.of(), order(1), 3), order(2), 3);
    List<Order> child = ClosedWindow.append(parent, order(3), 3);
    ClosedWindow.append(child, order(4), 3);
    assertEquals(List.of(order(1), order(2)), parent);
    assertEquals(List.of(order(1), order(2), order(3)), child);
  }

  @Test
  void twoStatesFoldedFromOneParentEachGetTheirOwnOrder() {
    List<Order> parent = ClosedWindow.append(List.of(), order(1), 10);
    List<Order> left = ClosedWindow.append(parent, order(2), 10);
    List<Order> right = ClosedWindow.append(parent, order(3), 10); // the slot after parent is left's: copies
    assertEquals(List.of(order(1), order(2)), left);
    assertEquals(List.of(order(1), order(3)), right);
    assertEquals(List.of(order(1)), parent);
  }

  @Test
  void isImmutable() {
    List<Order> w = ClosedWindow.append(List.of(), order(1), 10);
    assertThrows(UnsupportedOperationException.class, () -> w.add(order(2)));
    assertThrows(UnsupportedOperationException.class, () -> w.set(0, order(2)));
    assertThrows(IndexOutOfBoundsException.class, () -> w.get(1));
  }
}
