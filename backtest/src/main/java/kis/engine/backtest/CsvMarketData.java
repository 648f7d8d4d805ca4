package kis.engine.backtest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kis.journal.Symbol;
import kis.strategies.StrategyContext;
import kis.strategies.event.Bar;
import kis.strategies.event.InvestorFlow;
import kis.strategies.event.MarketEvent;
import kis.strategies.event.Trade;
import kis.journal.Venue;
import kis.journal.calendar.MarketCalendar;

/**
 * Reads market data from CSV. The header names the kind of file; columns may come in any order,
 * extra columns are ignored. Times are Korea Standard Time, ISO-8601 without zone.
 *
 * <ul>
 *   <li><b>Bars</b>: {@code time,symbol,open,high,low,close,volume}. {@code time} is the END of
 *       the bar: {@code 2026-03-02T09:01} is the 09:00-09:01 minute bar. A date alone
 *       ({@code 2026-03-02}) is a daily bar, delivered at that day's close (15:30).
 *   <li><b>Trades</b>: {@code time,symbol,price,quantity}.
 *   <li><b>Investor flows</b>: {@code date,symbol,foreign,institution,individual} (net buying in
 *       shares, negative for net selling), delivered at 18:00 that day, after the close.
 * </ul>
 * Symbols are KRX short codes (leading zeros kept: {@code 005930}). A malformed row is an error
 * naming the file and line; nothing is silently skipped.
 */
public final class CsvMarketData {
  /** A daily bar ends at KRX's regular close (the one calendar's). */
  static final LocalTime DAILY_BAR_TIME = MarketCalendar.defaults().regularHours(Venue.KRX).close();
  static final LocalTime FLOW_TIME = LocalTime.of(18, 0);

  private CsvMarketData() {}

  public static MarketData read(Path file) {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(file.toString(), in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  static MarketData parse(String source, BufferedReader in) throws IOException {
    String header = in.readLine();
    if (header == null) {
      return MarketData.of(List.of());
    }
    Map<String, Integer> col = new HashMap<>();
    String[] names = header.replace("\uFEFF", "").split(",", -1);
    for (int i = 0; i < names.length; i++) {
      col.put(names[i].trim().toLowerCase(Locale.ROOT), i);
    }
    Kind kind = Kind.of(col, source);
    List<MarketEvent> events = new ArrayList<>();
    String line;
    int n = 1;
    while ((line = in.readLine()) != null) {
      n++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split(",", -1);
      try {
        events.add(kind.row(new Row(f, col)));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(source + ":" + n + ": " + e.getMessage(), e);
      }
    }
    return MarketData.of(events);
  }

  static Instant kst(LocalDateTime t) {
    return t.atZone(StrategyContext.KST).toInstant();
  }

  private record Row(String[] f, Map<String, Integer> col) {
    String get(String name) {
      Integer i = col.get(name);
      if (i == null || i >= f.length || f[i].isBlank()) {
        throw new IllegalArgumentException("missing " + name);
      }
      return f[i].trim();
    }

    long num(String name) {
      String v = get(name);
      try {
        return Long.parseLong(v);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(name + " is not a whole number: '" + v + "'");
      }
    }

    Symbol symbol() {
      return Symbol.of(get("symbol"));
    }
  }

  private enum Kind {
    BARS("time", "symbol", "open", "high", "low", "close", "volume") {
      @Override
      MarketEvent row(Row r) {
        String t = r.get("time");
        boolean daily = !t.contains("T") && !t.contains(" ");
        Instant end = daily ? kst(LocalDate.parse(t).atTime(DAILY_BAR_TIME)) : kst(dateTime(t));
        return new Bar(r.symbol(), end, daily ? Bar.DAY : Bar.MINUTE, r.num("open"), r.num("high"), r.num("low"),
            r.num("close"), r.num("volume"));
      }
    },
    TRADES("time", "symbol", "price", "quantity") {
      @Override
      MarketEvent row(Row r) {
        return new Trade(r.symbol(), kst(dateTime(r.get("time"))), r.num("price"), r.num("quantity"), 0);
      }
    },
    FLOWS("date", "symbol", "foreign", "institution", "individual") {
      @Override
      MarketEvent row(Row r) {
        LocalDate d = LocalDate.parse(r.get("date"));
        return new InvestorFlow(r.symbol(), kst(d.atTime(FLOW_TIME)), d, r.num("foreign"), r.num("institution"),
            r.num("individual"));
      }
    };

    private final List<String> columns;

    Kind(String... columns) {
      this.columns = Arrays.asList(columns);
    }

    abstract MarketEvent row(Row r);

    static Kind of(Map<String, Integer> col, String source) {
      for (Kind k : values()) {
        if (col.keySet().containsAll(k.columns)) {
          return k;
        }
      }
      StringBuilder sb = new StringBuilder(source + ": unrecognised CSV header " + col.keySet() + "; expected one of:");
      for (Kind k : values()) {
        sb.append("\n  ").append(String.join(",", k.columns));
      }
      throw new IllegalArgumentException(sb.toString());
    }

    static LocalDateTime dateTime(String t) {
      try {
        return LocalDateTime.parse(t.replace(' ', 'T'));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("time is not ISO yyyy-MM-ddTHH:mm[:ss]: '" + t + "'");
      }
    }
  }
}
