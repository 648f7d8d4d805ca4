package kis.engine.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import kis.strategies.registry.StrategyRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportAndSweepTest {
  private static final MarketData MD = SyntheticMarket.generate(SyntheticMarket.Spec.samsung(11, 4));
  @TempDir Path dir;

  @Test
  void reportFolderHoldsTheTradesTheEquityAndOneSelfContainedPage() throws Exception {
    BacktestResult r = BacktestRunner.run(StrategyRegistry.create("pair-spread", ConfigFactory.parseString(
        "notional = 5000000, window = 30, entry-z = 1.5")), "pair-spread", MD, BacktestConfig.defaults(),
        ProgressListener.NONE);
    assertTrue(r.fills().size() > 2);
    ReportWriter.write(r, MD, dir);
    List<String> trades = Files.readAllLines(dir.resolve("trades.csv"));
    assertEquals("time,order_id,order_no,symbol,side,quantity,price,value,fee,tax,position_after,reason", trades.get(0));
    assertEquals(r.fills().size() + 1, trades.size());
    assertEquals(r.roundTrips().size() + 1, Files.readAllLines(dir.resolve("round-trips.csv")).size());
    assertEquals(r.equity().size() + 1, Files.readAllLines(dir.resolve("equity.csv")).size());
    assertTrue(Files.exists(dir.resolve("report.html")));
    assertTrue(Files.readString(dir.resolve("summary.txt")).contains("max drawdown"));
  }

  @Test
  void gridIsTheCartesianProductFirstAxisSlowest() {
    Map<String, List<String>> axes = new LinkedHashMap<>();
    axes.put("a", List.of("1", "2"));
    axes.put("b", List.of("x", "y", "z"));
    List<Map<String, String>> g = Sweep.grid(axes);
    assertEquals(6, g.size());
    assertEquals(Map.of("a", "1", "b", "x"), g.get(0));
    assertEquals(Map.of("a", "2", "b", "z"), g.get(5));
  }

  @Test
  void sweepOnTwoThreadsMatchesRunsOneByOne() throws Exception {
    Map<String, List<String>> axes = new LinkedHashMap<>();
    axes.put("window", List.of("20", "40"));
    axes.put("entry-z", List.of("1.5", "2.5"));
    var base = ConfigFactory.parseString("notional = 5000000");
    AtomicInteger done = new AtomicInteger();
    List<Sweep.Point> parallel = Sweep.run("pair-spread", base, axes, MD, BacktestConfig.defaults(), 2,
        n -> done.incrementAndGet());
    assertEquals(4, done.get());
    List<Sweep.Point> serial = Sweep.run("pair-spread", base, axes, MD, BacktestConfig.defaults(), 1, n -> {});
    assertEquals(serial, parallel);
    BacktestResult single = BacktestRunner.run(StrategyRegistry.create("pair-spread", ConfigFactory.parseString(
        "notional = 5000000, window = 40, entry-z = 1.5")), "p", MD, BacktestConfig.defaults(), ProgressListener.NONE);
    assertEquals(single.summary(), parallel.get(2).summary());
    Sweep.writeCsv(Sweep.ranked(parallel), dir.resolve("sweep.csv"));
    assertEquals(5, Sweep.table(parallel).lines().count());
    assertTrue(Files.readAllLines(dir.resolve("sweep.csv")).get(0).startsWith("window,entry-z,return,"));
  }

  @Test
  void progressBarDrawsInPlace() {
    assertEquals("run [###############...............]  50 %  5 events", ProgressBar.render("run", 5, 10));
  }
}
