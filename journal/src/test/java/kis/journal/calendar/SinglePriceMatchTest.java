package kis.journal.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import kis.journal.Side;
import org.junit.jupiter.api.Test;

class SinglePriceMatchTest {
  private static SinglePriceMatch.Entry<String> limit(String id, Side side, long limit, long qty) {
    return new SinglePriceMatch.Entry<>(id, side, false, limit, qty);
  }

  private static SinglePriceMatch.Entry<String> market(String id, Side side, long qty) {
    return new SinglePriceMatch.Entry<>(id, side, true, 0, qty);
  }

  @Test
  void marketOrdersAndLimitsAtOrThroughTheSinglePriceTakePart() {
    assertTrue(SinglePriceMatch.takesPart(Side.BUY, true, 0, 70_000));
    assertTrue(SinglePriceMatch.takesPart(Side.BUY, false, 70_000, 70_000));
    assertTrue(SinglePriceMatch.takesPart(Side.BUY, false, 70_100, 70_000));
    assertFalse(SinglePriceMatch.takesPart(Side.BUY, false, 69_900, 70_000));
    assertTrue(SinglePriceMatch.takesPart(Side.SELL, false, 69_900, 70_000));
    assertFalse(SinglePriceMatch.takesPart(Side.SELL, false, 70_100, 70_000));
  }

  @Test
  void everyOrderTakingPartTradesInFullWhenTheCrowdTakesEverything() {
    List<SinglePriceMatch.Allocation<String>> a = SinglePriceMatch.allocate(70_000, List.of(
        limit("below", Side.BUY, 69_900, 5), limit("at", Side.BUY, 70_000, 3), limit("sell", Side.SELL, 69_000, 4),
        market("mkt", Side.BUY, 2)), Long.MAX_VALUE);
    assertEquals(List.of(new SinglePriceMatch.Allocation<>("mkt", 2L), new SinglePriceMatch.Allocation<>("sell", 4L),
        new SinglePriceMatch.Allocation<>("at", 3L)), a);
  }

  @Test
  void scarceVolumeGoesByPricePriorityThenTime() {
    List<SinglePriceMatch.Allocation<String>> a = SinglePriceMatch.allocate(70_000, List.of(
        limit("at-first", Side.BUY, 70_000, 5), limit("through", Side.BUY, 71_000, 5),
        limit("at-second", Side.BUY, 70_000, 5), market("mkt", Side.BUY, 5)), 12);
    assertEquals(List.of(new SinglePriceMatch.Allocation<>("mkt", 5L),
        new SinglePriceMatch.Allocation<>("through", 5L), new SinglePriceMatch.Allocation<>("at-first", 2L)), a);
  }
}
