package kis.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecoveryOrderTest {

  @Test
  void everyKindOfChildRunsInEveryPositionEquallyOftenOverAsManyRoundsAsKinds() {
    int kinds = Recovery.Kind.values().length;
    Map<Recovery.Kind, Map<Integer, Integer>> positions = new EnumMap<>(Recovery.Kind.class);
    for (int round = 0; round < kinds; round++) {
      List<Recovery.Kind> order = Recovery.order(round);
      assertEquals(kinds, order.stream().distinct().count(), "each kind once per round: " + order);
      for (int p = 0; p < order.size(); p++) {
        positions.computeIfAbsent(order.get(p), k -> new HashMap<>()).merge(p, 1, Integer::sum);
      }
    }
    for (Recovery.Kind k : Recovery.Kind.values()) {
      for (int p = 0; p < kinds; p++) {
        assertEquals(1, positions.get(k).getOrDefault(p, 0), k + " at position " + p);
      }
    }
  }
}
