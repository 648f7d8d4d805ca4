package kis.engine.backtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import kis.journal.Symbol;
import kis.journal.Venue;
import kis.journal.calendar.MarketCalendar;

/**
 * Downloads candles and investor flows page by page into a {@link HistoryStore}, merging with what
 * is already stored (a day fetched again replaces the stored one). The KIS calls go through a
 * {@link CandleSource}; the engine adapts the connector's rate-limited REST client to it.
 *
 * <p>Paging follows KIS's limits: daily candles come at most 100 per call, so the range is walked
 * backwards from {@code to} until {@code from} is covered or KIS has no older data; minute candles
 * exist for today only, 30 per call ending at a given time, so they are walked backwards from the
 * close to the open. Rows with no price (KIS pads empty rows with zeros) are skipped.
 */
public final class HistoryFetcher {
  /** Minute candles are walked back to KRX's regular open (the one calendar's). */
  static final LocalTime OPEN = MarketCalendar.defaults().regularHours(Venue.KRX).open();
  static final int MAX_PAGES = 10_000;

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

    /** Recent days of investor flows. */
    List<FlowDay> investorDays(Symbol symbol);
  }

  /** What one fetch stored. */
  public record Result(int dailyRows, int minuteRows, int flowRows, int calls, int skippedRows) {
    Result plus(Result o) {
      return new Result(dailyRows + o.dailyRows, minuteRows + o.minuteRows, flowRows + o.flowRows, calls + o.calls,
          skippedRows + o.skippedRows);
    }
  }

  private final CandleSource source;
  private final HistoryStore store;

  public HistoryFetcher(CandleSource source, HistoryStore store) {
    this.source = source;
    this.store = store;
  }

  /** Daily candles from {@code from} to {@code to}, merged into {@code <symbol>/daily.csv}. */
  public Result fetchDaily(Symbol s, LocalDate from, LocalDate to) {
    Map<LocalDate, DailyCandle> got = new TreeMap<>();
    int calls = 0;
    int skipped = 0;
    LocalDate end = to;
    while (!end.isBefore(from) && calls < MAX_PAGES) {
      List<DailyCandle> page = source.daily(s, from, end);
      calls++;
      LocalDate oldest = null;
      for (DailyCandle c : page) {
        if (c.date().isBefore(from) || c.date().isAfter(to)) {
          continue;
        }
        oldest = oldest == null || c.date().isBefore(oldest) ? c.date() : oldest;
        if (valid(c.open(), c.high(), c.low(), c.close())) {
          got.put(c.date(), c);
        } else {
          skipped++;
        }
      }
      if (oldest == null) {
        break; // nothing in the range: KIS has no older history
      }
      end = oldest.minusDays(1);
    }
    Map<LocalDate, String> rows = rowsByDate(store.dailyFile(s));
    got.values().forEach(c -> rows.put(c.date(), c.date() + "," + s.code() + "," + c.open() + "," + c.high() + ","
        + c.low() + "," + c.close() + "," + c.volume()));
    write(store.dailyFile(s), "time,symbol,open,high,low,close,volume", rows.values());
    return new Result(got.size(), 0, 0, calls, skipped);
  }

  /**
   * Today's one-minute candles up to {@code until} into {@code <symbol>/minute/<today>.csv}. Bars
   * are stored stamped at their end (a candle labelled 09:00 is stored as 09:01).
   */
  public Result fetchMinutes(Symbol s, LocalTime until) {
    Map<LocalDateTime, MinuteCandle> got = new TreeMap<>();
    int calls = 0;
    int skipped = 0;
    LocalTime at = until;
    while (calls < MAX_PAGES) {
      List<MinuteCandle> page = source.minutes(s, at);
      calls++;
      LocalTime earliest = null;
      for (MinuteCandle c : page) {
        if (c.start().isAfter(at)) {
          continue;
        }
        earliest = earliest == null || c.start().isBefore(earliest) ? c.start() : earliest;
        if (valid(c.open(), c.high(), c.low(), c.close())) {
          got.put(c.date().atTime(c.start()), c);
        } else {
          skipped++;
        }
      }
      if (earliest == null || !earliest.isAfter(OPEN)) {
        break;
      }
      at = earliest.minusMinutes(1);
    }
    Map<LocalDate, List<MinuteCandle>> byDay = new TreeMap<>();
    got.values().forEach(c -> byDay.computeIfAbsent(c.date(), d -> new ArrayList<>()).add(c));
    for (Map.Entry<LocalDate, List<MinuteCandle>> day : byDay.entrySet()) {
      Path f = store.minuteFile(s, day.getKey());
      Map<String, String> rows = rowsByTime(f);
      for (MinuteCandle c : day.getValue()) {
        String end = c.date().atTime(c.start()).plusMinutes(1).toString();
        rows.put(end, end + "," + s.code() + "," + c.open() + "," + c.high() + "," + c.low() + "," + c.close() + ","
            + c.volume());
      }
      write(f, "time,symbol,open,high,low,close,volume", rows.values());
    }
    return new Result(0, got.size(), 0, calls, skipped);
  }

  /** Recent investor flows, merged into {@code <symbol>/flows.csv}. */
  public Result fetchFlows(Symbol s) {
    List<FlowDay> days = new ArrayList<>(source.investorDays(s));
    days.sort(Comparator.comparing(FlowDay::date));
    Map<LocalDate, String> rows = rowsByDate(store.flowsFile(s));
    days.forEach(d -> rows.put(d.date(), d.date() + "," + s.code() + "," + d.foreign() + "," + d.institution() + ","
        + d.individual()));
    write(store.flowsFile(s), "date,symbol,foreign,institution,individual", rows.values());
    return new Result(0, 0, days.size(), 1, 0);
  }

  private static boolean valid(long open, long high, long low, long close) {
    return low > 0 && high >= low && open >= low && open <= high && close >= low && close <= high;
  }

  private static Map<LocalDate, String> rowsByDate(Path f) {
    Map<LocalDate, String> rows = new TreeMap<>();
    existing(f).forEach(line -> rows.put(LocalDate.parse(line.substring(0, line.indexOf(','))), line));
    return rows;
  }

  private static Map<String, String> rowsByTime(Path f) {
    Map<String, String> rows = new TreeMap<>();
    existing(f).forEach(line -> rows.put(LocalDateTime.parse(line.substring(0, line.indexOf(','))).toString(), line));
    return rows;
  }

  /** The data rows of a stored file; the reader checks the whole file first, so a corrupt one is an error. */
  private static List<String> existing(Path f) {
    if (!Files.exists(f)) {
      return List.of();
    }
    CsvMarketData.read(f);
    try {
      List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
      return lines.subList(1, lines.size()).stream().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + f, e);
    }
  }

  private static void write(Path f, String header, Iterable<String> rows) {
    try {
      Files.createDirectories(f.getParent());
      StringBuilder sb = new StringBuilder(header).append('\n');
      rows.forEach(r -> sb.append(r).append('\n'));
      Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
      Files.writeString(tmp, sb.toString(), StandardCharsets.UTF_8);
      Files.move(tmp, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + f, e);
    }
  }
}
