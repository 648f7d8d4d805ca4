package kis.engine.backtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;
import kis.journal.Symbol;
import kis.strategies.StrategyContext;
import kis.strategies.event.MarketEvent;

/**
 * The CSV history store earlier versions of {@code kis-trader history fetch} filled, still read by
 * {@code backtest --history DIR} when the folder holds no {@link HistoryDb} file: plain CSV files in
 * the {@link CsvMarketData} formats, one folder per symbol. New fetches go to {@link HistoryDb}.
 *
 * <pre>
 * &lt;dir&gt;/&lt;symbol&gt;/daily.csv                 daily bars (time = date)
 * &lt;dir&gt;/&lt;symbol&gt;/minute/&lt;yyyy-MM-dd&gt;.csv    one-minute bars of one day (time = bar end)
 * &lt;dir&gt;/&lt;symbol&gt;/flows.csv                 daily investor flows (optional)
 * </pre>
 */
public final class HistoryStore {
  /** Candle interval kept in the store. */
  public enum Interval {
    MINUTE,
    DAILY
  }

  private final Path dir;

  public HistoryStore(Path dir) {
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  public Path dailyFile(Symbol s) {
    return dir.resolve(s.code()).resolve("daily.csv");
  }

  public Path minuteFile(Symbol s, LocalDate day) {
    return dir.resolve(s.code()).resolve("minute").resolve(day + ".csv");
  }

  public Path flowsFile(Symbol s) {
    return dir.resolve(s.code()).resolve("flows.csv");
  }

  /**
   * Everything stored for {@code symbols} at {@code interval} between {@code from} and {@code to}
   * (inclusive; null for open-ended), plus their investor flows.
   */
  public MarketData read(Collection<Symbol> symbols, Interval interval, LocalDate from, LocalDate to) {
    List<MarketData> parts = new ArrayList<>();
    for (Symbol s : symbols) {
      int before = parts.size();
      if (interval == Interval.DAILY) {
        if (Files.exists(dailyFile(s))) {
          parts.add(CsvMarketData.read(dailyFile(s)));
        }
      } else {
        for (Path f : minuteFiles(s)) {
          LocalDate day = dayOf(f);
          if (day != null && inRange(day, from, to)) {
            parts.add(CsvMarketData.read(f));
          }
        }
      }
      if (parts.size() == before) {
        throw new IllegalArgumentException("no " + interval.name().toLowerCase() + " history for " + s + " under " + dir
            + " (run: kis-trader history fetch --symbols " + s + ")");
      }
      if (Files.exists(flowsFile(s))) {
        parts.add(CsvMarketData.read(flowsFile(s)));
      }
    }
    MarketData all = MarketData.merge(parts);
    return MarketData.of(all.events().stream().filter(e -> inRange(dateOf(e), from, to)).toList());
  }

  private List<Path> minuteFiles(Symbol s) {
    Path d = dir.resolve(s.code()).resolve("minute");
    if (!Files.isDirectory(d)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(d)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + d, e);
    }
  }

  private static LocalDate dayOf(Path f) {
    String n = f.getFileName().toString();
    try {
      return LocalDate.parse(n.substring(0, n.length() - 4));
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static LocalDate dateOf(MarketEvent e) {
    return e.time().atZone(StrategyContext.KST).toLocalDate();
  }

  private static boolean inRange(LocalDate d, LocalDate from, LocalDate to) {
    return (from == null || !d.isBefore(from)) && (to == null || !d.isAfter(to));
  }
}
