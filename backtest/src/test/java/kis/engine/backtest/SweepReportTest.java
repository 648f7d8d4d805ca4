package kis.engine.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepReportTest {
  private static final MarketData MD = SyntheticMarket.generate(SyntheticMarket.Spec.samsung(11, 2));
  @TempDir Path dir;

  @Test
  void pageHasOneSortableRowPerParameterSetLinkingItsOwnReport() throws Exception {
    Map<String, List<String>> axes = new LinkedHashMap<>();
    axes.put("window", List.of("20", "40"));
    axes.put("entry-z", List.of("1.5", "2.5"));
    SweepReport pages = new SweepReport(dir, MD, 4);
    List<Sweep.Point> grid = Sweep.run("pair-spread", ConfigFactory.parseString("notional = 5000000"), axes, MD,
        BacktestConfig.defaults(), 2, n -> {}, pages.sink());
    List<Sweep.Point> ranked = Sweep.ranked(grid);
    String html = Files.readString(pages.writePage("pair-spread", grid, ranked));

    assertEquals(4, html.split("<a href=\"runs/run-", -1).length - 1);
    assertTrue(html.contains("<table id=\"sweep\" class=\"sortable\">"));
    // the best-ranked row comes first and links the report of its own grid point
    Sweep.Point best = ranked.get(0);
    String link = "runs/" + SweepReport.runDir(grid.indexOf(best)) + "/report.html";
    int firstRow = html.indexOf("<tbody>");
    assertEquals(firstRow, html.lastIndexOf("<tbody>"));
    assertTrue(html.indexOf(link) < html.indexOf("</tr>", firstRow + 10), "first row links " + link);
    assertTrue(html.substring(firstRow).startsWith("<tbody>\n<tr><td class=\"l\">" + best.params().get("window")
        + "</td><td class=\"l\">" + best.params().get("entry-z") + "</td>"));
    // each linked report is that run's: its Sharpe row shows the point's own figure
    for (Sweep.Point p : grid) {
      String report = Files.readString(dir.resolve("runs").resolve(SweepReport.runDir(grid.indexOf(p)))
          .resolve("report.html"));
      assertTrue(report.contains("data-stat=\"sharpe\"><th>Sharpe (daily, annualised)</th><td>"
          + HtmlText.ratio(p.summary().sharpe()) + "</td>"), p.params().toString());
    }
  }
}
