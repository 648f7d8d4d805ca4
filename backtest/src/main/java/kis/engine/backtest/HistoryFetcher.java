package kis.engine.backtest;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import kis.journal.Symbol;
import kis.journal.Venue;
import kis.journal.calendar.MarketCalendar;
import kis.journal.calendar.MarketPhase;
import kis.journal.calendar.VenueDay;
import kis.journal.calendar.VenueSession;
import kis.strategies.StrategyContext;

/**
 * Downloads candles and investor flows page by page into a {@link HistoryDb}, resumably: a day
 * already marked fetched in the store is not asked for again, and each page or day is stored (and
 * marked) as soon as it is in, so a fetch stopped half way resumes where it stopped. The KIS calls
 * go through a {@link CandleSource}; the engine adapts the connector's rate-limited REST client to
 * it, so a long fetch stays within the app key's budget.
 *
 * <p>Paging follows KIS's limits. Daily candles (inquire-daily-itemchartprice) come at most 100
 * per call, so the range not yet stored is walked backwards from its end until its start is covered
 * or KIS has no older data. A past day's one-minute candles (inquire-time-dailychartprice) come at
 * most 120 per call ending at {@code FID_INPUT_HOUR_1}; KIS has no continuation key for them, so a
 * day is walked backwards from its close, each call asking up to a minute before the earliest bar
 * of the last answer, until the continuous session's first minute is in (KIS's own sample pages it
 * the same way). Today's candles (inquire-time-itemchartprice) come 30 per call and are stored but
 * never marked fetched, since the day is still moving; nor is today's daily bar. Rows with no price
 * (KIS pads empty rows with zeros) are skipped.
 */
public final class HistoryFetcher {
  /** Minute candles are walked back to KRX's regular open when the calendar does not know the day. */
  static final LocalTime OPEN = MarketCalendar.defaults().regularHours(Venue.KRX).open();
  static final LocalTime CLOSE = MarketCalendar.defaults().regularHours(Venue.KRX).close();
  static final int MAX_PAGES = 10_000;
  /** A KRX day has fewer than 700 minutes even with its after-market: 24 pages of today's 30, 6 of a past day's 120. */
  static final int MAX_PAGES_PER_DAY = 30;

  /** A daily candle as KIS reports it. */
  public record DailyCandle(LocalDate date, long open, long high, long low, long close, long volume) {}

  /** A one-minute candle; {@code start} is the minute KIS labels it with ({@code stck_cntg_hour}). */
  public record MinuteCandle(LocalDate date, LocalTime start, long open, long high, long low, long close,
      long volume) {}

  /** One day of net buying by investor type, in shares. */
  public record FlowDay(LocalDate date, long foreign, long institution, long individual) {}

  /** The KIS reads the fetcher needs; implementations block until KIS answers or fail. */
  public interface CandleSource {
    /** At most 100 daily candles between the dates, in any order. */
    List<DailyCandle> daily(Symbol symbol, LocalDate from, LocalDate to);

    /** Today's one-minute candles up to and including {@code until}, at most 30. */
    List<MinuteCandle> minutes(Symbol symbol, LocalTime until);

    /** One-minute candles of the past day {@code day} up to and including {@code until}, at most 120. */
    List<MinuteCandle> pastMinutes(Symbol symbol, LocalDate day, LocalTime until);

    /** Recent days of investor flows. */
    List<FlowDay> investorDays(Symbol symbol);
  }

  /** Told after each past day of minute candles is stored; called on the fetching thread. */
  @FunctionalInterface
  public interface DayProgress {
    DayProgress NONE = (symbol, day, done, total, bars, calls) -> {};

    /** {@code done} of {@code total} days of {@code symbol} stored; {@code bars} in {@code day}; calls so far. */
    void dayStored(Symbol symbol, LocalDate day, int done, int total, int bars, int calls);
  }

