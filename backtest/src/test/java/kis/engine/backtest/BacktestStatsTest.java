package kis.engine.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import kis.journal.Symbol;
import kis.strategies.registry.StrategyRegistry;
import org.junit.jupiter.api.Test;

/** Every figure checked against numbers worked out by hand (in the comments). */
class BacktestStatsTest {
  private static final Symbol SAMSUNG = Symbol.of("005930");
  private static final Instant D1 = Instant.parse("2026-03-02T06:30:00Z"); // 15:30 KST

  private static Instant day(int n) {
    return D1.plus(Duration.ofDays(n - 1));
  }

  private static BacktestResult.DailyEquity close(int n, long equity) {
    return new BacktestResult.DailyEquity(LocalDate.of(2026, 3, 1 + n), equity);
  }

  // Initial 1,000,000; closes 1,100,000 (+10 %), 990,000 (-10 %), 1,089,000 (+10 %); sampled
  // equity adds the start (1,000,000) and a final 1,120,000.
  private static final List<BacktestResult.DailyEquity> DAILY =
      List.of(close(1, 1_100_000), close(2, 990_000), close(3, 1_089_000));
  private static final List<BacktestResult.EquityPoint> EQUITY = List.of(
      new BacktestResult.EquityPoint(D1.minus(Duration.ofHours(6)), 1_000_000),
      new BacktestResult.EquityPoint(day(1), 1_100_000), new BacktestResult.EquityPoint(day(2), 990_000),
      new BacktestResult.EquityPoint(day(3), 1_089_000), new BacktestResult.EquityPoint(day(4), 1_120_000));
  // Bought 500,000 of stock at day 1 (held 10), sold it for 540,000 at day 3 (flat).
  private static final List<BacktestStats.Execution> FILLS = List.of(
      new BacktestStats.Execution(day(1), SAMSUNG, 500_000, 70, 0, 10),
      new BacktestStats.Execution(day(3), SAMSUNG, 540_000, 76, 1_080, 0));
  private static final List<BacktestResult.RoundTrip> TRIPS = List.of(
      new BacktestResult.RoundTrip(SAMSUNG, day(1), day(2), 300),
      new BacktestResult.RoundTrip(SAMSUNG, day(2), day(3), -100),
      new BacktestResult.RoundTrip(SAMSUNG, day(3), day(4), 200));

  private static final BacktestStats S = BacktestStats.of(1_000_000, 1_089_000, EQUITY, DAILY, TRIPS, FILLS);

  @Test
  void returnsAndRiskRatiosMatchTheHandWorkedFigures() {
    assertEquals(0.089, S.totalReturn(), 1e-12);
    assertEquals(3, S.tradingDays());
    // returns +0.1, -0.1, +0.1: mean 0.0333..., sample sd sqrt(0.0266.../2) = 0.11547;
    // 0.0333/0.11547 * sqrt(252) = 4.582576
    assertEquals(4.582576, S.sharpe(), 1e-6);
    // downside deviation sqrt(0.01/3) = 0.057735; 0.0333/0.057735 * sqrt(252) = 9.165151
    assertEquals(9.165151, S.sortino(), 1e-6);
    // 1.089^(252/3) - 1 = 1.089^84 - 1
    assertEquals(Math.pow(1.089, 84) - 1, S.annualReturn(), 1e-9);
  }

  @Test
  void drawdownIsTheDeepestFallAndItsLengthRunsFromThePeakToRecovery() {
    // peak 1,100,000 at day 1, low 990,000: 10 %; back above it (1,120,000) at day 4: 3 days
    assertEquals(0.1, S.maxDrawdown(), 1e-12);
    assertEquals(Duration.ofDays(3), S.longestDrawdown());
  }

  @Test
  void anUnrecoveredDrawdownRunsToTheEnd() {
    List<BacktestResult.EquityPoint> eq = List.of(new BacktestResult.EquityPoint(day(1), 1_000_000),
        new BacktestResult.EquityPoint(day(2), 1_050_000), new BacktestResult.EquityPoint(day(6), 1_040_000));
    assertEquals(Duration.ofDays(4), BacktestStats.longestDrawdown(1_000_000, eq));
  }

