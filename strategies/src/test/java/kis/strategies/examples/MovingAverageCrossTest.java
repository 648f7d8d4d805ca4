package kis.strategies.examples;

import static kis.strategies.Harness.bar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.ConfigFactory;
import java.util.List;
import kis.journal.Side;
import kis.strategies.Harness;
import kis.strategies.Intent;
import kis.strategies.StrategyConfigException;
import kis.strategies.registry.StrategyRegistry;
import org.junit.jupiter.api.Test;

class MovingAverageCrossTest {
  private static final String S = "005930";

  private static Harness harness() {
    return new Harness(StrategyRegistry.create(ConfigFactory.parseString(
        "type = kis.strategies.examples.MovingAverageCross, params { symbol = \"005930\", quantity = 3, fast = 2, slow = 4 }")));
  }

  @Test
  void buysOnTheUpwardCrossAndSellsOnTheDownwardCross() {
    Harness h = harness();
    long[] falling = {10_400, 10_300, 10_200, 10_100};
    for (int i = 0; i < falling.length; i++) {
      assertEquals(List.of(), h.send(bar(S, i, falling[i], 1_000)));
    }
    assertEquals(List.of(), h.send(bar(S, 4, 10_150, 1_000))); // fast 10,125 < slow 10,187
    List<Intent> buy = h.send(bar(S, 5, 10_500, 1_000)); // fast 10,325 > slow 10,237
    assertEquals(Side.BUY, ((Intent.Place) buy.get(0)).spec().side());
    h.fill(buy, 10_500);
    assertEquals(List.of(), h.send(bar(S, 6, 10_600, 1_000)));
    List<Intent> sell = h.send(bar(S, 7, 9_500, 1_000));
    assertEquals(Side.SELL, ((Intent.Place) sell.get(0)).spec().side());
    assertEquals(3, ((Intent.Place) sell.get(0)).spec().quantity());
  }

  @Test
  void fastMustBeShorterThanSlow() {
    assertThrows(StrategyConfigException.class, () -> MovingAverageCross.fromConfig(ConfigFactory.parseString(
        "symbol = \"005930\", quantity = 1, fast = 10, slow = 5")));
  }
}
