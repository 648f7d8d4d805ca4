package kis.engine.backtest;

import static kis.engine.backtest.Scripted.S;
import static kis.engine.backtest.Scripted.bar;
import static kis.engine.backtest.Scripted.isBar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import kis.journal.CostModel;
import kis.journal.Side;
import kis.strategies.Intent;
import kis.strategies.registry.StrategyRegistry;
import kis.strategies.event.Bar;
import kis.strategies.event.InvestorFlow;
import kis.strategies.event.OrderUpdate;
import kis.strategies.event.SessionClosed;
import kis.strategies.event.SessionOpened;
import kis.strategies.event.StrategyEvent;
import kis.strategies.event.TimerFired;
import org.junit.jupiter.api.Test;

class BacktestRunnerTest {
  private static final BacktestConfig CFG = BacktestConfig.defaults().withCash(10_000_000);

  private static String describe(StrategyEvent e) {
    String t = e.time().atZone(kis.strategies.StrategyContext.KST).toLocalDateTime().toString();
    if (e instanceof OrderUpdate u) {
      return u.event().getClass().getSimpleName() + "@" + t;
    }
    return e.getClass().getSimpleName() + "@" + t;
  }

  @Test
  void deliversSessionsTimersAndDataInClockOrder() {
    Scripted s = new Scripted((e, c) -> e instanceof SessionOpened o && o.tradingDate().equals(Scripted.D1)
        ? List.of(new Intent.SetTimer("ten", CsvMarketData.kst(Scripted.D1.atTime(LocalTime.of(10, 0)))),
            new Intent.SetTimer("cancelled", CsvMarketData.kst(Scripted.D1.atTime(LocalTime.of(10, 5)))),
            new Intent.CancelTimer("cancelled"))
        : List.of());
    Bar dailyClose = new Bar(S, CsvMarketData.kst(Scripted.D1.atTime(LocalTime.of(15, 30))), Bar.MINUTE, 10_000,
        10_000, 10_000, 10_000, 10);
    InvestorFlow flow = new InvestorFlow(S, CsvMarketData.kst(Scripted.D1.atTime(LocalTime.of(18, 0))), Scripted.D1,
        5, 0, -5);
    BacktestRunner.run(s, "order", MarketData.of(List.of(bar(0, 0, 10_000, 10_000, 10_000, 10_000, 10),
        bar(0, 89, 10_000, 10_000, 10_000, 10_000, 10), dailyClose, flow,
        bar(1, 0, 10_000, 10_000, 10_000, 10_000, 10))), CFG, ProgressListener.NONE);
    assertEquals(List.of(
        "SessionOpened@2026-03-02T09:00", "Bar@2026-03-02T09:01", "TimerFired@2026-03-02T10:00",
        "Bar@2026-03-02T10:30", "Bar@2026-03-02T15:30", "SessionClosed@2026-03-02T15:30",
        "InvestorFlow@2026-03-02T18:00", "SessionOpened@2026-03-03T09:00", "Bar@2026-03-03T09:01",
        "SessionClosed@2026-03-03T15:30"), s.seen.stream().map(BacktestRunnerTest::describe).toList());
  }

  @Test
  void contextClockFollowsTheData() {
    Scripted s = new Scripted((e, c) -> List.of());
    BacktestRunner.run(s, "clock", MarketData.of(List.of(bar(0, 0, 10_000, 10_000, 10_000, 10_000, 10))), CFG,
        ProgressListener.NONE);
    for (int i = 0; i < s.seen.size(); i++) {
      assertEquals(s.seen.get(i).time(), s.contexts.get(i).now());
    }
  }

