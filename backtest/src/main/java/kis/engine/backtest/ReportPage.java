package kis.engine.backtest;

import static kis.engine.backtest.HtmlText.esc;
import static kis.engine.backtest.HtmlText.jsonNumber;
import static kis.engine.backtest.HtmlText.jsonString;
import static kis.engine.backtest.HtmlText.percent;
import static kis.engine.backtest.HtmlText.ratio;
import static kis.engine.backtest.HtmlText.signClass;
import static kis.engine.backtest.HtmlText.sortKey;
import static kis.engine.backtest.HtmlText.won;

import java.util.List;
import java.util.Locale;
import kis.journal.Side;
import kis.journal.event.OrderFilled;

/**
 * {@code report.html}: one file that opens offline. The statistics and the trade lists are HTML
 * tables (sortable by a click on a header); the price candles with every fill marked, equity
 * against buy-and-hold, drawdown and monthly returns are ECharts charts drawn from a JSON block,
 * with the library itself inlined ({@link ChartLibrary}). Rises and buys are red, falls and sells
 * blue, as Korean traders read them.
 */
final class ReportPage {
  private ReportPage() {}

  static String html(BacktestResult r, MarketData md) {
    BacktestStats s = BacktestStats.of(r);
    List<ReportSeries.PriceChart> prices = ReportSeries.prices(r, md);
    List<ReportSeries.Point> bnh = ReportSeries.buyAndHold(r, md);
    double bnhReturn = bnh.isEmpty() ? Double.NaN : bnh.get(bnh.size() - 1).value() / r.config().initialCash() - 1;
    StringBuilder sb = new StringBuilder(ChartLibrary.script().length() + 256 * 1024);
    sb.append("<!DOCTYPE html>\n<html lang=\"ko\"><head><meta charset=\"utf-8\">\n<title>Backtest ")
        .append(esc(r.strategy())).append("</title>\n<style>").append(HtmlText.STYLE).append("</style>\n")
        .append("<script>/* ").append(ChartLibrary.NAME).append(", inlined from the org.webjars.npm:echarts jar */\n")
        .append(ChartLibrary.script()).append("\n</script>\n</head><body>\n<h1>Backtest: ").append(esc(r.strategy()))
        .append("</h1>\n");
    if (!r.equity().isEmpty()) {
      sb.append("<p>").append(ReportWriter.time(r.equity().get(0).time())).append(" to ")
          .append(ReportWriter.time(r.equity().get(r.equity().size() - 1).time())).append(" KST, ")
          .append(s.tradingDays()).append(" trading days, ").append(String.format(Locale.ROOT, "%,d", r.marketEvents()))
          .append(" market events</p>\n");
    }
    stats(sb, s, bnhReturn, r);
    sb.append("<h2>Price and fills</h2>\n");
    for (int i = 0; i < prices.size(); i++) {
      sb.append("<div class=\"chart\" id=\"price-").append(i).append("\"></div>\n");
    }
    sb.append("<h2>Equity against buy-and-hold</h2>\n<div class=\"chart\" id=\"equity\"></div>\n")
        .append("<h2>Drawdown</h2>\n<div class=\"chart small\" id=\"drawdown\"></div>\n")
        .append("<h2>Monthly returns</h2>\n<div class=\"chart small\" id=\"monthly\"></div>\n");
    fills(sb, r);
    roundTrips(sb, r);
    sb.append("<script type=\"application/json\" id=\"report-data\">");
    data(sb, prices, r, bnh);
    sb.append("</script>\n<script>").append(HtmlText.SORTABLE_JS).append('\n').append(CHARTS_JS)
        .append("</script>\n</body></html>\n");
    return sb.toString();
  }