  /**
   * What one fetch stored: rows, KIS calls made, empty rows skipped, and days (or, for daily
   * candles, calendar days) found already stored and so not asked for.
   */
  public record Result(int dailyRows, int minuteRows, int flowRows, int calls, int skippedRows, int storedDays) {
    Result plus(Result o) {
      return new Result(dailyRows + o.dailyRows, minuteRows + o.minuteRows, flowRows + o.flowRows, calls + o.calls,
          skippedRows + o.skippedRows, storedDays + o.storedDays);
    }
  }

  private final CandleSource source;
  private final HistoryDb store;
  private final MarketCalendar calendar;
  private final Clock clock;

  /**
   * @param calendar which past days KRX traded (the days whose minute candles are asked for)
   * @param clock what "today" is (KST): today's candles are never marked fetched
   */
  public HistoryFetcher(CandleSource source, HistoryDb store, MarketCalendar calendar, Clock clock) {
    this.source = source;
    this.store = store;
    this.calendar = calendar;
    this.clock = clock;
  }

  private LocalDate today() {
    return LocalDate.now(clock.withZone(StrategyContext.KST));
  }

  /** Daily candles from {@code from} to {@code to} that are not stored yet. */
  public Result fetchDaily(Symbol s, LocalDate from, LocalDate to) {
    Set<LocalDate> have = store.fetchedDays(HistoryDb.Kind.DAILY, s, from, to);
    LocalDate lo = null;
    LocalDate hi = null;
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      if (!have.contains(d)) {
        lo = lo == null ? d : lo;
        hi = d;
      }
    }
    if (lo == null) {
      return new Result(0, 0, 0, 0, 0, have.size());
    }
    LocalDate lastDone = today().minusDays(1);
    int calls = 0;
    int rows = 0;
    int skipped = 0;
    LocalDate end = hi;
    while (!end.isBefore(lo) && calls < MAX_PAGES) {
      List<DailyCandle> page = source.daily(s, lo, end);
      calls++;
      LocalDate oldest = null;
      List<HistoryDb.DailyRow> got = new ArrayList<>();
      for (DailyCandle c : page) {
        if (c.date().isBefore(lo) || c.date().isAfter(end)) {
          continue;
        }
        oldest = oldest == null || c.date().isBefore(oldest) ? c.date() : oldest;
        if (valid(c.open(), c.high(), c.low(), c.close())) {
          got.add(new HistoryDb.DailyRow(c.date(), c.open(), c.high(), c.low(), c.close(), c.volume()));
        } else {
          skipped++;
        }
      }
      LocalDate markTo = end.isAfter(lastDone) ? lastDone : end;
      // No row in the range: KIS has nothing older, so the rest of the range is known to be empty.
      store.putDaily(s, got, oldest == null ? lo : oldest, markTo);
      rows += got.size();
      if (oldest == null) {
        break;
      }
      end = oldest.minusDays(1);
    }
    return new Result(rows, 0, 0, calls, skipped, have.size());
  }

  /**
   * Past days' one-minute candles from {@code from} to {@code to} (today excluded: see
   * {@link #fetchToday}), for the days KRX traded that are not stored yet, oldest first.
   */
  public Result fetchPastMinutes(Symbol s, LocalDate from, LocalDate to, DayProgress progress) {
    LocalDate last = to.isBefore(today()) ? to : today().minusDays(1);
    List<LocalDate> days = new ArrayList<>();
    for (LocalDate d = from; !d.isAfter(last); d = d.plusDays(1)) {
      if (traded(d)) {
        days.add(d);
      }
    }
    Set<LocalDate> have = days.isEmpty() ? Set.of() : store.fetchedDays(HistoryDb.Kind.MINUTE, s, from, last);
    List<LocalDate> todo = days.stream().filter(d -> !have.contains(d)).toList();
    int calls = 0;
    int rows = 0;
    int skipped = 0;
    int done = 0;
    for (LocalDate d : todo) {
      Map<LocalTime, MinuteCandle> got = new TreeMap<>();
      int[] daySkipped = {0};
      calls += walkDay(d, firstMinute(d), (at) -> source.pastMinutes(s, d, at), lastMinute(d), got, daySkipped);
      skipped += daySkipped[0];
      store.putMinuteDay(s, d, rowsOf(d, got), true);
      rows += got.size();
      progress.dayStored(s, d, ++done, todo.size(), got.size(), calls);
    }
    return new Result(0, rows, 0, calls, skipped, days.size() - todo.size());
  }

  /** Today's one-minute candles up to {@code until}, replacing what is stored of today (never marked fetched). */
  public Result fetchToday(Symbol s, LocalTime until) {
    LocalDate today = today();
    Map<LocalTime, MinuteCandle> got = new TreeMap<>();
    int[] skipped = {0};
    int calls = walkDay(today, OPEN, (at) -> source.minutes(s, at), until, got, skipped);
    if (!got.isEmpty()) {
      store.putMinuteDay(s, today, rowsOf(today, got), false);
    }
    return new Result(0, got.size(), 0, calls, skipped[0], 0);
  }

  /** Recent investor flows, replacing the stored ones of the same days. */
  public Result fetchFlows(Symbol s) {
    List<FlowDay> days = new ArrayList<>(source.investorDays(s));
    days.sort(Comparator.comparing(FlowDay::date));
    store.putFlows(s, days.stream()
        .map(d -> new HistoryDb.FlowRow(d.date(), d.foreign(), d.institution(), d.individual())).toList());
    return new Result(0, 0, days.size(), 1, 0, 0);
  }

  /**
   * Walks one day's minute candles back from {@code until} to {@code open}, page by page, into
   * {@code got}; returns the calls made.
   */
  private static int walkDay(LocalDate day, LocalTime open, java.util.function.Function<LocalTime, List<MinuteCandle>> page,
      LocalTime until, Map<LocalTime, MinuteCandle> got, int[] skipped) {
    int calls = 0;
    LocalTime at = until;
    while (calls < MAX_PAGES_PER_DAY) {
      List<MinuteCandle> rows = page.apply(at);
      calls++;
      LocalTime earliest = null;
      for (MinuteCandle c : rows) {
        if (!c.date().equals(day) || c.start().isAfter(at)) {
          continue;
        }
        earliest = earliest == null || c.start().isBefore(earliest) ? c.start() : earliest;
        if (valid(c.open(), c.high(), c.low(), c.close())) {
          got.put(c.start(), c);
        } else {
          skipped[0]++;
        }
      }
      if (earliest == null || !earliest.isAfter(open)) {
        break;
      }
      at = earliest.minusMinutes(1);
    }
    return calls;
  }

  private static List<HistoryDb.MinuteRow> rowsOf(LocalDate day, Map<LocalTime, MinuteCandle> got) {
    return got.values().stream().map(c -> new HistoryDb.MinuteRow(day.atTime(c.start()), c.open(), c.high(),
        c.low(), c.close(), c.volume())).toList();
  }

  /** Whether KRX traded on {@code d}: the calendar where it knows the year, else any weekday. */
  private boolean traded(LocalDate d) {
    if (calendar.covers(d)) {
      return calendar.hours(Venue.KRX, d).isPresent();
    }
    return d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY;
  }

  /** The first minute of continuous trading that day (a late-open day starts later). */
  private LocalTime firstMinute(LocalDate d) {
    return calendar.covers(d)
        ? calendar.hours(Venue.KRX, d).flatMap(v -> v.session(MarketPhase.CONTINUOUS)).map(VenueSession::start)
            .orElse(OPEN)
        : OPEN;
  }

  /** The day's last minute: its last session's end (the closing match, or the after-market's end). */
  private LocalTime lastMinute(LocalDate d) {
    return calendar.covers(d) ? calendar.hours(Venue.KRX, d).map(VenueDay::closes).orElse(CLOSE) : CLOSE;
  }

  private static boolean valid(long open, long high, long low, long close) {
    return low > 0 && high >= low && open >= low && open <= high && close >= low && close <= high;
  }
}
