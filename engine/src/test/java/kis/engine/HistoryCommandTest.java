package kis.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import kis.engine.backtest.HistoryStore;
import kis.engine.backtest.MarketData;
import kis.journal.Symbol;
import kis.strategies.StrategyContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class HistoryCommandTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void fetchesFromAnEmbeddedKisSimIntoTheStoreThatBacktestReads() throws Exception {
    LocalDate today = LocalDate.now(StrategyContext.KST);
    int code = run("history", "fetch", "--sim", "--symbols", "005930,005935", "--store", dir.toString(),
        "--from", today.minusDays(200).toString(), "--timeout", "PT20S");
    assertEquals(0, code, err.toString() + out);
    assertTrue(out.toString().contains("embedded kis-sim"), out.toString());
    List<String> daily = Files.readAllLines(dir.resolve("005930").resolve("daily.csv"));
    assertEquals("time,symbol,open,high,low,close,volume", daily.get(0));
    assertTrue(daily.size() > 100, "200 calendar days need more than one page of 100: " + daily.size());
    assertTrue(Files.exists(dir.resolve("005935").resolve("flows.csv")));
    MarketData md = new HistoryStore(dir).read(List.of(Symbol.of("005930")), HistoryStore.Interval.DAILY, null, null);
    assertEquals(daily.size() - 1, md.tradingDates().size());

    code = run("backtest", "-s", "volatility-band", "-p", "symbol=005930", "-p", "quantity=10", "-p", "window=5",
        "--history", dir.toString(), "--interval", "daily", "--report", dir.resolve("report").toString());
    assertEquals(0, code, err.toString());
    assertTrue(Files.exists(dir.resolve("report").resolve("report.html")));
  }

  @Test
  void aBadSymbolIsAUsageError() {
    assertEquals(2, run("history", "fetch", "--sim", "--symbols", "5930", "--store", dir.toString()));
    assertTrue(err.toString().contains("not a KRX short code"), err.toString());
  }
}
