package kis.strategies.builtin;

import static kis.strategies.Harness.bar;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import java.util.List;
import kis.journal.Side;
import kis.strategies.Harness;
import kis.strategies.Intent;
import org.junit.jupiter.api.Test;

class VolatilityBandTest {
  private static final String S = "005930";

  private static Harness harness(String mode) {
    return new Harness(VolatilityBand.fromConfig(ConfigFactory.parseString(
        "symbol = \"005930\", quantity = 5, window = 10, k = 2, mode = " + mode)));
  }

  /** Ten bars alternating 10,000 / 10,100: mean 10,050, sample sd about 52.7, band about 9,945..10,155. */
  private static int warm(Harness h) {
    for (int i = 0; i < 10; i++) {
      assertEquals(List.of(), h.send(bar(S, i, i % 2 == 0 ? 10_000 : 10_100, 1_000)));
    }
    return 10;
  }

  private static Intent.Place only(List<Intent> intents) {
    assertEquals(1, intents.size(), intents.toString());
    return (Intent.Place) intents.get(0);
  }

  @Test
  void meanReversionBuysBelowTheLowerBandAndSellsBackAtTheMean() {
    Harness h = harness("mean-reversion");
    int i = warm(h);
    Intent.Place buy = only(h.send(bar(S, i++, 9_900, 1_000)));
    assertEquals(Side.BUY, buy.spec().side());
    h.fill(List.of(buy), 9_900);
    assertEquals(List.of(), h.send(bar(S, i++, 9_950, 1_000)));
    Intent.Place sell = only(h.send(bar(S, i, 10_100, 1_000)));
    assertEquals(Side.SELL, sell.spec().side());
    assertEquals(5, sell.spec().quantity());
  }

  @Test
  void meanReversionDoesNothingInsideTheBand() {
    Harness h = harness("mean-reversion");
    int i = warm(h);
    assertEquals(List.of(), h.send(bar(S, i++, 9_950, 1_000)));
    assertEquals(List.of(), h.send(bar(S, i, 10_150, 1_000)));
  }

  @Test
  void meanReversionDoesNotChaseABreakoutUpwards() {
    Harness h = harness("mean-reversion");
    int i = warm(h);
    assertEquals(List.of(), h.send(bar(S, i, 10_400, 1_000)));
  }

  @Test
  void breakoutBuysAboveTheUpperBandAndSellsBelowTheMean() {
    Harness h = harness("breakout");
    int i = warm(h);
    assertEquals(List.of(), h.send(bar(S, i++, 9_900, 1_000)));
    Intent.Place buy = only(h.send(bar(S, i++, 10_300, 1_000)));
    assertEquals(Side.BUY, buy.spec().side());
    h.fill(List.of(buy), 10_300);
    assertEquals(List.of(), h.send(bar(S, i++, 10_400, 1_000)));
    Intent.Place sell = only(h.send(bar(S, i, 9_800, 1_000)));
    assertEquals(Side.SELL, sell.spec().side());
  }

  @Test
  void judgesABarAgainstTheBandBeforeIt() {
    // Nine bars are not a band yet: the tenth bar, however extreme, only completes the window.
    Harness h = harness("mean-reversion");
    for (int i = 0; i < 9; i++) {
      h.send(bar(S, i, 10_000 + (i % 2) * 100, 1_000));
    }
    assertEquals(List.of(), h.send(bar(S, 9, 5_000, 1_000)));
  }

  @Test
  void stopLossSellsBeforeTheMeanIsReached() {
    Harness h = new Harness(VolatilityBand.fromConfig(ConfigFactory.parseString(
        "symbol = \"005930\", quantity = 5, window = 10, k = 2, stop-loss = 0.02")));
    int i = warm(h);
    h.fill(h.send(bar(S, i++, 9_900, 1_000)), 9_900);
    Intent.Place sell = only(h.send(bar(S, i, 9_700, 1_000)));
    assertEquals("stop loss at 9700", sell.reason());
  }

  @Test
  void itDeclaresItConsumesBarsAndCountsItsWarmUpInBarsUpToTheWindow() {
    Harness h = harness("mean-reversion");
    org.junit.jupiter.api.Assertions.assertTrue(h.strategy.consumesBars());
    assertEquals(kis.strategies.WarmUp.bars(0, 10), h.strategy.warmUp());
    h.send(bar(S, 0, 10_000, 1_000));
    h.send(bar(S, 1, 10_000, 1_000));
    assertEquals(kis.strategies.WarmUp.bars(2, 10), h.strategy.warmUp());
    assertEquals(false, h.strategy.warmUp().done());
    for (int i = 2; i < 12; i++) {
      h.send(bar(S, i, i % 2 == 0 ? 10_000 : 10_100, 1_000));
    }
    assertEquals(kis.strategies.WarmUp.bars(10, 10), h.strategy.warmUp());
    assertEquals(true, h.strategy.warmUp().done());
  }
}