  private static void stats(StringBuilder sb, BacktestStats s, double bnhReturn, BacktestResult r) {
    sb.append("<h2>Statistics</h2>\n<table id=\"stats\">\n");
    stat(sb, "total-return", "Total return", percent(s.totalReturn()), signClass(s.totalReturn()));
    stat(sb, "buy-and-hold-return", "Buy-and-hold return (same symbols, before costs)", percent(bnhReturn),
        signClass(bnhReturn));
    stat(sb, "annual-return", "Annual return (compounded, 252 days)", percent(s.annualReturn()),
        signClass(s.annualReturn()));
    stat(sb, "sharpe", "Sharpe (daily, annualised)", ratio(s.sharpe()), "");
    stat(sb, "sortino", "Sortino (daily, annualised)", ratio(s.sortino()), "");
    stat(sb, "max-drawdown", "Max drawdown", String.format(Locale.ROOT, "%.2f %%", s.maxDrawdown() * 100), "");
    stat(sb, "longest-drawdown", "Longest drawdown (peak to recovery)",
        String.format(Locale.ROOT, "%.1f days", s.longestDrawdown().toSeconds() / 86_400.0), "");
    stat(sb, "win-rate", "Win rate", String.format(Locale.ROOT, "%.1f %% of %d round trips", s.winRate() * 100,
        s.roundTrips()), "");
    stat(sb, "profit-factor", "Profit factor", ratio(s.profitFactor()), "");
    stat(sb, "exposure", "Exposure (time in the market)", String.format(Locale.ROOT, "%.1f %%", s.exposure() * 100), "");
    stat(sb, "turnover", "Turnover (traded value / mean equity)", String.format(Locale.ROOT, "%.2f x (%s won)",
        s.turnover(), won(s.tradedValue())), "");
    stat(sb, "executions", "Executions", Integer.toString(s.executions()), "");
    stat(sb, "fees", "Fees paid", won(s.fees()) + " won", "");
    stat(sb, "taxes", "Tax paid", won(s.taxes()) + " won", "");
    stat(sb, "equity", "Initial / final equity", won(s.initialCash()) + " / " + won(s.finalEquity()) + " won", "");
    stat(sb, "net-realized", "Net realized P&L", won(r.summary().netRealizedPnl()) + " won",
        signClass(r.summary().netRealizedPnl()));
    sb.append("</table>\n");
  }

  private static void stat(StringBuilder sb, String key, String label, String value, String cls) {
    sb.append("<tr data-stat=\"").append(key).append("\"><th>").append(esc(label)).append("</th><td")
        .append(cls.isEmpty() ? "" : " class=\"" + cls + "\"").append('>').append(esc(value)).append("</td></tr>\n");
  }

  private static void fills(StringBuilder sb, BacktestResult r) {
    sb.append("<h2>Trades (").append(r.fills().size()).append(" fills)</h2>\n<div class=\"scroll\">")
        .append("<table id=\"trades\" class=\"sortable\"><thead><tr><th>time (KST)</th><th>symbol</th><th>side</th>"
            + "<th data-type=\"num\">qty</th><th data-type=\"num\">price</th><th data-type=\"num\">value</th>"
            + "<th data-type=\"num\">fee</th><th data-type=\"num\">tax</th><th data-type=\"num\">position after</th>"
            + "<th>reason</th></tr></thead><tbody>\n");
    for (BacktestResult.Fill f : r.fills()) {
      OrderFilled e = f.event();
      String side = e.side() == Side.BUY ? "buy" : "sell";
      sb.append("<tr><td class=\"l\">").append(ReportWriter.time(e.recordedAt())).append("</td><td class=\"l\">")
          .append(esc(e.symbol().toString())).append("</td><td class=\"l ").append(side).append("\">").append(side)
          .append("</td><td>").append(e.quantity()).append("</td><td>").append(e.price()).append("</td><td>")
          .append(e.quantity() * e.price()).append("</td><td>").append(e.fee()).append("</td><td>").append(e.tax())
          .append("</td><td>").append(f.positionAfter()).append("</td><td class=\"l\">").append(esc(f.reason()))
          .append("</td></tr>\n");
    }
    sb.append("</tbody></table></div>\n");
  }

