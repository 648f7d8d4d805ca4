package kis.journal.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SortedArrayMapTest {

  @Test
  void followsATreeMapThroughRandomPutsAndRemovesInItsOrderEqualityHashAndText() {
    Random rnd = new Random(17);
    SortedArrayMap<Integer> m = SortedArrayMap.empty();
    TreeMap<String, Integer> t = new TreeMap<>();
    for (int step = 0; step < 5_000; step++) {
      // Ids whose text order is not their number order ("a-10" before "a-9"), as the fold's keys.
      String k = "a-" + rnd.nextInt(40);
      if (rnd.nextInt(3) == 0) {
        m = m.without(k);
        t.remove(k);
      } else {
        int v = rnd.nextInt();
        m = m.with(k, v);
        t.put(k, v);
      }
      assertEquals(t, m);
      assertEquals(m, t);
      assertEquals(t.hashCode(), m.hashCode());
      assertEquals(t.toString(), m.toString());
      assertEquals(new ArrayList<>(t.keySet()), new ArrayList<>(m.keySet()));
      assertEquals(new ArrayList<>(t.values()), new ArrayList<>(m.values()));
      assertEquals(t.size(), m.size());
      assertEquals(t.isEmpty(), m.isEmpty());
      String probe = "a-" + rnd.nextInt(40);
      assertEquals(t.get(probe), m.get(probe));
      assertEquals(t.containsKey(probe), m.containsKey(probe));
    }
  }

  @Test
  void aChangeLeavesTheMapItCameFromAsItWas() {
    SortedArrayMap<String> one = SortedArrayMap.<String>empty().with("b", "1").with("a", "2");
    SortedArrayMap<String> two = one.with("b", "3").with("c", "4");
    SortedArrayMap<String> three = two.without("a");
    assertEquals(Map.of("a", "2", "b", "1"), one);
    assertEquals(Map.of("a", "2", "b", "3", "c", "4"), two);
    assertEquals(Map.of("b", "3", "c", "4"), three);
    assertSame(three, three.without("zz"));
    assertTrue(one.without("a").without("b").isEmpty());
  }

  @Test
  void takesAnyMapInKeyOrderAndItselfAsIs() {
    Map<String, Integer> plain = new java.util.HashMap<>(Map.of("x-2", 2, "x-10", 10, "x-1", 1));
    SortedArrayMap<Integer> m = SortedArrayMap.of(plain);
    assertEquals(List.of("x-1", "x-10", "x-2"), new ArrayList<>(m.keySet()));
    assertEquals(plain, m);
    assertSame(m, SortedArrayMap.of(m));
    assertSame(SortedArrayMap.empty(), SortedArrayMap.of(Map.of()));
  }

  @Test
  void refusesEveryChangeThroughTheMapInterface() {
    Map<String, Integer> m = SortedArrayMap.<Integer>empty().with("a", 1);
    assertThrows(UnsupportedOperationException.class, () -> m.put("b", 2));
    assertThrows(UnsupportedOperationException.class, () -> m.remove("a"));
    assertThrows(UnsupportedOperationException.class, m::clear);
    assertThrows(UnsupportedOperationException.class, () -> m.values().iterator().remove());
    assertThrows(UnsupportedOperationException.class, () -> m.entrySet().iterator().next().setValue(3));
    assertEquals(Map.of("a", 1), m);
  }

  @Test
  void answersLikeTheUnmodifiableTreeMapItReplacesForAMissingOrNullKey() {
    Map<String, Integer> old = Collections.unmodifiableMap(new TreeMap<>(Map.of("a", 1)));
    Map<String, Integer> m = SortedArrayMap.<Integer>empty().with("a", 1);
    assertNull(m.get("b"));
    assertFalse(m.containsKey("b"));
    assertThrows(NullPointerException.class, () -> old.get(null));
    assertThrows(NullPointerException.class, () -> m.get(null));
  }
}
