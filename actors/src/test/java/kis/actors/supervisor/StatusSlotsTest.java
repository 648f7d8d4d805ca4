package kis.actors.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Market-status registrations take only the slots notices, prints and books leave of KIS's 41. */
class StatusSlotsTest {
  static final StatusSlots KIS = new StatusSlots(41);

  static List<String> stocks(int n) {
    return IntStream.range(0, n).mapToObj(i -> String.format("%06d", i)).toList();
  }

  @Test
  void statusRegistrationsNeverPushTheCountPastTheLimit() {
    for (int used = 0; used <= 45; used++) {
      for (int wanted = 0; wanted <= 45; wanted++) {
        List<String> granted = KIS.granted(used, stocks(wanted));
        assertTrue(used + granted.size() <= Math.max(41, used), "used " + used + ", wanted " + wanted);
        assertEquals(stocks(wanted), concat(granted, KIS.without(used, stocks(wanted))),
            "every stock is either granted or named as without VI news, in order");
      }
    }
  }

  @Test
  void aConfigurationThatFillsTheSlotsWithPrintsGetsNoStatusAndNamesEveryStock() {
    // 1 notice + 40 prints: the session is full, the start is not refused, every stock goes without.
    assertEquals(List.of(), KIS.granted(41, stocks(40)));
    assertEquals(stocks(40), KIS.without(41, stocks(40)));
  }

  @Test
  void theFirstStocksAskedForGetTheSpareSlots() {
    // 1 notice + 38 prints leave 2.
    assertEquals(List.of("000000", "000001"), KIS.granted(39, stocks(5)));
    assertEquals(List.of("000002", "000003", "000004"), KIS.without(39, stocks(5)));
    assertEquals(stocks(2), KIS.granted(3, stocks(2)));
    assertEquals(List.of(), KIS.without(3, stocks(2)));
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new java.util.ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