  private static void roundTrips(StringBuilder sb, BacktestResult r) {
    sb.append("<h2>Round trips (").append(r.roundTrips().size()).append(")</h2>\n<div class=\"scroll\">")
        .append("<table id=\"round-trips\" class=\"sortable\"><thead><tr><th>symbol</th><th>opened (KST)</th>"
            + "<th>closed (KST)</th><th data-type=\"num\">net P&amp;L (won)</th></tr></thead><tbody>\n");
    for (BacktestResult.RoundTrip t : r.roundTrips()) {
      sb.append("<tr><td class=\"l\">").append(esc(t.symbol().toString())).append("</td><td class=\"l\">")
          .append(ReportWriter.time(t.opened())).append("</td><td class=\"l\">").append(ReportWriter.time(t.closed()))
          .append("</td><td class=\"").append(signClass(t.netPnl())).append("\" data-v=\"").append(sortKey(t.netPnl()))
          .append("\">").append(won(t.netPnl())).append("</td></tr>\n");
    }
    sb.append("</tbody></table></div>\n");
  }

  private static void data(StringBuilder sb, List<ReportSeries.PriceChart> prices, BacktestResult r,
      List<ReportSeries.Point> bnh) {
    sb.append("{\"strategy\":").append(jsonString(r.strategy())).append(",\"fills\":").append(r.fills().size())
        .append(",\"prices\":[");
    for (int i = 0; i < prices.size(); i++) {
      ReportSeries.PriceChart p = prices.get(i);
      sb.append(i == 0 ? "" : ",").append("{\"symbol\":").append(jsonString(p.symbol().toString()))
          .append(",\"width\":").append(jsonString(p.widthMinutes() >= 24 * 60 ? "daily candles"
              : p.widthMinutes() + "-minute candles")).append(",\"labels\":[");
      for (int j = 0; j < p.candles().size(); j++) {
        sb.append(j == 0 ? "" : ",").append(jsonString(p.candles().get(j).label()));
      }
      sb.append("],\"ohlc\":[");
      for (int j = 0; j < p.candles().size(); j++) {
        ReportSeries.Candle c = p.candles().get(j);
        sb.append(j == 0 ? "[" : ",[").append(c.open()).append(',').append(c.close()).append(',').append(c.low())
            .append(',').append(c.high()).append(']');
      }
      sb.append("],\"buys\":");
      markers(sb, p.markers(), Side.BUY);
      sb.append(",\"sells\":");
      markers(sb, p.markers(), Side.SELL);
      sb.append('}');
    }
    sb.append("],\"equity\":");
    points(sb, ReportSeries.equity(r));
    sb.append(",\"buyAndHold\":");
    points(sb, bnh);
    sb.append(",\"drawdown\":");
    points(sb, ReportSeries.drawdown(r));
    sb.append(",\"monthly\":[");
    List<ReportSeries.Month> months = ReportSeries.monthly(r);
    for (int i = 0; i < months.size(); i++) {
      sb.append(i == 0 ? "[" : ",[").append(jsonString(months.get(i).month().toString())).append(',')
          .append(jsonNumber(Math.round(months.get(i).ret() * 1e6) / 1e4)).append(']');
    }
    sb.append("]}");
  }

  /** {@code [candle index, price, quantity, time]} per fill of that side. */
  private static void markers(StringBuilder sb, List<ReportSeries.Marker> markers, Side side) {
    sb.append('[');
    boolean first = true;
    for (ReportSeries.Marker m : markers) {
      if (m.side() == side) {
        sb.append(first ? "[" : ",[").append(m.index()).append(',').append(m.price()).append(',').append(m.quantity())
            .append(',').append(jsonString(m.time())).append(']');
        first = false;
      }
    }
    sb.append(']');
  }

  private static void points(StringBuilder sb, List<ReportSeries.Point> pts) {
    sb.append('[');
    for (int i = 0; i < pts.size(); i++) {
      sb.append(i == 0 ? "[" : ",[").append(pts.get(i).epochMillis()).append(',').append(jsonNumber(pts.get(i).value()))
          .append(']');
    }
    sb.append(']');
  }

