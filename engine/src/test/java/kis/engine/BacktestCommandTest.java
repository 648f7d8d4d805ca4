package kis.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BacktestCommandTest extends CliCapture {
  @TempDir Path dir;

  @Test
  void backtestsABuiltInOnSyntheticDataAndWritesTheReport() {
    Path report = dir.resolve("r");
    int code = run("backtest", "-s", "volume-trigger", "-p", "symbol=005930", "-p", "quantity=100", "--synthetic",
        "--days", "3", "--report", report.toString());
    assertEquals(0, code, err.toString());
    String o = out.toString();
    for (String line : new String[] {"return", "max drawdown", "sharpe", "trades", "win rate", "fees", "tax"}) {
      assertTrue(o.contains(line), o);
    }
    for (String f : new String[] {"trades.csv", "report.html", "equity.csv", "summary.txt"}) {
      assertTrue(Files.exists(report.resolve(f)), f);
    }
  }

  @Test
  void readsTheStrategyFromAHoconFileAndDataFromCsv() throws Exception {
    Path conf = dir.resolve("s.conf");
    Files.writeString(conf, "strategy { type = volatility-band, params { symbol = \"005930\", quantity = 1, window = 3 } }");
    StringBuilder csv = new StringBuilder("time,symbol,open,high,low,close,volume\n");
    long[] closes = {10_000, 10_050, 10_000, 10_050, 9_500, 9_600, 10_100, 10_100};
    for (int i = 0; i < closes.length; i++) {
      csv.append(String.format("2026-03-02T09:%02d,005930,%d,%d,%d,%d,1000%n", i + 1, closes[i], closes[i], closes[i],
          closes[i]));
    }
    Path data = dir.resolve("bars.csv");
    Files.writeString(data, csv);
    int code = run("backtest", "-c", conf.toString(), "--data", data.toString(), "--report", dir.resolve("r").toString());
    assertEquals(0, code, err.toString());
    assertTrue(out.toString().contains("1 round trips, 2 fills"), out.toString());
  }

  @Test
  void sweepsAGridAndRanksIt() {
    int code = run("backtest", "-s", "pair-spread", "-p", "notional=5000000", "--synthetic", "--days", "2",
        "--sweep", "window=20,40", "--sweep", "entry-z=1.5,2", "--threads", "2", "--no-progress",
        "--report", dir.toString());
    assertEquals(0, code, err.toString());
    assertTrue(out.toString().contains("4 runs on 2 threads"), out.toString());
    assertTrue(Files.exists(dir.resolve("sweep.csv")));
    for (int i = 1; i <= 4; i++) {
      assertTrue(Files.exists(dir.resolve("runs/run-00" + i + "/report.html")), "run " + i);
    }
    assertTrue(out.toString().contains("report: " + dir.resolve("sweep.html")), out.toString());
  }

  @Test
  void badParametersExitWithEveryProblemListed() {
    int code = run("backtest", "-s", "volume-trigger", "-p", "symbol=5930", "-p", "quantity=0", "--synthetic");
    assertEquals(2, code);
    assertTrue(err.toString().contains("strategy.params.symbol"), err.toString());
    assertTrue(err.toString().contains("strategy.params.quantity"), err.toString());
  }

  @Test
  void aDataSourceIsRequired() {
    assertEquals(2, run("backtest", "-s", "pair-spread", "-p", "notional=1000000"));
    assertTrue(err.toString().contains("choose exactly one data source"), err.toString());
  }
}