  @Test
  void aRoundTripCountsItsProfitAfterFeesAndTax() {
    Scripted s = new Scripted((e, c) -> isBar(e, 0) ? List.of(Intent.buyMarket(S, 10, "in"))
        : isBar(e, 2) ? List.of(Intent.sellMarket(S, 10, "out")) : List.of());
    BacktestResult r = BacktestRunner.run(s, "trip", MarketData.of(List.of(
        bar(0, 0, 10_000, 10_000, 10_000, 10_000, 1_000), bar(0, 1, 10_000, 10_000, 10_000, 10_000, 1_000),
        bar(0, 2, 11_000, 11_000, 11_000, 11_000, 1_000), bar(0, 3, 11_000, 11_000, 11_000, 11_000, 1_000))),
        CFG, ProgressListener.NONE);
    long costs = CostModel.KIS_2026.fee(100_000) + CostModel.KIS_2026.fee(110_000)
        + CostModel.KIS_2026.tax(Side.SELL, 110_000);
    assertEquals(1, r.roundTrips().size());
    assertEquals(10_000 - costs, r.roundTrips().get(0).netPnl());
    Summary sum = r.summary();
    assertEquals(1, sum.trades());
    assertEquals(1.0, sum.winRate());
    assertEquals(2, sum.fills());
    assertEquals(10_000_000 + 10_000 - costs, sum.finalEquity());
    assertEquals(10_000 - costs, sum.netRealizedPnl());
    assertEquals((double) (10_000 - costs) / 10_000_000, sum.totalReturn(), 1e-12);
    long peak = 10_000_000 - CostModel.KIS_2026.fee(100_000) + 10_000; // marked at 11,000 before the sell
    assertEquals((double) (peak - sum.finalEquity()) / peak, sum.maxDrawdown(), 1e-12);
  }

  @Test
  void drawdownIsTheLargestFallFromAPeak() {
    Scripted s = new Scripted((e, c) -> isBar(e, 0) ? List.of(Intent.buyMarket(S, 100, "in")) : List.of());
    BacktestResult r = BacktestRunner.run(s, "dd", MarketData.of(List.of(
        bar(0, 0, 10_000, 10_000, 10_000, 10_000, 1_000), bar(0, 1, 10_000, 10_000, 10_000, 10_000, 1_000),
        bar(0, 2, 12_000, 12_000, 12_000, 12_000, 1_000), bar(0, 3, 9_000, 9_000, 9_000, 9_000, 1_000))),
        CFG.withCosts(CostModel.FREE), ProgressListener.NONE);
    double peak = 10_000_000 + 100 * 2_000;
    assertEquals((peak - (10_000_000 - 100 * 1_000)) / peak, r.summary().maxDrawdown(), 1e-12);
  }

  @Test
  void sameDataAndStrategyGiveTheSameJournal() {
    MarketData md = SyntheticMarket.generate(SyntheticMarket.Spec.samsung(7, 5));
    String a = run(md).finalState().stateHash();
    String b = run(md).finalState().stateHash();
    assertEquals(a, b);
    assertNotEquals(a, run(SyntheticMarket.generate(SyntheticMarket.Spec.samsung(8, 5))).finalState().stateHash());
  }

  private static BacktestResult run(MarketData md) {
    return BacktestRunner.run(StrategyRegistry.create("pair-spread", ConfigFactory.parseString(
        "notional = 5000000, window = 30")), "pair-spread", md, BacktestConfig.defaults(), ProgressListener.NONE);
  }

  @Test
  void everyBuiltInTradesOnTheSyntheticMarketWithinItsInvariants() {
    MarketData md = SyntheticMarket.generate(SyntheticMarket.Spec.samsung(42, 20));
    for (String cfg : List.of(
        "type = volume-trigger, params { symbol = \"005930\", quantity = 100 }",
        "type = volatility-band, params { symbol = \"005930\", quantity = 100, order-type = limit }",
        "type = foreign-follower, params { symbol = \"005930\", quantity = 100, lookback-days = 1, entry-net-buy = 20000 }",
        "type = pair-spread, params { notional = 10000000 }")) {
      BacktestResult r = BacktestRunner.run(StrategyRegistry.create(ConfigFactory.parseString(cfg)), cfg, md,
          BacktestConfig.defaults(), ProgressListener.NONE);
      assertTrue(r.summary().fills() > 0, cfg);
      assertEquals(List.of(), r.finalState().invariantViolations(), cfg);
      assertEquals(0, r.finalState().anomalyCount(), cfg);
      assertEquals(20, r.daily().size(), cfg);
    }
  }

