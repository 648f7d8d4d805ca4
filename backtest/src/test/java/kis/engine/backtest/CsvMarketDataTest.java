package kis.engine.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import kis.journal.Symbol;
import kis.strategies.event.Bar;
import kis.strategies.event.InvestorFlow;
import kis.strategies.event.Trade;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvMarketDataTest {
  @TempDir Path dir;

  private MarketData read(String name, String content) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, content);
    return CsvMarketData.read(f);
  }

  @Test
  void readsMinuteBarsStampedAtTheirEnd() throws Exception {
    MarketData md = read("bars.csv", "time,symbol,open,high,low,close,volume\n"
        + "2026-03-02T09:02,005930,70100,70200,70000,70150,1200\n"
        + "2026-03-02T09:01:00,005930,70000,70100,69900,70100,3400\n");
    assertEquals(2, md.size());
    Bar first = (Bar) md.events().get(0);
    assertEquals(CsvMarketData.kst(LocalDate.of(2026, 3, 2).atTime(9, 1)), first.time());
    assertEquals(Bar.MINUTE, first.period());
    assertEquals(Symbol.of("005930"), first.symbol());
    assertEquals(70_100, first.close());
    assertEquals(3_400, first.volume());
  }

  @Test
  void aDateAloneIsADailyBarAtTheClose() throws Exception {
    MarketData md = read("daily.csv", "symbol,time,close,open,high,low,volume,ignored\n"
        + "005935,2026-03-02,57000,56500,57200,56400,900000,x\n");
    Bar b = (Bar) md.events().get(0);
    assertEquals(Bar.DAY, b.period());
    assertEquals(CsvMarketData.kst(LocalDate.of(2026, 3, 2).atTime(LocalTime.of(15, 30))), b.time());
    assertEquals(56_500, b.open());
  }

  @Test
  void readsTradesAndInvestorFlows() throws Exception {
    MarketData trades = read("t.csv", "time,symbol,price,quantity\n2026-03-02 09:00:01,005930,70000,15\n");
    assertEquals(new Trade(Symbol.of("005930"), CsvMarketData.kst(LocalDate.of(2026, 3, 2).atTime(9, 0, 1)), 70_000,
        15, 0), trades.events().get(0));
    MarketData flows = read("f.csv", "date,symbol,foreign,institution,individual\n2026-03-02,005930,-1500,700,800\n");
    InvestorFlow f = (InvestorFlow) flows.events().get(0);
    assertEquals(-1_500, f.foreignNetBuy());
    assertEquals(LocalDate.of(2026, 3, 2), f.tradingDate());
    assertEquals(CsvMarketData.kst(LocalDate.of(2026, 3, 2).atTime(18, 0)), f.time());
    assertEquals(List.of(), flows.tradingDates());
  }

  @Test
  void aBadRowNamesItsFileAndLine() throws Exception {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read("bad.csv",
        "time,symbol,open,high,low,close,volume\n2026-03-02T09:01,005930,1,1,1,1,1\n# comment\n"
            + "2026-03-02T09:02,005930,70000,abc,69900,70100,3400\n"));
    assertTrue(e.getMessage().endsWith("bad.csv:4: high is not a whole number: 'abc'"), e.getMessage());
    IllegalArgumentException inconsistent = assertThrows(IllegalArgumentException.class, () -> read("hl.csv",
        "time,symbol,open,high,low,close,volume\n2026-03-02T09:01,005930,100,90,95,96,1\n"));
    assertTrue(inconsistent.getMessage().contains("hl.csv:2: inconsistent bar"), inconsistent.getMessage());
  }

  @Test
  void anUnknownHeaderListsTheFormats() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read("x.csv", "a,b,c\n1,2,3\n"));
    assertTrue(e.getMessage().contains("time,symbol,open,high,low,close,volume"), e.getMessage());
  }

  @Test
  void mergedDataReplaysInTimeOrderTradesBeforeBars() {
    Symbol s = Symbol.of("005930");
    var t = CsvMarketData.kst(LocalDate.of(2026, 3, 2).atTime(9, 1));
    Bar bar = new Bar(s, t, Bar.MINUTE, 1, 1, 1, 1, 1);
    Trade trade = new Trade(s, t, 1, 1, 0);
    Trade earlier = new Trade(s, t.minusSeconds(1), 1, 1, 0);
    MarketData md = MarketData.merge(List.of(MarketData.of(List.of(bar)), MarketData.of(List.of(trade, earlier))));
    assertEquals(List.of(earlier, trade, bar), md.events());
  }
}
