package kis.engine.backtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import kis.journal.event.OrderFilled;
import kis.strategies.StrategyContext;

/**
 * Writes a backtest's report folder: {@code summary.txt}, {@code trades.csv} (every fill),
 * {@code round-trips.csv}, {@code equity.csv} and {@code report.html}, one self-contained
 * interactive page ({@link ReportPage}) that opens offline. It only reads the finished result and
 * the market data the run used, so writing a report cannot change a backtest's figures.
 */
public final class ReportWriter {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

  private ReportWriter() {}

  /** The report of {@code r}, which ran over {@code md} (the price charts and buy-and-hold come from it). */
  public static void write(BacktestResult r, MarketData md, Path dir) {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("summary.txt"), "strategy " + r.strategy() + "\n" + r.summary().render()
          + BacktestStats.of(r).render(),
          StandardCharsets.UTF_8);
      writeTrades(r, dir.resolve("trades.csv"));
      writeRoundTrips(r, dir.resolve("round-trips.csv"));
      writeEquity(r, dir.resolve("equity.csv"));
      Files.writeString(dir.resolve("report.html"), ReportPage.html(r, md), StandardCharsets.UTF_8);
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
}
