package kis.engine.backtest;

import static kis.engine.backtest.HtmlText.esc;
import static kis.engine.backtest.HtmlText.percent;
import static kis.engine.backtest.HtmlText.ratio;
import static kis.engine.backtest.HtmlText.signClass;
import static kis.engine.backtest.HtmlText.sortKey;
import static kis.engine.backtest.HtmlText.won;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A sweep's report folder: each run's own report under {@code runs/run-NNN/} (NNN its place in the
 * grid, from 001) and {@code sweep.html}, one row per parameter set with its statistics, sortable,
 * linking each run's report. Use {@link #sink()} as the sweep's {@link Sweep.RunSink}, then
 * {@link #writePage}.
 */
public final class SweepReport {
  private final Path dir;
  private final MarketData data;
  private final AtomicReferenceArray<BacktestStats> stats;

  /** One row of the page. */
  record Row(Map<String, String> params, BacktestStats stats, String link) {}

  public SweepReport(Path dir, MarketData data, int runs) {
    this.dir = dir;
    this.data = data;
    this.stats = new AtomicReferenceArray<>(runs);
  }

  static String runDir(int index) {
    return String.format(Locale.ROOT, "run-%03d", index + 1);
  }

  /** Writes each run's report and keeps its statistics; safe to call from the sweep's threads. */
  public Sweep.RunSink sink() {
    return (index, result) -> {
      ReportWriter.write(result, data, dir.resolve("runs").resolve(runDir(index)));
      stats.set(index, BacktestStats.of(result));
    };
  }

  /**
   * Writes {@code sweep.html} with the rows in {@code ranked}'s order.
   *
   * @param grid the points in grid order, as {@link Sweep#run} returned them
   * @return the page's path
   */
  public Path writePage(String strategy, List<Sweep.Point> grid, List<Sweep.Point> ranked) {
    List<Row> rows = new ArrayList<>();
    for (Sweep.Point p : ranked) {
      int index = grid.indexOf(p);
      BacktestStats s = stats.get(index);
      if (s == null) {
        throw new IllegalStateException("no report was written for run " + (index + 1) + " " + p.params());
      }
      rows.add(new Row(p.params(), s, "runs/" + runDir(index) + "/report.html"));
    }
    Path page = dir.resolve("sweep.html");
    try {
      Files.createDirectories(dir);
      Files.writeString(page, html(strategy, rows), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + page, e);
    }
    return page;
  }

  static String html(String strategy, List<Row> rows) {
    List<String> keys = rows.isEmpty() ? List.of() : new ArrayList<>(rows.get(0).params().keySet());
    StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html lang=\"ko\"><head><meta charset=\"utf-8\">\n<title>Sweep ")
        .append(esc(strategy)).append("</title>\n<style>").append(HtmlText.STYLE).append("</style></head><body>\n")
        .append("<h1>Sweep: ").append(esc(strategy)).append("</h1>\n<p>").append(rows.size())
        .append(" runs, best Sharpe first; click a column to sort, a row's report to open it.</p>\n")
        .append("<table id=\"sweep\" class=\"sortable\"><thead><tr>");
    for (String k : keys) {
      sb.append("<th>").append(esc(k)).append("</th>");
    }
    for (String h : List.of("return", "annual", "Sharpe", "Sortino", "max DD", "longest DD (days)", "win rate",
        "profit factor", "round trips", "exposure", "turnover", "fees", "tax")) {
      sb.append("<th data-type=\"num\">").append(esc(h)).append("</th>");
    }
    sb.append("<th>report</th></tr></thead><tbody>\n");
    for (Row r : rows) {
      BacktestStats s = r.stats();
      sb.append("<tr>");
      for (String k : keys) {
        String v = r.params().get(k);
        sb.append("<td class=\"l\">").append(esc(v == null ? "" : v)).append("</td>");
      }
      cell(sb, s.totalReturn(), percent(s.totalReturn()), signClass(s.totalReturn()));
      cell(sb, s.annualReturn(), percent(s.annualReturn()), signClass(s.annualReturn()));
      cell(sb, s.sharpe(), ratio(s.sharpe()), "");
      cell(sb, s.sortino(), ratio(s.sortino()), "");
      cell(sb, s.maxDrawdown(), String.format(Locale.ROOT, "%.2f %%", s.maxDrawdown() * 100), "");
      double ddDays = s.longestDrawdown().toSeconds() / 86_400.0;
      cell(sb, ddDays, String.format(Locale.ROOT, "%.1f", ddDays), "");
      cell(sb, s.winRate(), String.format(Locale.ROOT, "%.1f %%", s.winRate() * 100), "");
      cell(sb, s.profitFactor(), ratio(s.profitFactor()), "");
      cell(sb, s.roundTrips(), Integer.toString(s.roundTrips()), "");
      cell(sb, s.exposure(), String.format(Locale.ROOT, "%.1f %%", s.exposure() * 100), "");
      cell(sb, s.turnover(), String.format(Locale.ROOT, "%.2f x", s.turnover()), "");
      cell(sb, s.fees(), won(s.fees()), "");
      cell(sb, s.taxes(), won(s.taxes()), "");
      sb.append("<td class=\"l\"><a href=\"").append(esc(r.link())).append("\">report</a></td></tr>\n");
    }
    return sb.append("</tbody></table>\n<script>").append(HtmlText.SORTABLE_JS).append("</script>\n</body></html>\n")
        .toString();
  }

  private static void cell(StringBuilder sb, double sortValue, String shown, String cls) {
    sb.append("<td").append(cls.isEmpty() ? "" : " class=\"" + cls + "\"").append(" data-v=\"")
        .append(sortKey(sortValue)).append("\">").append(esc(shown)).append("</td>");
  }
}
