package kis.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import kis.engine.backtest.HistoryDb;
import kis.engine.backtest.HistoryStore;
import kis.engine.backtest.MarketData;
import kis.journal.Symbol;
import kis.strategies.StrategyContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryCommandTest extends CliCapture {
  @TempDir Path dir;

  @Test
  void fetchesFromAnEmbeddedKisSimIntoTheDuckDbStoreThatBacktestReadsAndResumes() throws Exception {
    LocalDate today = LocalDate.now(StrategyContext.KST);
    String[] fetch = {"history", "fetch", "--sim", "--symbols", "005930,005935", "--data-dir", dir.toString(),
        "--from", today.minusDays(200).toString(), "--minute-from", today.minusDays(10).toString(),
        "--timeout", "PT20S"};
    int code = run(fetch);
    assertEquals(0, code, err.toString() + out);
    assertTrue(out.toString().contains("embedded kis-sim"), out.toString());
    assertTrue(out.toString().contains("005930 minute"), "progress and the minute line: " + out);
    Path file = dir.resolve(HistoryDb.FILE_NAME);
    try (HistoryDb db = HistoryDb.open(file)) {
      MarketData md = db.read(List.of(Symbol.of("005930")), HistoryStore.Interval.DAILY, null, null);
      assertTrue(md.tradingDates().size() > 100, "200 calendar days need more than one page of 100: " + md.size());
      assertTrue(db.minuteBars(Symbol.of("005935")) > 0);
    }

    out.getBuffer().setLength(0);
    assertEquals(0, run(fetch), err.toString() + out);
    // Again: only today's daily bar (never marked fetched) is asked for, and no past day's minutes.
    assertTrue(out.toString().contains("rows in 1 calls, 200 days already stored"), out.toString());
    assertTrue(out.toString().contains("005930 minute      0 rows in 0 calls"), out.toString());

    code = run("backtest", "-s", "volatility-band", "-p", "symbol=005930", "-p", "quantity=10", "-p", "window=5",
        "--history", dir.toString(), "--interval", "daily", "--report", dir.resolve("report").toString());
    assertEquals(0, code, err.toString());
    assertTrue(Files.exists(dir.resolve("report").resolve("report.html")));
  }

  @Test
  void backtestStillReadsACsvStoreFolder() throws Exception {
    Path csv = dir.resolve("csv-store");
    Path f = new HistoryStore(csv).dailyFile(Symbol.of("005930"));
    Files.createDirectories(f.getParent());
    StringBuilder sb = new StringBuilder("time,symbol,open,high,low,close,volume\n");
    LocalDate d = LocalDate.of(2026, 3, 2);
    for (int i = 0; i < 30; i++, d = d.plusDays(1)) {
      long p = 70_000 + (i % 5) * 500L;
      sb.append(d).append(",005930,").append(p).append(',').append(p + 500).append(',').append(p - 500).append(',')
          .append(p + 100).append(",1000\n");
    }
    Files.writeString(f, sb.toString());
    int code = run("backtest", "-s", "volatility-band", "-p", "symbol=005930", "-p", "quantity=10", "-p", "window=5",
        "--history", csv.toString(), "--interval", "daily", "--report", dir.resolve("report").toString());
    assertEquals(0, code, err.toString());
    assertTrue(out.toString().contains("30 market events"), out.toString());
  }

  @Test
  void aBadSymbolIsAUsageError() {
    assertEquals(2, run("history", "fetch", "--sim", "--symbols", "5930", "--store", dir.toString()));
    assertTrue(err.toString().contains("not a KRX short code"), err.toString());
  }

  @Test
  void importsAPykrxExportIntoTheStoreThatBacktestReads() throws Exception {
    Path csv = dir.resolve("005930.csv");
    StringBuilder sb = new StringBuilder("날짜,시가,고가,저가,종가,거래량,거래대금,등락률\n");
    LocalDate d = LocalDate.of(2026, 3, 2);
    for (int i = 0; i < 30; i++, d = d.plusDays(1)) {
      long p = 70_000 + (i % 5) * 500L;
      sb.append(i % 2 == 0 ? d.toString() : d.toString().replace("-", "")).append(',').append(p).append(',')
          .append(p + 500).append(',').append(p - 500).append(',').append(p + 100).append(",1000,0,0.0\n");
    }
    Files.writeString(csv, sb.toString());
    assertEquals(0, run("history", "import", "--data-dir", dir.toString(), csv.toString()), err.toString());
    assertTrue(out.toString().contains("30 daily bars, 0 minute bars"), out.toString());
    try (HistoryDb db = HistoryDb.open(dir.resolve(HistoryDb.FILE_NAME))) {
      assertEquals(30, db.read(List.of(Symbol.of("005930")), HistoryStore.Interval.DAILY, null, null).size());
    }
    int code = run("backtest", "-s", "volatility-band", "-p", "symbol=005930", "-p", "quantity=10", "-p", "window=5",
        "--history", dir.toString(), "--interval", "daily", "--report", dir.resolve("report").toString());
    assertEquals(0, code, err.toString());
  }

  @Test
  void aMalformedLineRefusesTheImportAndStoresNothing() throws Exception {
    Path csv = dir.resolve("005930.csv");
    Files.writeString(csv, "날짜,시가,고가,저가,종가,거래량\n20260302,1,1,1,1,1\n2026-03-03,1,x,1,1,1\n");
    assertEquals(2, run("history", "import", "--data-dir", dir.toString(), csv.toString()));
    assertTrue(err.toString().contains("005930.csv:3: high is not a whole number: 'x'"), err.toString());
    assertTrue(!Files.exists(dir.resolve(HistoryDb.FILE_NAME)), "nothing stored");
  }
}