  @Test
  void reportsProgressUpToTheTotal() {
    MarketData md = SyntheticMarket.generate(SyntheticMarket.Spec.samsung(1, 2));
    List<long[]> calls = new ArrayList<>();
    BacktestRunner.run(new Scripted((e, c) -> List.of()), "p", md, CFG, (done, total) -> calls.add(new long[] {done, total}));
    long total = md.only(java.util.Set.of(S)).size();
    assertTrue(calls.size() > 10);
    assertEquals(total, calls.get(calls.size() - 1)[0]);
    assertEquals(total, calls.get(0)[1]);
  }

  @Test
  void aStrategyThatAnswersNullStopsTheRun() {
    Scripted s = new Scripted((e, c) -> null);
    assertThrows(IllegalStateException.class, () -> BacktestRunner.run(s, "null", MarketData.of(List.of(
        bar(0, 0, 10_000, 10_000, 10_000, 10_000, 10))), CFG, ProgressListener.NONE));
  }

  @Test
  void sessionClosedIsDeliveredEvenWhenTheDayEndsWithoutData() {
    Scripted s = new Scripted((e, c) -> List.of());
    BacktestRunner.run(s, "end", MarketData.of(List.of(bar(0, 0, 10_000, 10_000, 10_000, 10_000, 10))), CFG,
        ProgressListener.NONE);
    assertTrue(s.seen.get(s.seen.size() - 1) instanceof SessionClosed);
    assertTrue(s.seen.stream().noneMatch(TimerFired.class::isInstance));
  }

  /** {@code s} declaring that it consumes bars, as a {@code BaseStrategy} with {@code onBar} does. */
  private static kis.strategies.Strategy consumingBars(Scripted s) {
    return new kis.strategies.Strategy() {
      @Override
      public java.util.Set<kis.journal.Symbol> symbols() {
        return s.symbols();
      }

      @Override
      public List<Intent> onEvent(StrategyEvent event, kis.strategies.StrategyContext ctx) {
        return s.onEvent(event, ctx);
      }

      @Override
      public boolean consumesBars() {
        return true;
      }
    };
  }

  private static kis.strategies.event.Trade print(int minute, int second, long price, long qty) {
    return new kis.strategies.event.Trade(S, CsvMarketData.kst(Scripted.D1.atTime(LocalTime.of(9, minute, second))),
        price, qty, 0);
  }

  @Test
  void aBarStrategyOverTradePrintsGetsOneMinuteBarsBuiltFromThemAsTheLiveHostDoes() {
    Scripted s = new Scripted((e, c) -> List.of());
    BacktestRunner.run(consumingBars(s), "prints", MarketData.of(List.of(print(0, 10, 10_000, 5),
        print(0, 40, 10_100, 3), print(1, 5, 10_050, 1))), CFG, ProgressListener.NONE);
    List<StrategyEvent> market = s.seen.stream().filter(e -> !(e instanceof SessionOpened)
        && !(e instanceof SessionClosed)).toList();
    assertEquals(4, market.size(), market.toString());
    assertEquals(new Bar(S, CsvMarketData.kst(Scripted.D1.atTime(LocalTime.of(9, 1))), Bar.MINUTE, 10_000, 10_100,
        10_000, 10_100, 8), market.get(3), "the 09:00 bar, right after the print that ended it");
  }

  @Test
  void aSymbolWithMinuteBarsInTheDataGetsNoBarsBuiltFromItsPrints() {
    Scripted s = new Scripted((e, c) -> List.of());
    BacktestRunner.run(consumingBars(s), "both", MarketData.of(List.of(print(0, 10, 10_000, 5),
        bar(0, 0, 10_000, 10_000, 10_000, 10_000, 5), print(1, 5, 10_050, 1), print(2, 5, 10_050, 1))), CFG,
        ProgressListener.NONE);
    assertEquals(1, s.seen.stream().filter(Bar.class::isInstance).count(), "only the data's bar: " + s.seen);
  }
}
