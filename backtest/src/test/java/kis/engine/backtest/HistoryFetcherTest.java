package kis.engine.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import kis.journal.Symbol;
import kis.strategies.event.Bar;
import kis.strategies.event.InvestorFlow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryFetcherTest {
  private static final Symbol S = Symbol.of("005930");
  private static final LocalDate TODAY = LocalDate.of(2026, 11, 24);
  @TempDir Path dir;

  /** KIS as the fetcher sees it: newest first, at most 100 days or 30 minutes per call. */
  static final class FakeKis implements HistoryFetcher.CandleSource {
    final List<HistoryFetcher.DailyCandle> days = new ArrayList<>();
    final List<HistoryFetcher.MinuteCandle> minutes = new ArrayList<>();
    int calls;
    long closeBump;

    FakeKis(LocalDate first, int tradingDays) {
      LocalDate d = first;
      while (days.size() < tradingDays) {
        if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
          long p = 70_000 + days.size() * 100L;
          days.add(new HistoryFetcher.DailyCandle(d, p, p + 500, p - 500, p + 100, 1_000_000));
        }
        d = d.plusDays(1);
      }
      for (int m = 0; m < 390; m++) {
        long p = 70_000 + (m % 7) * 100L;
        minutes.add(new HistoryFetcher.MinuteCandle(TODAY, LocalTime.of(9, 0).plusMinutes(m), p, p + 100, p, p + 100,
            1_000 + m));
      }
    }

    @Override
    public List<HistoryFetcher.DailyCandle> daily(Symbol symbol, LocalDate from, LocalDate to) {
      calls++;
      return days.stream().filter(c -> !c.date().isBefore(from) && !c.date().isAfter(to))
          .sorted(Comparator.comparing(HistoryFetcher.DailyCandle::date).reversed()).limit(100)
          .map(c -> new HistoryFetcher.DailyCandle(c.date(), c.open(), c.high() + closeBump, c.low(),
              c.close() + closeBump, c.volume()))
          .toList();
    }

    @Override
    public List<HistoryFetcher.MinuteCandle> minutes(Symbol symbol, LocalTime until) {
      calls++;
      return minutes.stream().filter(c -> !c.start().isAfter(until))
          .sorted(Comparator.comparing(HistoryFetcher.MinuteCandle::start).reversed()).limit(30).toList();
    }

    @Override
    public List<HistoryFetcher.FlowDay> investorDays(Symbol symbol) {
      calls++;
      return List.of(new HistoryFetcher.FlowDay(TODAY.minusDays(1), -300, 100, 200),
          new HistoryFetcher.FlowDay(TODAY, 500, -200, -300));
    }
  }

  @Test
  void dailyCandlesArePagedBackwardsHundredAtATime() {
    FakeKis kis = new FakeKis(LocalDate.of(2025, 1, 2), 250);
    HistoryStore store = new HistoryStore(dir);
    HistoryFetcher.Result r = new HistoryFetcher(kis, store).fetchDaily(S, LocalDate.of(2025, 1, 1), LocalDate.of(2026, 1, 31));
    assertEquals(250, r.dailyRows());
    assertEquals(4, r.calls()); // 100 + 100 + 50, then one empty answer says there is nothing older
    MarketData md = store.read(List.of(S), HistoryStore.Interval.DAILY, null, null);
    assertEquals(250, md.size());
    Bar first = (Bar) md.events().get(0);
    assertEquals(Bar.DAY, first.period());
    assertEquals(70_100, first.close());
  }

  @Test
  void fetchingAgainReplacesTheFetchedDaysAndKeepsTheRest() {
    FakeKis kis = new FakeKis(LocalDate.of(2026, 1, 5), 20);
    HistoryStore store = new HistoryStore(dir);
    HistoryFetcher f = new HistoryFetcher(kis, store);
    f.fetchDaily(S, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 2, 28));
    kis.closeBump = 50;
    f.fetchDaily(S, LocalDate.of(2026, 1, 26), LocalDate.of(2026, 2, 28));
    List<Bar> bars = store.read(List.of(S), HistoryStore.Interval.DAILY, null, null).events().stream()
        .map(Bar.class::cast).toList();
    assertEquals(20, bars.size());
    assertEquals(70_100, bars.get(0).close());
    assertEquals(70_000 + 19 * 100 + 100 + 50, bars.get(19).close());
  }

  @Test
  void rowsWithoutPricesAreSkipped() {
    FakeKis kis = new FakeKis(LocalDate.of(2026, 1, 5), 3);
    kis.days.set(1, new HistoryFetcher.DailyCandle(kis.days.get(1).date(), 0, 0, 0, 0, 0));
    HistoryFetcher.Result r = new HistoryFetcher(kis, new HistoryStore(dir))
        .fetchDaily(S, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31));
    assertEquals(2, r.dailyRows());
    assertEquals(1, r.skippedRows());
  }

  @Test
  void todaysMinutesArePagedBackThirtyAtATimeAndStoredAtTheirEnd() {
    FakeKis kis = new FakeKis(LocalDate.of(2026, 1, 5), 1);
    HistoryStore store = new HistoryStore(dir);
    HistoryFetcher.Result r = new HistoryFetcher(kis, store).fetchMinutes(S, LocalTime.of(15, 30));
    assertEquals(390, r.minuteRows());
    assertEquals(13, r.calls());
    List<Bar> bars = store.read(List.of(S), HistoryStore.Interval.MINUTE, null, null).events().stream()
        .map(Bar.class::cast).toList();
    assertEquals(390, bars.size());
    assertEquals(CsvMarketData.kst(TODAY.atTime(9, 1)), bars.get(0).time());
    assertEquals(CsvMarketData.kst(TODAY.atTime(15, 30)), bars.get(389).time());
    assertEquals(1_000, bars.get(0).volume());
  }

  @Test
  void investorFlowsMergeIntoTheFlowsFile() {
    FakeKis kis = new FakeKis(LocalDate.of(2026, 1, 5), 1);
    HistoryStore store = new HistoryStore(dir);
    HistoryFetcher f = new HistoryFetcher(kis, store);
    f.fetchMinutes(S, LocalTime.of(15, 30));
    assertEquals(2, f.fetchFlows(S).flowRows());
    f.fetchFlows(S);
    List<InvestorFlow> flows = store.read(List.of(S), HistoryStore.Interval.MINUTE, null, null).events().stream()
        .filter(InvestorFlow.class::isInstance).map(InvestorFlow.class::cast).toList();
    assertEquals(2, flows.size());
    assertEquals(500, flows.get(1).foreignNetBuy());
    assertTrue(flows.get(0).tradingDate().isBefore(flows.get(1).tradingDate()));
  }
}