  /**
   * Draws the charts from the JSON block; {@code window.kisReport.charts} lists the ECharts
   * instances (the browser test reads the markers back from them).
   */
  private static final String CHARTS_JS = """
      (function () {
        var D = JSON.parse(document.getElementById('report-data').textContent);
        var UP = '#d7263d', DOWN = '#1f5fd1', charts = [];
        function make(id, option) {
          var c = echarts.init(document.getElementById(id), null, {renderer: 'canvas'});
          c.setOption(option);
          charts.push(c);
          return c;
        }
        function marker(p) {
          return (p.seriesName === 'buy' ? 'BUY ' : 'SELL ') + p.value[2] + ' @ ' + p.value[1].toLocaleString('ko-KR')
              + '<br>' + p.value[3];
        }
        D.prices.forEach(function (p, i) {
          make('price-' + i, {
            animation: false,
            title: {text: p.symbol + ' (' + p.width + ')', left: 'center', textStyle: {fontSize: 13}},
            tooltip: {trigger: 'item'},
            legend: {data: ['price', 'buy', 'sell'], top: 22},
            grid: {left: 80, right: 30, top: 55, bottom: 75},
            xAxis: {type: 'category', data: p.labels, boundaryGap: true},
            yAxis: {scale: true},
            dataZoom: [{type: 'inside'}, {type: 'slider'}],
            series: [
              {name: 'price', type: 'candlestick', data: p.ohlc,
               itemStyle: {color: UP, color0: DOWN, borderColor: UP, borderColor0: DOWN}},
              {name: 'buy', type: 'scatter', data: p.buys, symbol: 'triangle', symbolSize: 12, z: 5,
               itemStyle: {color: UP}, tooltip: {formatter: marker}},
              {name: 'sell', type: 'scatter', data: p.sells, symbol: 'triangle', symbolRotate: 180, symbolSize: 12,
               z: 5, itemStyle: {color: DOWN}, tooltip: {formatter: marker}}
            ]
          });
        });
        make('equity', {
          animation: false,
          tooltip: {trigger: 'axis'},
          legend: {data: ['strategy', 'buy-and-hold']},
          grid: {left: 100, right: 30, top: 40, bottom: 75},
          xAxis: {type: 'time'},
          yAxis: {type: 'value', scale: true, name: 'won'},
          dataZoom: [{type: 'inside'}, {type: 'slider'}],
          series: [
            {name: 'strategy', type: 'line', data: D.equity, showSymbol: false, lineStyle: {width: 1.5},
             itemStyle: {color: '#222'}},
            {name: 'buy-and-hold', type: 'line', data: D.buyAndHold, showSymbol: false,
             lineStyle: {width: 1.2, type: 'dashed'}, itemStyle: {color: '#999'}}
          ]
        });
        make('drawdown', {
          animation: false,
          tooltip: {trigger: 'axis', valueFormatter: function (v) { return v.toFixed(2) + ' %'; }},
          grid: {left: 100, right: 30, top: 20, bottom: 40},
          xAxis: {type: 'time'},
          yAxis: {type: 'value', name: '%'},
          series: [{name: 'drawdown', type: 'line', data: D.drawdown, showSymbol: false,
                    itemStyle: {color: DOWN}, areaStyle: {color: DOWN, opacity: 0.25}}]
        });
        make('monthly', {
          animation: false,
          tooltip: {trigger: 'axis', valueFormatter: function (v) { return v.toFixed(2) + ' %'; }},
          grid: {left: 100, right: 30, top: 20, bottom: 40},
          xAxis: {type: 'category', data: D.monthly.map(function (m) { return m[0]; })},
          yAxis: {type: 'value', name: '%'},
          series: [{name: 'return', type: 'bar', label: {show: true, position: 'top', formatter: function (p) {
                      return p.value.toFixed(2) + ' %'; }},
                    data: D.monthly.map(function (m) {
                      return {value: m[1], itemStyle: {color: m[1] >= 0 ? UP : DOWN}}; })}]
        });
        window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
        window.kisReport = {charts: charts, fills: D.fills};
      })();
      """;
}
