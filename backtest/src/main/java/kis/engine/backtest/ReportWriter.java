package kis.engine.backtest;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import kis.journal.event.OrderFilled;
import kis.strategies.StrategyContext;

/**
 * Writes a backtest's report folder: {@code summary.txt}, {@code trades.csv} (every fill),
 * {@code round-trips.csv}, {@code equity.csv}, {@code report.html} (self-contained: inline SVG
 * equity and drawdown charts, no scripts or fonts from the internet) and {@code equity.png}.
 */
public final class ReportWriter {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
  private static final int W = 900;
  private static final int H = 260;

  private ReportWriter() {}

  public static void write(BacktestResult r, Path dir) {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("summary.txt"), "strategy " + r.strategy() + "\n" + r.summary().render(),
          StandardCharsets.UTF_8);
      writeTrades(r, dir.resolve("trades.csv"));
      writeRoundTrips(r, dir.resolve("round-trips.csv"));
      writeEquity(r, dir.resolve("equity.csv"));
      Files.writeString(dir.resolve("report.html"), html(r), StandardCharsets.UTF_8);
      writePng(r, dir.resolve("equity.png"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write report to " + dir, e);
    }
  }

  static String time(java.time.Instant t) {
    return t.atZone(StrategyContext.KST).format(TIME);
  }

