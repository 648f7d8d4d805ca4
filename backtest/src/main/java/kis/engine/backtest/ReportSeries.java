package kis.engine.backtest;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.event.OrderFilled;
import kis.strategies.StrategyContext;
import kis.strategies.event.Bar;
import kis.strategies.event.MarketEvent;
import kis.strategies.event.Trade;

/**
 * The series the report draws, derived from a finished run and the market data it ran over:
 * candles per symbol (coarsened so a chart holds at most {@link #MAX_CANDLES}), each fill placed on
 * its candle, buy-and-hold of the same symbols, drawdown and monthly returns. Read-only over both.
 */
final class ReportSeries {
  static final int MAX_CANDLES = 2_000;
  static final int MAX_POINTS = 5_000;
  /** Candle widths tried from finest to coarsest, in minutes; the last is a KST calendar day. */
  private static final int[] WIDTHS = {1, 5, 15, 30, 60, 24 * 60};
  private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");

  /** ECharts' candle order: open, close, low, high. */
  record Candle(String label, long open, long close, long low, long high) {}

  /** A fill on its candle: {@code index} into the symbol's candles. */
  record Marker(int index, Side side, long price, long quantity, String time) {}

  record PriceChart(Symbol symbol, int widthMinutes, List<Candle> candles, List<Marker> markers) {}

  record Point(long epochMillis, double value) {}

  record Month(YearMonth month, double ret) {}

  private ReportSeries() {}

  static List<PriceChart> prices(BacktestResult r, MarketData md) {
    // One-minute candles first, built as the events stream by: memory stays bounded by the minutes
    // in the data however many prints it holds.
    Map<Symbol, TreeMap<Long, long[]>> minutes = new TreeMap<>(); // minute key -> {o, h, l, c}
    java.util.Set<Symbol> intraday = new java.util.HashSet<>();
    for (MarketEvent e : md.events()) {
      if (e instanceof Bar b && b.period().compareTo(Bar.DAY) >= 0) {
        // a daily bar's time is its session's close, on the day it belongs to
        add(minutes, b.symbol(), b.time().getEpochSecond(), b.open(), b.high(), b.low(), b.close());
      } else if (e instanceof Bar b) {
        intraday.add(b.symbol());
        add(minutes, b.symbol(), b.start().getEpochSecond(), b.open(), b.high(), b.low(), b.close());
      } else if (e instanceof Trade t) {
        intraday.add(t.symbol());
        add(minutes, t.symbol(), t.time().getEpochSecond(), t.price(), t.price(), t.price(), t.price());
      }
    }
    List<PriceChart> out = new ArrayList<>();
    for (Map.Entry<Symbol, TreeMap<Long, long[]>> e : minutes.entrySet()) {
      out.add(chart(e.getKey(), e.getValue(), !intraday.contains(e.getKey()), r.fills()));
    }
    return out;
  }

  private static void add(Map<Symbol, TreeMap<Long, long[]>> into, Symbol symbol, long epochSecond, long open,
      long high, long low, long close) {
    merge(into.computeIfAbsent(symbol, s -> new TreeMap<>()), key(epochSecond, 1), open, high, low, close);
  }

  /** Events arrive in time order, so the first into a bucket opens it and the last closes it. */
  private static void merge(TreeMap<Long, long[]> buckets, long key, long open, long high, long low, long close) {
    long[] c = buckets.get(key);
    if (c == null) {
      buckets.put(key, new long[] {open, high, low, close});
    } else {
      c[1] = Math.max(c[1], high);
      c[2] = Math.min(c[2], low);
      c[3] = close;
    }
  }

  private static long key(long epochSecond, int widthMinutes) {
    LocalDateTime kst = LocalDateTime.ofInstant(Instant.ofEpochSecond(epochSecond), StrategyContext.KST);
    long minute = kst.toLocalDate().toEpochDay() * 24 * 60 + kst.getHour() * 60L + kst.getMinute();
    return minute / widthMinutes * widthMinutes;
  }

