package kis.engine.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kis.strategies.registry.StrategyRegistry;
import org.junit.jupiter.api.Test;

class ReportPageTest {
  private static final MarketData MD = SyntheticMarket.generate(SyntheticMarket.Spec.samsung(11, 4));
  private static final BacktestResult RUN = BacktestRunner.run(StrategyRegistry.create("pair-spread",
      ConfigFactory.parseString("notional = 5000000, window = 30, entry-z = 1.5")), "pair-spread", MD,
      BacktestConfig.defaults(), ProgressListener.NONE);
  private static final String HTML = ReportPage.html(RUN, MD);

  @Test
  void thePageCarriesTheChartLibraryInlineAndFetchesNothing() {
    String lib = ChartLibrary.script();
    assertTrue(lib.length() > 500_000, "the whole minified bundle, not a loader: " + lib.length());
    assertTrue(HTML.contains(lib));
    String own = HTML.replace(lib, "");
    assertFalse(Pattern.compile("https?://", Pattern.CASE_INSENSITIVE).matcher(own).find(),
        "outside the library the page names no URL");
    assertFalse(Pattern.compile("<script[^>]*\\bsrc\\s*=|<link\\b|<img\\b|<iframe\\b|@import|url\\(",
        Pattern.CASE_INSENSITIVE).matcher(own).find(), "no external script, stylesheet, image or frame");
    assertEquals(3, count(own, "<script"), "the library, the data block and the page's own script");
  }

  @Test
  void everyFillIsATradeRowAndAMarkerOnItsSymbolsCandles() {
    String tradeTable = HTML.substring(HTML.indexOf("id=\"trades\""), HTML.indexOf("id=\"round-trips\""));
    assertEquals(RUN.fills().size(), count(tradeTable, "<tr><td class=\"l\">"));
    List<ReportSeries.PriceChart> charts = ReportSeries.prices(RUN, MD);
    assertEquals(MD.symbols().size(), charts.size());
    assertEquals(RUN.fills().size(), charts.stream().mapToInt(c -> c.markers().size()).sum());
    for (ReportSeries.PriceChart c : charts) {
      assertTrue(c.candles().size() <= ReportSeries.MAX_CANDLES);
      for (ReportSeries.Marker m : c.markers()) {
        ReportSeries.Candle at = c.candles().get(m.index());
        // a fill is at a price the market printed around it (the candle or the one before, for a
        // fill on a bar's closing instant)
        ReportSeries.Candle before = c.candles().get(Math.max(0, m.index() - 1));
        assertTrue(m.price() >= Math.min(at.low(), before.low()) && m.price() <= Math.max(at.high(), before.high()),
            "fill " + m + " outside candle " + at);
      }
    }
    String data = HTML.substring(HTML.indexOf("id=\"report-data\">"));
    assertTrue(data.contains("\"fills\":" + RUN.fills().size()));
    assertTrue(data.contains("\"symbol\":\"005930\""));
  }

  @Test
  void dailyBarsAreDailyCandlesLabelledWithTheirSessionsDate() {
    kis.journal.Symbol samsung = kis.journal.Symbol.of("005930");
    MarketData daily = MarketData.of(List.of(
        new kis.strategies.event.Bar(samsung, java.time.Instant.parse("2026-03-02T06:30:00Z"),
            kis.strategies.event.Bar.DAY, 70_000, 71_000, 69_000, 70_500, 1_000),
        new kis.strategies.event.Bar(samsung, java.time.Instant.parse("2026-03-03T06:30:00Z"),
            kis.strategies.event.Bar.DAY, 70_500, 70_600, 68_000, 68_100, 1_000)));
    ReportSeries.PriceChart c = ReportSeries.prices(RUN, daily).get(0);
    assertEquals(24 * 60, c.widthMinutes());
    assertEquals(List.of(new ReportSeries.Candle("2026-03-02", 70_000, 70_500, 69_000, 71_000),
        new ReportSeries.Candle("2026-03-03", 70_500, 68_100, 68_000, 70_600)), c.candles());
    assertEquals(RUN.fills().stream().filter(f -> f.event().symbol().equals(samsung)).count(), c.markers().size());
  }

