package kis.journal.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import kis.journal.OrderNo;
import org.junit.jupiter.api.Test;

class PrunedOrderNosTest {
  static final LocalDate DAY = LocalDate.of(2026, 11, 24);

  static OrderNo no(int n) {
    return OrderNo.of(String.valueOf(n));
  }

  @Test
  void aBusyDaysNumbersAreAllKeptInOrderAcrossChunks() {
    PrunedOrderNos p = PrunedOrderNos.NONE;
    List<OrderNo> added = new ArrayList<>();
    for (int n = 1; n <= 5 * PrunedOrderNos.CHUNK; n++) {
      List<OrderNo> numbers = n % 7 == 0 ? List.of(no(n), no(100_000 + n)) : List.of(no(n));
      p = p.add(DAY, numbers);
      added.addAll(numbers);
    }
    assertEquals(added, p.of(DAY));
    assertTrue(p.chunks().size() > 1);
    assertTrue(p.chunks().stream().allMatch(c -> c.size() <= PrunedOrderNos.CHUNK));
    assertTrue(p.contains(no(1), DAY));
    assertTrue(p.contains(no(100_007), DAY));
    assertTrue(p.contains(no(5 * PrunedOrderNos.CHUNK), DAY));
    assertFalse(p.contains(no(5 * PrunedOrderNos.CHUNK + 1), DAY));
  }

  @Test
  void aNewDayStartsAfreshAndAnEarlierDaysOrderIsNotKept() {
    PrunedOrderNos p = PrunedOrderNos.NONE.add(DAY, List.of(no(1))).add(DAY.plusDays(1), List.of(no(2)));
    assertEquals(List.of(), p.of(DAY));
    assertFalse(p.contains(no(1), DAY.plusDays(1)));
    assertEquals(List.of(no(2)), p.of(DAY.plusDays(1)));
    assertEquals(p, p.add(DAY, List.of(no(3))));
  }
}