  private static PriceChart chart(Symbol symbol, TreeMap<Long, long[]> minutes, boolean dailyOnly,
      List<BacktestResult.Fill> fills) {
    int width = WIDTHS[WIDTHS.length - 1];
    for (int w : WIDTHS) {
      if (!dailyOnly && minutes.keySet().stream().mapToLong(k -> k / w).distinct().count() <= MAX_CANDLES) {
        width = w;
        break;
      }
    }
    TreeMap<Long, long[]> buckets = new TreeMap<>();
    for (Map.Entry<Long, long[]> m : minutes.entrySet()) {
      long[] c = m.getValue();
      merge(buckets, m.getKey() / width * width, c[0], c[1], c[2], c[3]);
    }
    List<Candle> candles = new ArrayList<>();
    long[] keys = new long[buckets.size()];
    int i = 0;
    for (Map.Entry<Long, long[]> b : buckets.entrySet()) {
      keys[i++] = b.getKey();
      long m = b.getKey();
      LocalDateTime at = LocalDateTime.of(java.time.LocalDate.ofEpochDay(Math.floorDiv(m, 24 * 60)),
          java.time.LocalTime.ofSecondOfDay(Math.floorMod(m, 24 * 60) * 60));
      long[] c = b.getValue();
      candles.add(new Candle(at.format(width >= 24 * 60 ? DAY : MINUTE), c[0], c[3], c[2], c[1]));
    }
    List<Marker> markers = new ArrayList<>();
    for (BacktestResult.Fill f : fills) {
      OrderFilled e = f.event();
      if (!e.symbol().equals(symbol) || keys.length == 0) {
        continue;
      }
      // The candle the fill falls in; a fill on a bar's closing instant lands in the next one if
      // there is one, which is when the order was filled.
      int at = Arrays.binarySearch(keys, key(e.recordedAt().getEpochSecond(), width));
      int index = at >= 0 ? at : Math.max(0, -at - 2);
      markers.add(new Marker(index, e.side(), e.price(), e.quantity(), ReportWriter.time(e.recordedAt())));
    }
    return new PriceChart(symbol, width, candles, markers);
  }

  /** Every sample when there are few, else an even stride that keeps the last. */
  static <T> List<T> thin(List<T> all) {
    if (all.size() <= MAX_POINTS) {
      return all;
    }
    List<T> out = new ArrayList<>(MAX_POINTS + 1);
    double step = (double) all.size() / MAX_POINTS;
    for (int i = 0; i < MAX_POINTS; i++) {
      out.add(all.get((int) (i * step)));
    }
    out.add(all.get(all.size() - 1));
    return out;
  }

  static List<Point> equity(BacktestResult r) {
    return thin(r.equity()).stream().map(p -> new Point(p.time().toEpochMilli(), p.equity())).toList();
  }

  /** Drawdown in percent (zero or negative) at each sample, from a running peak that starts at the initial cash. */
  static List<Point> drawdown(BacktestResult r) {
    List<Point> all = new ArrayList<>();
    double peak = r.config().initialCash();
    for (BacktestResult.EquityPoint p : r.equity()) {
      peak = Math.max(peak, p.equity());
      all.add(new Point(p.time().toEpochMilli(), -(peak - p.equity()) / peak * 100));
    }
    return thin(all);
  }

  /**
   * The initial cash split evenly over the symbols, each share bought whole at its first price
   * (the rest kept as cash) and held; valued at each equity sample with the last price seen by
   * then. Before costs: buying and holding pays one fee.
   */
  static List<Point> buyAndHold(BacktestResult r, MarketData md) {
    List<MarketEvent> events = md.events();
    Map<Symbol, Long> first = new LinkedHashMap<>();
    for (MarketEvent e : events) {
      long px = price(e);
      if (px > 0) {
        first.putIfAbsent(e.symbol(), px);
      }
    }
    if (first.isEmpty()) {
      return List.of();
    }
    long each = r.config().initialCash() / first.size();
    Map<Symbol, Long> shares = new HashMap<>();
    long cash = r.config().initialCash();
    for (Map.Entry<Symbol, Long> e : first.entrySet()) {
      long n = each / e.getValue();
      shares.put(e.getKey(), n);
      cash -= n * e.getValue();
    }
    Map<Symbol, Long> last = new HashMap<>(first);
    List<Point> out = new ArrayList<>();
    int next = 0;
    for (BacktestResult.EquityPoint p : thin(r.equity())) {
      while (next < events.size() && !events.get(next).time().isAfter(p.time())) {
        MarketEvent e = events.get(next++);
        long px = price(e);
        if (px > 0) {
          last.put(e.symbol(), px);
        }
      }
      long value = cash;
      for (Map.Entry<Symbol, Long> s : shares.entrySet()) {
        value += s.getValue() * last.get(s.getKey());
      }
      out.add(new Point(p.time().toEpochMilli(), value));
    }
    return out;
  }

  private static long price(MarketEvent e) {
    return e instanceof Bar b ? b.close() : e instanceof Trade t ? t.price() : 0;
  }

  /** Each calendar month's return from the last close before it (the initial cash for the first). */
  static List<Month> monthly(BacktestResult r) {
    Map<YearMonth, Long> lastOfMonth = new LinkedHashMap<>();
    for (BacktestResult.DailyEquity d : r.daily()) {
      lastOfMonth.put(YearMonth.from(d.date()), d.equity());
    }
    List<Month> out = new ArrayList<>();
    double prev = r.config().initialCash();
    for (Map.Entry<YearMonth, Long> m : lastOfMonth.entrySet()) {
      out.add(new Month(m.getKey(), m.getValue() / prev - 1));
      prev = m.getValue();
    }
    return out;
  }

  static String dayLabel(java.time.LocalDate d) {
    return d.format(DAY);
  }
}
