package kis.engine.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import kis.journal.Symbol;
import kis.journal.calendar.MarketCalendar;
import kis.strategies.StrategyContext;
import kis.strategies.event.Bar;
import kis.strategies.event.InvestorFlow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryFetcherTest {
  private static final Symbol S = Symbol.of("005930");
  private static final LocalDate TODAY = LocalDate.of(2026, 11, 24);
  private static final Clock CLOCK = Clock.fixed(TODAY.atTime(16, 0).atZone(StrategyContext.KST).toInstant(),
      StrategyContext.KST);
  @TempDir Path dir;
  private HistoryDb db;

  @BeforeEach
  void open() {
    db = HistoryDb.open(dir.resolve("history.duckdb"), CLOCK);
  }

  @AfterEach
  void close() {
    db.close();
  }

  /** KIS as the fetcher sees it: newest first, at most 100 days, 30 of today's or 120 of a past day's minutes a call. */
  static final class FakeKis implements HistoryFetcher.CandleSource {
    final List<HistoryFetcher.DailyCandle> days = new ArrayList<>();
    int calls;
    int pastCalls;
    long closeBump;
    LocalDate failOn;

    FakeKis(LocalDate first, int tradingDays) {
      LocalDate d = first;
      while (days.size() < tradingDays) {
        if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
          long p = 70_000 + days.size() * 100L;
          days.add(new HistoryFetcher.DailyCandle(d, p, p + 500, p - 500, p + 100, 1_000_000));
        }
        d = d.plusDays(1);
      }
    }

    /** A day's bars as KRX prints them: 09:00 to 15:19 and the closing match at 15:30 (381). */
    static List<HistoryFetcher.MinuteCandle> dayOf(LocalDate day) {
      List<HistoryFetcher.MinuteCandle> out = new ArrayList<>();
      for (int m = 0; m < 380; m++) {
        long p = 70_000 + (m % 7) * 100L;
        out.add(new HistoryFetcher.MinuteCandle(day, LocalTime.of(9, 0).plusMinutes(m), p, p + 100, p, p + 100,
            1_000 + m));
      }
      out.add(new HistoryFetcher.MinuteCandle(day, LocalTime.of(15, 30), 70_000, 70_000, 70_000, 70_000, 5_000));
      return out;
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
      return newestFirst(dayOf(TODAY), until, 30);
    }

    @Override
    public List<HistoryFetcher.MinuteCandle> pastMinutes(Symbol symbol, LocalDate day, LocalTime until) {
      calls++;
      pastCalls++;
      if (day.equals(failOn)) {
        throw new IllegalStateException("KIS did not answer");
      }
      return newestFirst(dayOf(day), until, 120);
    }

    private static List<HistoryFetcher.MinuteCandle> newestFirst(List<HistoryFetcher.MinuteCandle> day,
        LocalTime until, int max) {
      return day.stream().filter(c -> !c.start().isAfter(until))
          .sorted(Comparator.comparing(HistoryFetcher.MinuteCandle::start).reversed()).limit(max).toList();
    }

    @Override
    public List<HistoryFetcher.FlowDay> investorDays(Symbol symbol) {
      calls++;
      return List.of(new HistoryFetcher.FlowDay(TODAY.minusDays(1), -300, 100, 200),
          new HistoryFetcher.FlowDay(TODAY, 500, -200, -300));
    }
  }

  private HistoryFetcher fetcher(FakeKis kis) {
    return new HistoryFetcher(kis, db, MarketCalendar.defaults(), CLOCK);
  }

  private List<Bar> bars(HistoryStore.Interval iv, LocalDate from, LocalDate to) {
    return db.read(List.of(S), iv, from, to).events().stream().filter(Bar.class::isInstance).map(Bar.class::cast)
        .toList();
  }

  @Test
  void dailyCandlesArePagedBackwardsHundredAtATime() {
    FakeKis kis = new FakeKis(LocalDate.of(2025, 1, 2), 250);
    HistoryFetcher.Result r = fetcher(kis).fetchDaily(S, LocalDate.of(2025, 1, 1), LocalDate.of(2026, 1, 31));
    assertEquals(250, r.dailyRows());
    assertEquals(4, r.calls()); // 100 + 100 + 50, then one empty answer says there is nothing older
    List<Bar> bars = bars(HistoryStore.Interval.DAILY, null, null);
    assertEquals(250, bars.size());
    assertEquals(Bar.DAY, bars.get(0).period());
    assertEquals(70_100, bars.get(0).close());
  }

  @Test
  void aSecondDailyFetchAsksOnlyForTheDaysNotStoredYet() {
    FakeKis kis = new FakeKis(LocalDate.of(2026, 1, 5), 20);
    HistoryFetcher f = fetcher(kis);
    f.fetchDaily(S, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 2, 28));
    kis.calls = 0;
    HistoryFetcher.Result again = f.fetchDaily(S, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 2, 28));
    assertEquals(0, again.calls());
    assertEquals(59, again.storedDays());
    kis.closeBump = 50;
    HistoryFetcher.Result wider = f.fetchDaily(S, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 31));
    assertEquals(1, wider.calls()); // March only: KIS has no bar there, so the answer is empty
    List<Bar> bars = bars(HistoryStore.Interval.DAILY, null, null);
    assertEquals(20, bars.size());
    assertEquals(70_000 + 19 * 100 + 100, bars.get(19).close()); // stored days were not asked for again
  }

  @Test
  void todaysDailyBarIsStoredButAskedForAgainNextTime() {
    FakeKis kis = new FakeKis(TODAY.minusDays(6), 5);
    HistoryFetcher f = fetcher(kis);
    f.fetchDaily(S, TODAY.minusDays(10), TODAY);
    assertEquals(TODAY, bars(HistoryStore.Interval.DAILY, null, null).get(4).time()
        .atZone(StrategyContext.KST).toLocalDate());
    HistoryFetcher.Result again = f.fetchDaily(S, TODAY.minusDays(10), TODAY);
    assertEquals(1, again.calls());
    assertEquals(10, again.storedDays());
  }

  @Test
  void rowsWithoutPricesAreSkipped() {
    FakeKis kis = new FakeKis(LocalDate.of(2026, 1, 5), 3);
    kis.days.set(1, new HistoryFetcher.DailyCandle(kis.days.get(1).date(), 0, 0, 0, 0, 0));
    HistoryFetcher.Result r = fetcher(kis).fetchDaily(S, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31));
    assertEquals(2, r.dailyRows());
    assertEquals(1, r.skippedRows());
  }

  @Test
  void aPastDaysMinutesArePagedBack120AtATimeAndDeliveredAtTheirEnd() {
    FakeKis kis = new FakeKis(LocalDate.of(2026, 11, 2), 1);
    LocalDate day = LocalDate.of(2026, 11, 23); // a Monday
    List<String> seen = new ArrayList<>();
    HistoryFetcher.Result r = fetcher(kis).fetchPastMinutes(S, day, day,
        (s, d, done, total, n, calls) -> seen.add(d + " " + done + "/" + total + " " + n + " " + calls));
    assertEquals(381, r.minuteRows());
    assertEquals(4, r.calls()); // 120 + 120 + 120 + 21, the last reaching 09:00
    assertEquals(List.of("2026-11-23 1/1 381 4"), seen);
    List<Bar> bars = bars(HistoryStore.Interval.MINUTE, day, day);
    assertEquals(381, bars.size());
    assertEquals(CsvMarketData.kst(day.atTime(9, 1)), bars.get(0).time());
    assertEquals(CsvMarketData.kst(day.atTime(15, 31)), bars.get(380).time());
    assertEquals(1_000, bars.get(0).volume());
  }

  @Test
  void aStoppedFetchResumesAtTheFirstDayNotStored() {
    FakeKis kis = new FakeKis(LocalDate.of(2026, 11, 2), 1);
    LocalDate from = LocalDate.of(2026, 11, 2);
    LocalDate to = LocalDate.of(2026, 11, 13); // two weeks: 10 trading days
    kis.failOn = LocalDate.of(2026, 11, 5);
    HistoryFetcher f = fetcher(kis);
    assertThrows(IllegalStateException.class, () -> f.fetchPastMinutes(S, from, to, HistoryFetcher.DayProgress.NONE));
    assertEquals(3, db.fetchedDays(HistoryDb.Kind.MINUTE, S, from, to).size());
    kis.failOn = null;
    kis.pastCalls = 0;
    HistoryFetcher.Result resumed = f.fetchPastMinutes(S, from, to, HistoryFetcher.DayProgress.NONE);
    assertEquals(3, resumed.storedDays());
    assertEquals(7 * 4, kis.pastCalls); // only the seven days not stored, four calls each
    assertEquals(10 * 381, db.minuteBars(S));
    kis.pastCalls = 0;
    assertEquals(10, f.fetchPastMinutes(S, from, to, HistoryFetcher.DayProgress.NONE).storedDays());
    assertEquals(0, kis.pastCalls);
  }

  @Test
  void pastMinutesStopBeforeToday() {
    FakeKis kis = new FakeKis(LocalDate.of(2026, 11, 2), 1);
    HistoryFetcher.Result r = fetcher(kis).fetchPastMinutes(S, TODAY.minusDays(1), TODAY.plusDays(3),
        HistoryFetcher.DayProgress.NONE);
    assertEquals(381, r.minuteRows()); // 11-23 only; 11-24 is today, fetched by fetchToday
  }

  @Test
  void todaysMinutesAreStoredButNeverMarkedFetched() {
    FakeKis kis = new FakeKis(LocalDate.of(2026, 1, 5), 1);
    HistoryFetcher.Result r = fetcher(kis).fetchToday(S, LocalTime.of(15, 30));
    assertEquals(381, r.minuteRows());
    assertEquals(13, r.calls());
    assertEquals(381, bars(HistoryStore.Interval.MINUTE, TODAY, TODAY).size());
    assertTrue(db.fetchedDays(HistoryDb.Kind.MINUTE, S, TODAY, TODAY).isEmpty());
  }

  @Test
  void investorFlowsAreReplacedNotDuplicated() {
    FakeKis kis = new FakeKis(LocalDate.of(2026, 1, 5), 1);
    HistoryFetcher f = fetcher(kis);
    f.fetchToday(S, LocalTime.of(15, 30));
    assertEquals(2, f.fetchFlows(S).flowRows());
    f.fetchFlows(S);
    List<InvestorFlow> flows = db.read(List.of(S), HistoryStore.Interval.MINUTE, null, null).events().stream()
        .filter(InvestorFlow.class::isInstance).map(InvestorFlow.class::cast).toList();
    assertEquals(2, flows.size());
    assertEquals(500, flows.get(1).foreignNetBuy());
    assertTrue(flows.get(0).tradingDate().isBefore(flows.get(1).tradingDate()));
  }
}
