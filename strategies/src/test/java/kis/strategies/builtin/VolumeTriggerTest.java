package kis.strategies.builtin;

import static kis.strategies.Harness.bar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.util.List;
import kis.journal.OrderType;
import kis.journal.Side;
import kis.strategies.Harness;
import kis.strategies.Intent;
import org.junit.jupiter.api.Test;

class VolumeTriggerTest {
  private static final String S = "005930";

  private static Harness harness(String extra) {
    return new Harness(VolumeTrigger.fromConfig(ConfigFactory.parseString(
        "symbol = \"005930\", quantity = 10, lookback-bars = 5, volume-ratio = 3, min-price-change = 0.005,"
            + " hold-bars = 3, take-profit = 0.02, stop-loss = 0.01\n" + extra)));
  }

  /** Five quiet bars at 10,000 with volume 1,000: the baseline. */
  private static void quiet(Harness h) {
    for (int i = 0; i < 5; i++) {
      assertEquals(List.of(), h.send(bar(S, i, 10_000, 1_000)));
    }
  }

  private static Intent.Place only(List<Intent> intents) {
    assertEquals(1, intents.size(), intents.toString());
    return (Intent.Place) intents.get(0);
  }

  @Test
  void buysWhenVolumeSpikesAndPriceConfirms() {
    Harness h = harness("");
    quiet(h);
    Intent.Place buy = only(h.send(bar(S, 5, 10_000, 10_100, 10_000, 10_100, 3_000)));
    assertEquals(Side.BUY, buy.spec().side());
    assertEquals(OrderType.MARKET, buy.spec().type());
    assertEquals(10, buy.spec().quantity());
  }

  @Test
  void ignoresASpikeWhenPriceFalls() {
    Harness h = harness("");
    quiet(h);
    assertEquals(List.of(), h.send(bar(S, 5, 10_100, 10_100, 9_900, 9_950, 5_000)));
  }

  @Test
  void ignoresAPriceMoveBelowTheConfirmationThreshold() {
    Harness h = harness("");
    quiet(h);
    assertEquals(List.of(), h.send(bar(S, 5, 10_000, 10_040, 10_000, 10_040, 5_000)));
  }

  @Test
  void ignoresARisingBarWithoutEnoughVolume() {
    Harness h = harness("");
    quiet(h);
    assertEquals(List.of(), h.send(bar(S, 5, 10_000, 10_200, 10_000, 10_200, 2_900)));
  }

  @Test
  void waitsForAFullVolumeBaseline() {
    Harness h = harness("");
    for (int i = 0; i < 4; i++) {
      h.send(bar(S, i, 10_000, 1_000));
    }
    assertEquals(List.of(), h.send(bar(S, 4, 10_000, 10_200, 10_000, 10_200, 9_000)));
  }

  @Test
  void requiresTurnoverOfTheFloatWhenConfigured() {
    Harness small = harness("float-shares = 1000000, min-float-turnover = 0.01");
    quiet(small);
    assertEquals(List.of(), small.send(bar(S, 5, 10_000, 10_100, 10_000, 10_100, 9_000)));
    Harness enough = harness("float-shares = 1000000, min-float-turnover = 0.001");
    quiet(enough);
    assertEquals(1, enough.send(bar(S, 5, 10_000, 10_100, 10_000, 10_100, 9_000)).size());
  }

  @Test
  void sendsNothingMoreWhileItsOrderIsWorking() {
    Harness h = harness("");
    quiet(h);
    h.accept(h.send(bar(S, 5, 10_000, 10_100, 10_000, 10_100, 3_000)));
    assertEquals(List.of(), h.send(bar(S, 6, 10_100, 10_300, 10_100, 10_300, 9_000)));
  }

  @Test
  void takesProfitAboveTheTarget() {
    Harness h = harness("");
    quiet(h);
    h.fill(h.send(bar(S, 5, 10_000, 10_100, 10_000, 10_100, 3_000)), 10_100);
    assertEquals(List.of(), h.send(bar(S, 6, 10_200, 1_000)));
    Intent.Place sell = only(h.send(bar(S, 7, 10_310, 1_000)));
    assertEquals(Side.SELL, sell.spec().side());
    assertEquals(10, sell.spec().quantity());
    assertTrue(sell.reason().startsWith("take profit"), sell.reason());
  }

  @Test
  void stopsOutBelowTheLimit() {
    Harness h = harness("");
    quiet(h);
    h.fill(h.send(bar(S, 5, 10_000, 10_100, 10_000, 10_100, 3_000)), 10_100);
    Intent.Place sell = only(h.send(bar(S, 6, 9_990, 1_000)));
    assertTrue(sell.reason().startsWith("stop loss"), sell.reason());
  }

  @Test
  void exitsAfterTheHoldingPeriod() {
    Harness h = harness("");
    quiet(h);
    h.fill(h.send(bar(S, 5, 10_000, 10_100, 10_000, 10_100, 3_000)), 10_100);
    assertEquals(List.of(), h.send(bar(S, 6, 10_100, 1_000)));
    assertEquals(List.of(), h.send(bar(S, 7, 10_100, 1_000)));
    Intent.Place sell = only(h.send(bar(S, 8, 10_100, 1_000)));
    assertEquals("held 3 bars", sell.reason());
  }

  @Test
  void limitStyleBuysAtTheCloseOnTheGrid() {
    Harness h = harness("order-type = limit");
    quiet(h);
    Intent.Place buy = only(h.send(bar(S, 5, 10_000, 10_100, 10_000, 10_100, 3_000)));
    assertEquals(OrderType.LIMIT, buy.spec().type());
    assertEquals(10_100, buy.spec().price());
  }

  @Test
  void tradesOnBarsTheHostBuildsFromTradesWhateverTheDeprecatedSwitchSays() {
    for (String legacy : List.of("", "bars-from-trades = true", "bars-from-trades = false")) {
      buildsItsBarsFromTrades(new Harness(kis.strategies.BarsFromTrades.around(harness(legacy).strategy)));
    }
  }

  private static void buildsItsBarsFromTrades(Harness h) {
    java.time.Instant t0 = bar(S, 0, 1, 1).start();
    for (int m = 0; m < 6; m++) {
      long qty = m == 5 ? 3_000 : 1_000;
      long close = m == 5 ? 10_100 : 10_000;
      assertEquals(List.of(), h.send(new kis.strategies.event.Trade(kis.journal.Symbol.of(S),
          t0.plusSeconds(60L * m), 10_000, qty - 1, 0)));
      assertEquals(List.of(), h.send(new kis.strategies.event.Trade(kis.journal.Symbol.of(S),
          t0.plusSeconds(60L * m + 30), close, 1, 0)));
    }
    // The first trade of minute 7 completes minute 6's spike bar.
    Intent.Place buy = only(h.send(new kis.strategies.event.Trade(kis.journal.Symbol.of(S), t0.plusSeconds(360),
        10_100, 1, 0)));
    assertEquals(Side.BUY, buy.spec().side());
  }

  @Test
  void ignoresOtherSymbols() {
    Harness h = harness("");
    quiet(h);
    assertEquals(List.of(), h.send(bar("000660", 5, 10_000, 10_100, 10_000, 10_100, 30_000)));
  }
}
