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
