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
    assertTrue(e.getMessage().contains("time,open,high,low,close,volume"), e.getMessage());
    assertTrue(e.getMessage().contains("date = 날짜"), e.getMessage());
  }

  @Test
  void aPykrxExportWithKoreanHeadersTakesItsSymbolFromTheFileName() throws Exception {
    // pykrx stock.get_market_ohlcv(...).to_csv(): the 날짜 index first, then its Korean columns.
    MarketData md = read("005930.csv", "\uFEFF날짜,시가,고가,저가,종가,거래량,거래대금,등락률\n"
        + "2026-03-02,70000,71000,69500,70500,12000000,846000000000,0.71\n"
        + "20260303,70500,70900,70100,70800,9000000,637200000000,0.43\n");
    List<Bar> bars = md.events().stream().map(Bar.class::cast).toList();
    assertEquals(2, bars.size());
    assertEquals(Symbol.of("005930"), bars.get(0).symbol());
    assertEquals(Bar.DAY, bars.get(0).period());
    assertEquals(CsvMarketData.kst(LocalDate.of(2026, 3, 2).atTime(15, 30)), bars.get(0).time());
    assertEquals(CsvMarketData.kst(LocalDate.of(2026, 3, 3).atTime(15, 30)), bars.get(1).time());
    assertEquals(70_800, bars.get(1).close());
  }

  @Test
  void quotedFieldsMayHoldCommasAndQuotes() throws Exception {
    MarketData md = read("q.csv", "\"종목코드\",\"일자\",\"시가\",\"고가\",\"저가\",\"종가\",\"거래량\",\"note\"\n"
        + "\"005935\",\"2026/03/02\",\"57,000\",\"57,500\",\"56,800\",\"57,200\",\"1,234,567\","
        + "\"said \"\"hi\"\", twice\"\n");
    Bar b = (Bar) md.events().get(0);
    assertEquals(Symbol.of("005935"), b.symbol());
    assertEquals(57_000, b.open());
    assertEquals(1_234_567, b.volume());
  }

  @Test
  void aKisMinuteExportIsLabelledByItsStartMinute() throws Exception {
    MarketData md = read("kis.csv", "stck_bsop_date,stck_cntg_hour,stck_prpr,stck_oprc,stck_hgpr,stck_lwpr,cntg_vol,"
        + "acml_tr_pbmn,symbol\n20260302,090100,70200,70100,70300,70000,500,1,005930\n"
        + "20260302,090000,70100,70000,70100,69900,800,1,005930\n");
    List<Bar> bars = md.events().stream().map(Bar.class::cast).toList();
    assertEquals(Bar.MINUTE, bars.get(0).period());
    assertEquals(CsvMarketData.kst(LocalDate.of(2026, 3, 2).atTime(9, 1)), bars.get(0).time());
    assertEquals(70_100, bars.get(0).close());
    assertEquals(CsvMarketData.kst(LocalDate.of(2026, 3, 2).atTime(9, 2)), bars.get(1).time());
  }

  @Test
  void pykrxInvestorFlowsReadAsFlows() throws Exception {
    MarketData md = read("000660_flows.csv", "날짜,기관합계,기타법인,개인,외국인합계,전체\n2026-03-02,700,-10,800,-1500,0\n");
    InvestorFlow f = (InvestorFlow) md.events().get(0);
    assertEquals(Symbol.of("000660"), f.symbol());
    assertEquals(-1_500, f.foreignNetBuy());
  }

  @Test
  void aCp949ExportFromKoreanWindowsIsRead() throws Exception {
    Path f = dir.resolve("035720.csv");
    Files.write(f, "일자,시가,고가,저가,종가,거래량\n20260302,42000,42500,41900,42150,100\n"
        .getBytes(java.nio.charset.Charset.forName("x-windows-949")));
    assertEquals(42_150, ((Bar) CsvMarketData.read(f).events().get(0)).close());
  }

  @Test
  void aDateInNeitherFormatIsRefusedNamingItsLine() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read("005930.csv",
        "날짜,시가,고가,저가,종가,거래량\n2026-03-02,1,1,1,1,1\n\n03/03/2026,1,1,1,1,1\n"));
    assertTrue(e.getMessage().endsWith("005930.csv:4: date is not a date (yyyy-MM-dd or yyyyMMdd): '03/03/2026'"),
        e.getMessage());
  }

  @Test
  void anUnclosedQuoteIsRefusedNamingItsLine() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read("u.csv",
        "time,symbol,open,high,low,close,volume\n2026-03-02T09:01,005930,1,1,1,1,1\n"
            + "2026-03-02T09:02,\"005930,1,1,1,1,1\n"));
    assertTrue(e.getMessage().contains("u.csv:3: malformed CSV"), e.getMessage());
  }

  @Test
  void aFileWithoutSymbolColumnOrCodeNameIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read("samsung.csv",
        "날짜,시가,고가,저가,종가,거래량\n2026-03-02,1,1,1,1,1\n"));
    assertTrue(e.getMessage().contains("no symbol column"), e.getMessage());
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