  @Test
  void longHistoryIsCoarsenedToTheFinestWidthThatFitsTheChart() {
    MarketData weeks = SyntheticMarket.generate(SyntheticMarket.Spec.samsung(11, 20));
    ReportSeries.PriceChart fine = ReportSeries.prices(RUN, MD).get(0);
    ReportSeries.PriceChart c = ReportSeries.prices(RUN, weeks).get(0);
    assertEquals(1, fine.widthMinutes());
    assertTrue(fine.candles().size() > 5, "four days of minutes fit as they are");
    assertEquals(5, c.widthMinutes(), "20 days of minutes are more than 2,000 candles; 5-minute ones are not");
    assertTrue(c.candles().size() <= ReportSeries.MAX_CANDLES);
    // a 5-minute candle opens at its first minute's open and closes at its last minute's close
    List<ReportSeries.Candle> minutes = ReportSeries.prices(RUN, MarketData.of(weeks.events().stream()
        .filter(e -> e.time().isBefore(weeks.start().plus(java.time.Duration.ofHours(2)))).toList())).get(0).candles();
    ReportSeries.Candle first = c.candles().get(0);
    List<ReportSeries.Candle> five = minutes.stream().filter(m -> m.label().compareTo(first.label()) >= 0)
        .limit(5).toList();
    assertTrue(five.get(4).label().compareTo(first.label().substring(0, 14) + "05") < 0, five.toString());
    assertEquals(five.get(0).open(), first.open());
    assertEquals(five.get(4).close(), first.close());
    assertEquals(five.stream().mapToLong(ReportSeries.Candle::high).max().getAsLong(), first.high());
    assertEquals(five.stream().mapToLong(ReportSeries.Candle::low).min().getAsLong(), first.low());
  }

  @Test
  void statisticsAreOnThePageWithRisesRedAndFallsBlue() {
    BacktestStats s = BacktestStats.of(RUN);
    assertTrue(HTML.contains("data-stat=\"sharpe\"><th>Sharpe (daily, annualised)</th><td>"
        + HtmlText.ratio(s.sharpe()) + "</td>"));
    for (String key : List.of("total-return", "annual-return", "sortino", "max-drawdown", "longest-drawdown",
        "win-rate", "profit-factor", "exposure", "turnover", "fees", "taxes", "buy-and-hold-return")) {
      assertTrue(HTML.contains("data-stat=\"" + key + "\""), key);
    }
    String cls = s.totalReturn() > 0 ? "up" : "down";
    assertTrue(HTML.contains("data-stat=\"total-return\"><th>Total return</th><td class=\"" + cls + "\">"));
    assertTrue(HTML.contains(".up,.buy{color:#d7263d}.down,.sell{color:#1f5fd1}"));
  }

  @Test
  void buyAndHoldStartsAtTheInitialCashLessTheRoundingOfWholeShares() {
    List<ReportSeries.Point> bnh = ReportSeries.buyAndHold(RUN, MD);
    assertEquals(ReportSeries.equity(RUN).size(), bnh.size());
    // whole shares at the first price, the rest as cash: at the first price it is worth the initial cash
    assertTrue(Math.abs(bnh.get(0).value() - RUN.config().initialCash()) < 0.05 * RUN.config().initialCash());
  }

  @Test
  void writingTheReportLeavesTheResultAsItWas() {
    BacktestResult again = BacktestRunner.run(StrategyRegistry.create("pair-spread",
        ConfigFactory.parseString("notional = 5000000, window = 30, entry-z = 1.5")), "pair-spread", MD,
        BacktestConfig.defaults(), ProgressListener.NONE);
    assertEquals(RUN.summary(), again.summary());
    assertEquals(RUN.fills(), again.fills());
  }

  @Test
  void textFromTheRunCannotCloseTheScriptOrInjectMarkup() {
    assertEquals("\"\\u003c/script\\u003e \\\"x\\\"\"", HtmlText.jsonString("</script> \"x\""));
    assertEquals("&lt;b&gt;&amp;&quot;", HtmlText.esc("<b>&\""));
    assertEquals("null", HtmlText.jsonNumber(Double.NaN));
  }

  private static int count(String s, String what) {
    Matcher m = Pattern.compile(Pattern.quote(what)).matcher(s);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