  private static void writeTrades(BacktestResult r, Path file) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("time,order_id,order_no,symbol,side,quantity,price,value,fee,tax,position_after,reason\n");
      for (BacktestResult.Fill f : r.fills()) {
        OrderFilled e = f.event();
        w.write(String.join(",", time(e.recordedAt()), e.orderId().value(), e.orderNo().value(), e.symbol().code(),
            e.side().name(), Long.toString(e.quantity()), Long.toString(e.price()),
            Long.toString(e.quantity() * e.price()), Long.toString(e.fee()), Long.toString(e.tax()),
            Long.toString(f.positionAfter()), csv(f.reason())));
        w.write('\n');
      }
    }
  }

  private static void writeRoundTrips(BacktestResult r, Path file) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("symbol,opened,closed,net_pnl\n");
      for (BacktestResult.RoundTrip t : r.roundTrips()) {
        w.write(t.symbol().code() + "," + time(t.opened()) + "," + time(t.closed()) + "," + t.netPnl() + "\n");
      }
    }
  }

  private static void writeEquity(BacktestResult r, Path file) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("time,equity,drawdown\n");
      double[] dd = drawdowns(r);
      for (int i = 0; i < r.equity().size(); i++) {
        BacktestResult.EquityPoint p = r.equity().get(i);
        w.write(time(p.time()) + "," + p.equity() + "," + String.format(Locale.ROOT, "%.6f", dd[i]) + "\n");
      }
    }
  }

  private static String csv(String s) {
    if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
      return "\"" + s.replace("\"", "\"\"") + "\"";
    }
    return s;
  }

  /** Drawdown at each equity point, as a fraction of the running peak (0 or positive). */
  static double[] drawdowns(BacktestResult r) {
    List<BacktestResult.EquityPoint> eq = r.equity();
    double[] dd = new double[eq.size()];
    double peak = r.config().initialCash();
    for (int i = 0; i < dd.length; i++) {
      peak = Math.max(peak, eq.get(i).equity());
      dd[i] = (peak - eq.get(i).equity()) / peak;
    }
    return dd;
  }

  private static double[] equityValues(BacktestResult r) {
    return r.equity().stream().mapToDouble(BacktestResult.EquityPoint::equity).toArray();
  }

  static String html(BacktestResult r) {
    Summary s = r.summary();
    double[] dd = drawdowns(r);
    double[] negDd = new double[dd.length];
    for (int i = 0; i < dd.length; i++) {
      negDd[i] = -dd[i] * 100;
    }
    StringBuilder sb = new StringBuilder(64 * 1024);
    sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Backtest ")
        .append(esc(r.strategy())).append("</title>\n<style>body{font-family:sans-serif;margin:2em;color:#222}"
            + "table{border-collapse:collapse}td,th{padding:2px 10px;text-align:right;border-bottom:1px solid #ddd}"
            + "th{text-align:left}svg{background:#fafafa;border:1px solid #ccc}</style></head><body>\n")
        .append("<h1>Backtest: ").append(esc(r.strategy())).append("</h1>\n<table>\n");
    row(sb, "Return", String.format(Locale.ROOT, "%+.2f %%", s.totalReturn() * 100));
    row(sb, "Initial / final equity", String.format(Locale.ROOT, "%,d / %,d won", s.initialCash(), s.finalEquity()));
    row(sb, "Max drawdown", String.format(Locale.ROOT, "%.2f %%", s.maxDrawdown() * 100));
    row(sb, "Sharpe (daily, annualised)", String.format(Locale.ROOT, "%.2f", s.sharpe()));
    row(sb, "Round trips / fills", s.trades() + " / " + s.fills());
    row(sb, "Win rate", String.format(Locale.ROOT, "%.1f %%", s.winRate() * 100));
    row(sb, "Fees / tax", String.format(Locale.ROOT, "%,d / %,d won", s.fees(), s.taxes()));
    row(sb, "Net realized P&L", String.format(Locale.ROOT, "%,d won", s.netRealizedPnl()));
    row(sb, "Market events", Long.toString(r.marketEvents()));
    sb.append("</table>\n<h2>Equity (won)</h2>\n").append(svg(equityValues(r), "#1f5fa8", false))
        .append("\n<h2>Drawdown (%)</h2>\n").append(svg(negDd, "#b22222", true));
    if (!r.equity().isEmpty()) {
      sb.append("\n<p>").append(time(r.equity().get(0).time())).append(" to ")
          .append(time(r.equity().get(r.equity().size() - 1).time())).append(" KST</p>");
    }
    sb.append("\n<h2>Fills</h2>\n<table><tr><th>time</th><th>symbol</th><th>side</th><th>qty</th><th>price</th>"
        + "<th>fee</th><th>tax</th><th>reason</th></tr>\n");
    int shown = 0;
    for (BacktestResult.Fill f : r.fills()) {
      if (shown++ == 500) {
        sb.append("<tr><td colspan=\"8\">... ").append(r.fills().size() - 500).append(" more in trades.csv</td></tr>\n");
        break;
      }
      OrderFilled e = f.event();
      sb.append("<tr><td>").append(time(e.recordedAt())).append("</td><td>").append(e.symbol()).append("</td><td>")
          .append(e.side()).append("</td><td>").append(e.quantity()).append("</td><td>").append(e.price())
          .append("</td><td>").append(e.fee()).append("</td><td>").append(e.tax()).append("</td><td>")
          .append(esc(f.reason())).append("</td></tr>\n");
    }
    return sb.append("</table>\n</body></html>\n").toString();
  }

  private static void row(StringBuilder sb, String k, String v) {
    sb.append("<tr><th>").append(esc(k)).append("</th><td>").append(esc(v)).append("</td></tr>\n");
  }

  /** A polyline chart of {@code v}, downsampled to the chart's width. */
  static String svg(double[] v, String colour, boolean fill) {
    StringBuilder sb = new StringBuilder();
    sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(W).append("\" height=\"").append(H)
        .append("\" viewBox=\"0 0 ").append(W).append(' ').append(H).append("\">");
    if (v.length == 0) {
      return sb.append("<text x=\"10\" y=\"20\">no data</text></svg>").toString();
    }
    double[] mm = minMax(v);
    int pad = 50;
    sb.append("<text x=\"4\" y=\"14\" font-size=\"11\">").append(label(mm[1])).append("</text>")
        .append("<text x=\"4\" y=\"").append(H - 4).append("\" font-size=\"11\">").append(label(mm[0]))
        .append("</text><polyline fill=\"").append(fill ? colour + "\" fill-opacity=\"0.25" : "none")
        .append("\" stroke=\"").append(colour).append("\" stroke-width=\"1.2\" points=\"");
    int n = Math.min(v.length, (W - pad) * 2);
    if (fill) {
      sb.append(pad).append(',').append(y(0, mm)).append(' ');
    }
    for (int i = 0; i < n; i++) {
      int idx = n == 1 ? 0 : (int) ((long) i * (v.length - 1) / (n - 1));
      double x = pad + (double) i * (W - pad - 5) / Math.max(1, n - 1);
      sb.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, yPos(v[idx], mm, H)));
    }
    if (fill) {
      sb.append(W - 5).append(',').append(y(0, mm));
    }
    return sb.append("\"/></svg>").toString();
  }

  private static String y(double value, double[] mm) {
    return String.format(Locale.ROOT, "%.1f", yPos(value, mm, H));
  }

  private static double yPos(double value, double[] mm, int height) {
    double span = mm[1] - mm[0];
    double frac = span == 0 ? 0.5 : (value - mm[0]) / span;
    return 8 + (1 - frac) * (height - 16);
  }

  private static double[] minMax(double[] v) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double x : v) {
      min = Math.min(min, x);
      max = Math.max(max, x);
    }
    return new double[] {min, max};
  }

  private static String label(double v) {
    return Math.abs(v) >= 1000 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.2f", v);
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  /** Equity above, drawdown below, drawn headless with java.awt. */
  static void writePng(BacktestResult r, Path file) throws IOException {
    System.setProperty("java.awt.headless", "true");
    int w = 1000;
    int h = 600;
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, w, h);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      double[] eq = equityValues(r);
      double[] dd = drawdowns(r);
      for (int i = 0; i < dd.length; i++) {
        dd[i] = -dd[i] * 100;
      }
      plot(g, eq, 0, 380, w, "Equity (won): " + r.strategy(), new Color(0x1f, 0x5f, 0xa8));
      plot(g, dd, 390, 200, w, "Drawdown (%)", new Color(0xb2, 0x22, 0x22));
    } finally {
      g.dispose();
    }
    ImageIO.write(img, "png", file.toFile());
  }

  private static void plot(Graphics2D g, double[] v, int top, int height, int w, String title, Color colour) {
    int left = 90;
    g.setColor(new Color(0xf4, 0xf4, 0xf4));
    g.fillRect(left, top + 20, w - left - 10, height - 30);
    g.setColor(Color.DARK_GRAY);
    g.drawString(title, left, top + 15);
    if (v.length == 0) {
      return;
    }
    double[] mm = minMax(v);
    g.drawString(label(mm[1]), 4, top + 32);
    g.drawString(label(mm[0]), 4, top + height - 12);
    g.setColor(colour);
    g.setStroke(new BasicStroke(1.3f));
    int plotW = w - left - 10;
    int n = Math.min(v.length, plotW);
    int px = -1;
    int py = -1;
    for (int i = 0; i < n; i++) {
      int idx = n == 1 ? 0 : (int) ((long) i * (v.length - 1) / (n - 1));
      int x = left + (int) ((long) i * (plotW - 1) / Math.max(1, n - 1));
      int y = top + 20 + (int) yPos(v[idx], mm, height - 30) - 8;
      if (px >= 0) {
        g.drawLine(px, py, x, y);
      }
      px = x;
      py = y;
    }
  }
}
