package kis.engine.backtest;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kis.journal.Symbol;
import kis.journal.Venue;
import kis.journal.calendar.MarketCalendar;
import kis.strategies.StrategyContext;
import kis.strategies.event.Bar;
import kis.strategies.event.InvestorFlow;
import kis.strategies.event.MarketEvent;
import kis.strategies.event.Trade;

/**
 * Reads market data from CSV (parsed by {@link CsvTable}: Jackson's CSV parser, so quoted fields
 * work). The header names the kind of file; columns may come in any order, under our names, KIS's
 * field names or the Korean names of KIS's and pykrx's exports ({@link CsvColumns}); extra columns
 * are ignored. Times are Korea Standard Time.
 *
 * <ul>
 *   <li><b>Bars by time</b>: {@code time,symbol,open,high,low,close,volume}. {@code time} is the END
 *       of the bar: {@code 2026-03-02T09:01} is the 09:00-09:01 minute bar. A date alone is a daily
 *       bar, delivered at that day's close (15:30).
 *   <li><b>Bars by date</b> (KIS and pykrx exports): {@code 날짜,시가,고가,저가,종가,거래량} (or
 *       {@code stck_bsop_date,stck_oprc,…}) are daily bars; with an hour column ({@code 시간},
 *       {@code stck_cntg_hour}) they are minute bars labelled, as KIS labels them, by their START
 *       minute, so {@code 20260302,090000} is delivered at 09:01.
 *   <li><b>Trades</b>: {@code time,symbol,price,quantity}.
 *   <li><b>Investor flows</b>: {@code date,symbol,foreign,institution,individual} (net buying in
 *       shares, negative for net selling; pykrx's {@code 외국인합계,기관합계,개인}), delivered at
 *       18:00 that day, after the close.
 * </ul>
 * Dates are {@code yyyy-MM-dd} or {@code yyyyMMdd} (also {@code yyyy/MM/dd}, {@code yyyy.MM.dd});
 * numbers are whole, with or without thousands separators. Symbols are KRX short codes (leading
 * zeros kept: {@code 005930}); a file without a symbol column (pykrx exports one stock per file)
 * takes it from its name, {@code 005930.csv} or {@code 005930_daily.csv}. Anything else is an
 * error naming the file and line; nothing is silently skipped.
 */
public final class CsvMarketData {
  /** A daily bar ends at KRX's regular close (the one calendar's). */
  static final LocalTime DAILY_BAR_TIME = MarketCalendar.defaults().regularHours(Venue.KRX).close();
  static final LocalTime FLOW_TIME = LocalTime.of(18, 0);

  private static final List<DateTimeFormatter> DATES = List.of(DateTimeFormatter.ISO_LOCAL_DATE,
      DateTimeFormatter.BASIC_ISO_DATE, DateTimeFormatter.ofPattern("uuuu/MM/dd"),
      DateTimeFormatter.ofPattern("uuuu.MM.dd"));
  private static final List<DateTimeFormatter> HOURS = List.of(DateTimeFormatter.ofPattern("HHmmss"),
      DateTimeFormatter.ofPattern("HHmm"), DateTimeFormatter.ISO_LOCAL_TIME);

  private CsvMarketData() {}

  public static MarketData read(Path file) {
    String name = file.getFileName().toString();
    String stem = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
    String code = stem.contains("_") ? stem.substring(0, stem.indexOf('_')) : stem;
    return parse(CsvTable.read(file), symbolNamed(code));
  }

  private static Optional<Symbol> symbolNamed(String code) {
    try {
      return Optional.of(Symbol.of(code));
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // not named after a stock: the file needs a symbol column
    }
  }

  static MarketData parse(CsvTable table, Optional<Symbol> fileSymbol) {
    if (table.header().isEmpty()) {
      return MarketData.of(List.of());
    }
    Map<String, Integer> col = new HashMap<>();
    for (int i = 0; i < table.header().size(); i++) {
      String canonical = CsvColumns.canonical(table.header().get(i));
      col.putIfAbsent(canonical, i); // the first of two aliases wins (stck_clpr before stck_prpr, …)
    }
    Kind kind = Kind.of(col.keySet(), table.source());
    if (!col.containsKey("symbol") && fileSymbol.isEmpty()) {
      throw new IllegalArgumentException(table.source() + ": no symbol column (symbol, 종목코드, …); add one or name"
          + " the file after the stock's code, e.g. 005930.csv");
    }
    List<MarketEvent> events = new ArrayList<>();
    for (CsvTable.Row r : table.rows()) {
      try {
        events.add(kind.row(new Row(r.fields(), col, fileSymbol)));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(table.source() + ":" + r.line() + ": " + e.getMessage(), e);
      }
    }
    return MarketData.of(events);
  }

  static Instant kst(LocalDateTime t) {
    return t.atZone(StrategyContext.KST).toInstant();
  }

