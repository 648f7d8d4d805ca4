package kis.engine.backtest;

import static kis.engine.backtest.Scripted.D1;
import static kis.engine.backtest.Scripted.S;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalTime;
import java.util.List;
import kis.journal.event.OrderFilled;
import kis.strategies.Intent;
import kis.strategies.event.Trade;
import org.junit.jupiter.api.Test;

/** The fill model on trade prints: the one kis-sim shares (README "Backtest vs live"). */
class PrintFillModelTest {
  private static final BacktestConfig ALL_OF_EACH_PRINT = BacktestConfig.defaults().withCash(10_000_000)
      .withParticipation(1.0);

  static Trade print(int i, long price, long qty) {
    return new Trade(S, CsvMarketData.kst(D1.atTime(LocalTime.of(9, 30).plusSeconds(i))), price, qty, 0);
  }

  /** Places {@code place} on the first print, then only watches. */
  private static List<OrderFilled> fills(BacktestConfig cfg, Intent place, Trade... prints) {
    Scripted s = new Scripted((e, c) -> e == prints[0] ? List.of(place) : List.of());
    BacktestResult r = BacktestRunner.run(s, "prints", MarketData.of(List.of(prints)), cfg, ProgressListener.NONE);
    return r.journal().stream().filter(OrderFilled.class::isInstance).map(OrderFilled.class::cast).toList();
  }

  private static List<String> described(List<OrderFilled> fills) {
    return fills.stream().map(f -> f.quantity() + "@" + f.price()).toList();
  }

  @Test
  void aPrintThroughARestingBuyFillsItAtItsLimitNotAtThePrintsPrice() {
    assertEquals(List.of("5@9950"), described(fills(ALL_OF_EACH_PRINT, Intent.buyLimit(S, 5, 9_950, "bid"),
        print(0, 10_000, 10), print(1, 9_900, 10))));
  }

  @Test
  void aPrintThroughARestingSellFillsItAtItsLimit() {
    Scripted s = new Scripted((e, c) -> e instanceof Trade t && t.time().equals(print(0, 1, 1).time())
        ? List.of(Intent.buyMarket(S, 5, "in"))
        : e instanceof Trade t && t.time().equals(print(1, 1, 1).time())
            ? List.of(Intent.sellLimit(S, 5, 10_100, "out")) : List.of());
    BacktestResult r = BacktestRunner.run(s, "prints", MarketData.of(List.of(print(0, 10_000, 10),
        print(1, 10_000, 10), print(2, 10_300, 10))), ALL_OF_EACH_PRINT, ProgressListener.NONE);
    List<OrderFilled> f = r.journal().stream().filter(OrderFilled.class::isInstance).map(OrderFilled.class::cast)
        .toList();
    assertEquals(List.of("5@10000", "5@10100"), described(f));
  }

  @Test
  void aPrintAtTheLimitFillsARestingOrderOnlyWhenTouchFillsAreOn() {
    Trade[] path = {print(0, 10_000, 10), print(1, 9_950, 10), print(2, 10_000, 10)};
    assertEquals(List.of(), fills(ALL_OF_EACH_PRINT, Intent.buyLimit(S, 5, 9_950, "bid"), path));
    assertEquals(List.of("5@9950"), described(fills(ALL_OF_EACH_PRINT.withFillsAtTouch(true),
        Intent.buyLimit(S, 5, 9_950, "bid"), path)));
  }

  @Test
  void aLimitThatCrossedTheLastPrintOnArrivalTakesTheNextPrintAtThatPrintsPrice() {
    assertEquals(List.of("5@10050"), described(fills(ALL_OF_EACH_PRINT, Intent.buyLimit(S, 5, 10_100, "take"),
        print(0, 10_000, 10), print(1, 10_050, 10))));
  }

  @Test
  void aRestingOrderBiggerThanAPrintFillsByThePrintsQuantityAndTheRestWaits() {
    assertEquals(List.of("4@9950", "6@9950"), described(fills(ALL_OF_EACH_PRINT.withFillsAtTouch(true),
        Intent.buyLimit(S, 10, 9_950, "bid"), print(0, 10_000, 10), print(1, 9_900, 4), print(2, 10_000, 50),
        print(3, 9_950, 50))));
  }

  @Test
  void participationCapsWhatAPrintFills() {
    assertEquals(List.of("2@9950", "2@9950"), described(fills(ALL_OF_EACH_PRINT.withParticipation(0.5),
        Intent.buyLimit(S, 4, 9_950, "bid"), print(0, 10_000, 10), print(1, 9_900, 4), print(2, 9_900, 5))));
  }
}
