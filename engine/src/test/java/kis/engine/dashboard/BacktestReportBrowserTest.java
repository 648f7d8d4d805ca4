package kis.engine.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import kis.engine.backtest.BacktestConfig;
import kis.engine.backtest.BacktestResult;
import kis.engine.backtest.BacktestRunner;
import kis.engine.backtest.MarketData;
import kis.engine.backtest.ProgressListener;
import kis.engine.backtest.ReportWriter;
import kis.engine.backtest.Sweep;
import kis.engine.backtest.SweepReport;
import kis.engine.backtest.SyntheticMarket;
import kis.journal.Side;
import kis.strategies.registry.StrategyRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A synthetic backtest's {@code report.html} opened from a {@code file://} URL in real headless
 * Chromium: the charts are drawn (an ECharts instance on each chart element, pixels on its canvas),
 * the buy and sell markers on the price charts are exactly the run's fills, the page asked no
 * server for anything, and the trade list sorts; a sweep's page sorts and its rows open their own
 * run's report. Found, skipped and bounded like {@link DashboardBrowserTest} ({@link HeadlessChromium}); the screenshot is kept as
 * {@code engine/target/backtest-report-screenshot.png}.
 */
class BacktestReportBrowserTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path profile;
  @TempDir Path reportDir;
  private HeadlessChromium chrome;
  private WebDriver browser;

  @BeforeEach
  void start() throws Exception {
    chrome = HeadlessChromium.start(HeadlessChromium.onPathOrSkip(), profile, "backtest-report", 1400, 2400);
    browser = chrome.driver();
  }

  @AfterEach
  void stop() {
    if (chrome != null) {
      chrome.close();
    }
  }

  @Test
  void reportOpenedFromAFileDrawsItsChartsWithOneMarkerPerFillAndFetchesNothing() throws Exception {
    MarketData md = SyntheticMarket.generate(SyntheticMarket.Spec.samsung(11, 4));
    BacktestResult r = BacktestRunner.run(StrategyRegistry.create("pair-spread", ConfigFactory.parseString(
        "notional = 5000000, window = 30, entry-z = 1.5")), "pair-spread", md, BacktestConfig.defaults(),
        ProgressListener.NONE);
    assertTrue(r.fills().size() > 2, "the run trades");
    ReportWriter.write(r, md, reportDir);

    browser.get(reportDir.resolve("report.html").toUri().toString());
    JavascriptExecutor js = (JavascriptExecutor) browser;
    new WebDriverWait(browser, WAIT).until(b -> Boolean.TRUE.equals(js.executeScript("return !!window.kisReport;")));

    List<String> ids = new java.util.ArrayList<>(List.of("equity", "drawdown", "monthly"));
    for (int i = 0; i < md.symbols().size(); i++) {
      ids.add("price-" + i);
    }
    for (String id : ids) {
      assertEquals(Boolean.TRUE, js.executeScript(
          "return !!echarts.getInstanceByDom(document.getElementById(arguments[0]));", id), id);
      // the canvas holds drawn pixels, not an empty box
      long painted = ((Number) js.executeScript(
          "var c=document.querySelector('#'+arguments[0]+' canvas');var d=c.getContext('2d')"
              + ".getImageData(0,0,c.width,c.height).data;var n=0;for(var i=3;i<d.length;i+=4){if(d[i]>0)n++;}return n;",
          id)).longValue();
      assertTrue(painted > 1_000, id + " painted " + painted + " pixels");
    }

    long buys = r.fills().stream().filter(f -> f.event().side() == Side.BUY).count();
    assertEquals(buys, count(js, "buy"));
    assertEquals(r.fills().size() - buys, count(js, "sell"));
    assertEquals(r.fills().size(), browser.findElements(By.cssSelector("#trades tbody tr")).size());

    assertEquals(0L, ((Number) js.executeScript("return performance.getEntriesByType('resource').length;")).longValue(),
        "the page fetched nothing");

    File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Path target = Path.of("target", "backtest-report-screenshot.png");
    Files.createDirectories(target.getParent());
    Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    assertTrue(Files.size(target) > 10_000, "a real screenshot");

    browser.findElement(By.xpath("//table[@id='trades']//th[.='price']")).click();
    List<Long> prices = browser.findElements(By.cssSelector("#trades tbody tr td:nth-child(5)")).stream()
        .map(e -> Long.parseLong(e.getText())).toList();
    assertEquals(prices.stream().sorted().toList(), prices, "sorted by price, lowest first");
  }

  @Test
  void sweepPageSortsByAColumnAndEachRowOpensItsOwnRunsReport() {
    MarketData md = SyntheticMarket.generate(SyntheticMarket.Spec.samsung(11, 2));
    java.util.Map<String, List<String>> axes = new java.util.LinkedHashMap<>();
    axes.put("window", List.of("20", "40"));
    axes.put("entry-z", List.of("1.5", "2.5"));
    SweepReport pages = new SweepReport(reportDir, md, 4);
    List<Sweep.Point> grid = Sweep.run("pair-spread", ConfigFactory.parseString("notional = 5000000"), axes, md,
        BacktestConfig.defaults(), 2, n -> {}, pages.sink());
    Path page = pages.writePage("pair-spread", grid, Sweep.ranked(grid));

    browser.get(page.toUri().toString());
    assertEquals(4, browser.findElements(By.cssSelector("#sweep tbody tr")).size());
    // sort by round trips (column 11: two parameters, then return ... round trips), fewest first
    browser.findElement(By.xpath("//table[@id='sweep']//th[.='round trips']")).click();
    List<Integer> trips = browser.findElements(By.cssSelector("#sweep tbody tr td:nth-child(11)")).stream()
        .map(e -> Integer.parseInt(e.getText())).toList();
    assertEquals(trips.stream().sorted().toList(), trips, "fewest round trips first");

    String window = browser.findElement(By.cssSelector("#sweep tbody tr td:nth-child(1)")).getText();
    String entryZ = browser.findElement(By.cssSelector("#sweep tbody tr td:nth-child(2)")).getText();
    browser.findElement(By.cssSelector("#sweep tbody tr a")).click();
    JavascriptExecutor js = (JavascriptExecutor) browser;
    new WebDriverWait(browser, WAIT).until(b -> Boolean.TRUE.equals(js.executeScript("return !!window.kisReport;")));
    Sweep.Point opened = grid.stream().filter(p -> p.params().equals(java.util.Map.of("window", window,
        "entry-z", entryZ))).findFirst().orElseThrow();
    String executions = browser.findElement(By.cssSelector("#stats tr[data-stat=executions] td")).getText();
    assertEquals(Integer.toString(opened.summary().fills()), executions, "the report of " + opened.params());
    assertEquals((long) opened.summary().fills(), count(js, "buy") + count(js, "sell"));
  }

  private static long count(JavascriptExecutor js, String series) {
    return ((Number) js.executeScript("var name=arguments[0],n=0;document.querySelectorAll('[id^=price-]').forEach(function(el){"
        + "echarts.getInstanceByDom(el).getOption().series.forEach(function(s){if(s.name===name){"
        + "n+=s.data.length;}});});return n;", series)).longValue();
  }
}