  private record Row(List<String> f, Map<String, Integer> col, Optional<Symbol> fileSymbol) {
    String get(String name) {
      Integer i = col.get(name);
      if (i == null || i >= f.size() || f.get(i).isBlank()) {
        throw new IllegalArgumentException("missing " + name);
      }
      return f.get(i).trim();
    }

    boolean has(String name) {
      return col.containsKey(name);
    }

    long num(String name) {
      String v = get(name);
      String digits = v.replace(",", "").replaceFirst("\\.0+$", "");
      try {
        return Long.parseLong(digits.startsWith("+") ? digits.substring(1) : digits);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(name + " is not a whole number: '" + v + "'");
      }
    }

    Symbol symbol() {
      return has("symbol") ? Symbol.of(get("symbol")) : fileSymbol.orElseThrow();
    }

    LocalDate date(String name) {
      String v = get(name);
      // pandas writes a date index as "2026-03-02 00:00:00" when it carries a time.
      String d = v.endsWith(" 00:00:00") ? v.substring(0, v.length() - 9) : v;
      for (DateTimeFormatter fmt : DATES) {
        try {
          return LocalDate.parse(d, fmt);
        } catch (DateTimeParseException e) {
          // try the next format
        }
      }
      throw new IllegalArgumentException(name + " is not a date (yyyy-MM-dd or yyyyMMdd): '" + v + "'");
    }

    LocalTime hour(String name) {
      String v = get(name);
      for (DateTimeFormatter fmt : HOURS) {
        try {
          return LocalTime.parse(v, fmt);
        } catch (DateTimeParseException e) {
          // try the next format
        }
      }
      throw new IllegalArgumentException(name + " is not a time of day (HHmmss or HH:mm[:ss]): '" + v + "'");
    }

    /** A date and time ({@code yyyy-MM-ddTHH:mm[:ss]}, a space for the T, or the date in yyyyMMdd). */
    LocalDateTime dateTime(String name) {
      String v = get(name);
      int sep = Math.max(v.indexOf('T'), v.indexOf(' '));
      if (sep < 0) {
        throw new IllegalArgumentException(name + " is not a date and time (yyyy-MM-ddTHH:mm[:ss]): '" + v + "'");
      }
      Row parts = new Row(List.of(v.substring(0, sep), v.substring(sep + 1)), Map.of("d", 0, "t", 1), fileSymbol);
      try {
        return parts.date("d").atTime(parts.hour("t"));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(name + " is not a date and time (yyyy-MM-ddTHH:mm[:ss]): '" + v + "'");
      }
    }

    boolean isDateOnly(String name) {
      String v = get(name);
      return !v.contains("T") && !v.contains(" ");
    }
  }

  private enum Kind {
    BARS_BY_TIME("time", "open", "high", "low", "close", "volume") {
      @Override
      MarketEvent row(Row r) {
        boolean daily = r.isDateOnly("time");
        Instant end = daily ? kst(r.date("time").atTime(DAILY_BAR_TIME)) : kst(r.dateTime("time"));
        return bar(r, end, daily ? Bar.DAY : Bar.MINUTE);
      }
    },
    BARS_BY_DATE("date", "open", "high", "low", "close", "volume") {
      @Override
      MarketEvent row(Row r) {
        LocalDate d = r.date("date");
        return r.has("hour")
            ? bar(r, kst(d.atTime(r.hour("hour")).plusMinutes(1)), Bar.MINUTE)
            : bar(r, kst(d.atTime(DAILY_BAR_TIME)), Bar.DAY);
      }
    },
    TRADES("time", "price", "quantity") {
      @Override
      MarketEvent row(Row r) {
        return new Trade(r.symbol(), kst(r.dateTime("time")), r.num("price"), r.num("quantity"), 0);
      }
    },
    FLOWS("date", "foreign", "institution", "individual") {
      @Override
      MarketEvent row(Row r) {
        LocalDate d = r.date("date");
        return new InvestorFlow(r.symbol(), kst(d.atTime(FLOW_TIME)), d, r.num("foreign"), r.num("institution"),
            r.num("individual"));
      }
    };

    private final List<String> columns;

    Kind(String... columns) {
      this.columns = List.of(columns);
    }

    abstract MarketEvent row(Row r);

    static Bar bar(Row r, Instant end, java.time.Duration period) {
      return new Bar(r.symbol(), end, period, r.num("open"), r.num("high"), r.num("low"), r.num("close"),
          r.num("volume"));
    }

    static Kind of(java.util.Set<String> cols, String source) {
      for (Kind k : values()) {
        if (cols.containsAll(k.columns)) {
          return k;
        }
      }
      StringBuilder sb = new StringBuilder(source + ": unrecognised CSV header " + new java.util.TreeSet<>(cols)
          + "; expected one of (plus symbol, unless the file is named after it):");
      for (Kind k : values()) {
        sb.append("\n  ").append(String.join(",", k.columns));
      }
      sb.append("\n  (").append(CsvColumns.describe()).append(')');
      throw new IllegalArgumentException(sb.toString());
    }
  }
}