  @Test
  void tradeFiguresCountWinsProfitFactorExposureTurnoverAndCosts() {
    assertEquals(3, S.roundTrips());
    assertEquals(2.0 / 3, S.winRate(), 1e-12);
    assertEquals(5.0, S.profitFactor(), 1e-12); // (300 + 200) / 100
    // held at the samples of day 1 and day 2 (a fill at a sample's time counts), flat from day 3: 2 of 5
    assertEquals(0.4, S.exposure(), 1e-12);
    assertEquals(1_040_000, S.tradedValue());
    // mean sampled equity 5,299,000 / 5 = 1,059,800
    assertEquals(1_040_000 / 1_059_800.0, S.turnover(), 1e-12);
    assertEquals(146, S.fees());
    assertEquals(1_080, S.taxes());
    assertEquals(2, S.executions());
  }

  @Test
  void summaryLinesShowTheFiguresAndADashForAnUndefinedOne() {
    assertEquals("""
          annual return +128826.41 %
          sortino       9.17
          longest dd    3.0 days
          profit factor 5.00
          exposure      40.0 %
          turnover      0.98 x (1,040,000 won traded)
        """, S.render().replace(System.lineSeparator(), "\n"));
    BacktestStats none = BacktestStats.of(1_000_000, 1_000_000, List.of(), List.of(), List.of(), List.of());
    assertTrue(none.render().contains("profit factor –"), none.render());
  }

  @Test
  void twoYearsOfTradingDaysAt21PercentIsTenPercentAYear() {
    List<BacktestResult.DailyEquity> days = new ArrayList<>();
    for (int i = 0; i < 504; i++) {
      days.add(new BacktestResult.DailyEquity(LocalDate.of(2024, 1, 1).plusDays(i), 1_000_000));
    }
    BacktestStats s = BacktestStats.of(1_000_000, 1_210_000, List.of(), days, List.of(), List.of());
    assertEquals(0.1, s.annualReturn(), 1e-12);
  }

  @Test
  void ratiosWithoutALossOrADayAreUndefinedNotZeroOrInfinite() {
    BacktestStats none = BacktestStats.of(1_000_000, 1_000_000, List.of(), List.of(), List.of(), List.of());
    assertTrue(Double.isNaN(none.annualReturn()));
    assertTrue(Double.isNaN(none.sortino()));
    assertTrue(Double.isNaN(none.profitFactor()));
    assertEquals(0, none.sharpe());
    assertEquals(0, none.exposure());
    assertEquals(Duration.ZERO, none.longestDrawdown());
    BacktestStats onlyUp = BacktestStats.of(1_000_000, 1_020_000, List.of(), List.of(close(1, 1_010_000),
        close(2, 1_020_000)), List.of(new BacktestResult.RoundTrip(SAMSUNG, day(1), day(2), 50)), List.of());
    assertTrue(Double.isNaN(onlyUp.sortino()));
    assertTrue(Double.isNaN(onlyUp.profitFactor()));
  }

  @Test
  void onARealRunSharpeDrawdownAndCostsAgreeWithTheSummary() {
    BacktestResult r = BacktestRunner.run(StrategyRegistry.create("pair-spread", ConfigFactory.parseString(
        "notional = 5000000, window = 30, entry-z = 1.5")), "pair-spread",
        SyntheticMarket.generate(SyntheticMarket.Spec.samsung(11, 4)), BacktestConfig.defaults(),
        ProgressListener.NONE);
    BacktestStats s = BacktestStats.of(r);
    assertEquals(r.summary().sharpe(), s.sharpe(), 1e-12);
    assertEquals(r.summary().maxDrawdown(), s.maxDrawdown(), 1e-12);
    assertEquals(r.summary().totalReturn(), s.totalReturn(), 1e-12);
    assertEquals(r.summary().winRate(), s.winRate(), 1e-12);
    assertEquals(r.summary().fees(), s.fees());
    assertEquals(r.summary().taxes(), s.taxes());
    assertEquals(r.summary().fills(), s.executions());
    assertTrue(s.exposure() > 0 && s.exposure() <= 1, "exposure " + s.exposure());
  }
}
