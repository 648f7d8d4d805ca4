package kis.engine;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import kis.engine.backtest.CsvMarketData;
import kis.engine.backtest.HistoryDb;
import kis.engine.backtest.HistoryFetcher;
import kis.engine.backtest.MarketData;
import kis.engine.kis.KisSession;
import kis.journal.Symbol;
import kis.journal.calendar.MarketCalendar;
import kis.strategies.StrategyContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kis-trader history}: the local candle store that {@code backtest --history} reads. */
@Command(
    name = "history",
    mixinStandardHelpOptions = true,
    description = "The local history store (DuckDB) that backtest --history reads.",
    subcommands = {HistoryCommand.Fetch.class, HistoryCommand.Import.class})
public final class HistoryCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code kis-trader history fetch}. */
  @Command(
      name = "fetch",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      description = {
          "Downloads daily candles, past days' and today's one-minute candles and investor flows",
          "from KIS (an embedded kis-sim unless --mode is given) into the DuckDB history store",
          "(<data dir>/history.duckdb). Resumable: days already stored are not asked for again.",
          "Calls are paged (100 days / 120 minutes each) and rate limited per app key."})
  static final class Fetch implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--symbols", split = ",", required = true, paramLabel = "CODE",
        description = "KRX short codes, comma separated (005930,005935)")
    List<String> symbols;

    @Option(names = "--data-dir", defaultValue = "data", paramLabel = "DIR",
        description = "the store is DIR/" + HistoryDb.FILE_NAME + " (${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--store", paramLabel = "FILE", description = "the DuckDB file itself, or a folder to hold it (overrides --data-dir)")
    Path store;

    @Option(names = "--from", description = "first day of daily candles (default: a year before --to)")
    LocalDate from;

    @Option(names = "--to", description = "last day (default: today, KST)")
    LocalDate to;

    @Option(names = "--minute-from", paramLabel = "DATE",
        description = "first day of minute candles (default: 30 days before --to; KIS keeps about a year)")
    LocalDate minuteFrom;

    @Option(names = "--daily", negatable = true, defaultValue = "true", fallbackValue = "true",
        description = "fetch daily candles (default on)")
    boolean daily;

    @Option(names = "--minutes", negatable = true, defaultValue = "true", fallbackValue = "true",
        description = "fetch one-minute candles (default on)")
    boolean minutes;

    @Option(names = "--flows", negatable = true, defaultValue = "true", fallbackValue = "true",
        description = "fetch investor flows (default on)")
    boolean flows;

    @Option(names = "--timeout", defaultValue = "PT60S", description = "per call (${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--sim", description = "talk to an embedded kis-sim even if KIS is configured")
    boolean sim;

    @Option(names = "--mode", description = "paper or real: talk to KIS itself (needs credentials)")
    String mode;

    @Option(names = "--config", paramLabel = "FILE", description = "HOCON with a kis { } block")
    Path config;

    @Option(names = "--credentials", paramLabel = "FILE", description = "credentials file outside the repository")
    Path credentials;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      List<Symbol> codes;
      try {
        codes = symbols.stream().map(Symbol::of).toList();
      } catch (IllegalArgumentException e) {
        err.println("history fetch: " + e.getMessage());
        return 2;
      }
      Clock clock = Clock.system(StrategyContext.KST);
      LocalDate today = LocalDate.now(clock);
      LocalDate last = to != null ? to : today;
      LocalDate first = from != null ? from : last.minusYears(1);
      LocalDate minuteFirst = minuteFrom != null ? minuteFrom : last.minusDays(30);
      if (first.isAfter(last) || minuteFirst.isAfter(last)) {
        err.println("history fetch: --from/--minute-from " + (first.isAfter(last) ? first : minuteFirst)
            + " is after --to " + last);
        return 2;
      }
      Path file = storeFile(store, dataDir);
      // The embedded kis-sim speaks the real server's TRs, so past days' minute candles can be asked for.
      Config simDefaults = ConfigFactory.parseMap(Map.of("kis-sim.flavour", "REAL"));
      try (KisSession session = KisSession.open(sim, mode, config, credentials, System.getenv(), simDefaults);
          HistoryDb db = HistoryDb.open(file, clock)) {
        out.println("history fetch from " + session.describe() + " into " + file.toAbsolutePath());
        out.flush();
        boolean pastMinutes = !session.connector().config().paperTrIds();
        if (minutes && !pastMinutes) {
          out.println("  past days' minute candles skipped: KIS paper does not serve inquire-time-dailychartprice"
              + " (use --mode real); today's are fetched");
        }
        HistoryFetcher fetcher = new HistoryFetcher(new KisCandleSource(session.connector().rest(), timeout), db,
            MarketCalendar.defaults(), clock);
        for (Symbol s : codes) {
          if (daily) {
            report(out, s, "daily", fetcher.fetchDaily(s, first, last));
          }
          if (minutes && pastMinutes) {
            report(out, s, "minute", fetcher.fetchPastMinutes(s, minuteFirst, last, progress(out)));
          }
          if (minutes && !last.isBefore(today)) {
            report(out, s, "today", fetcher.fetchToday(s, LocalTime.of(23, 59)));
          }
          if (flows) {
            report(out, s, "flows", fetcher.fetchFlows(s));
          }
        }
        out.println("stored in " + file.toAbsolutePath() + " (duckdb " + file + " opens it; see backtest/README.md)");
        out.flush();
        return 0;
      } catch (IllegalArgumentException | IllegalStateException e) {
        err.println("history fetch: " + e.getMessage());
        err.flush();
        return 1;
      }
    }

    /** A line every 10 days and at the end, so a year's fetch shows it is moving. */
    private static HistoryFetcher.DayProgress progress(PrintWriter out) {
      return (s, day, done, total, bars, calls) -> {
        if (done % 10 == 0 || done == total) {
          out.printf("  %s minute %,4d/%d days (%s: %d bars), %,d calls%n", s, done, total, day, bars, calls);
          out.flush();
        }
      };
    }

    private static void report(PrintWriter out, Symbol s, String what, HistoryFetcher.Result r) {
      long rows = r.dailyRows() + r.minuteRows() + r.flowRows();
      out.printf("  %s %-6s %,6d rows in %d calls%s%s%n", s, what, rows, r.calls(),
          r.storedDays() > 0 ? ", " + r.storedDays() + " days already stored" : "",
          r.skippedRows() > 0 ? " (" + r.skippedRows() + " empty rows skipped)" : "");
      out.flush();
    }
  }

  /** {@code kis-trader history import}: CSV exports into the store. */
  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      description = {
          "Reads CSV files (our formats, KIS's and pykrx's exports; see backtest --help) and stores",
          "their bars and investor flows in the DuckDB history store, replacing rows of the same",
          "symbol and time. A malformed file is refused naming its line; nothing of it is stored."})
  static final class Import implements Callable<Integer> {
    @Spec CommandSpec spec;

    @picocli.CommandLine.Parameters(paramLabel = "CSV", arity = "1..*", description = "files to import")
    List<Path> files;

    @Option(names = "--data-dir", defaultValue = "data", paramLabel = "DIR",
        description = "the store is DIR/" + HistoryDb.FILE_NAME + " (${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--store", paramLabel = "FILE", description = "the DuckDB file itself, or a folder to hold it (overrides --data-dir)")
    Path store;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      Path file = storeFile(store, dataDir);
      try {
        // Every file is read before anything is stored: one bad line stores nothing.
        List<MarketData> parts = new java.util.ArrayList<>();
        for (Path f : files) {
          if (!java.nio.file.Files.isRegularFile(f)) {
            err.println("history import: no such file: " + f);
            return 2;
          }
          parts.add(CsvMarketData.read(f));
        }
        try (HistoryDb db = HistoryDb.open(file)) {
          HistoryDb.Imported r = db.importData(MarketData.merge(parts));
          out.printf("imported into %s: %,d daily bars, %,d minute bars, %,d days of flows%s%n", file.toAbsolutePath(),
              r.dailyBars(), r.minuteBars(), r.flows(), r.trades() > 0 ? " (" + r.trades() + " trades not stored)" : "");
        }
        out.flush();
        return 0;
      } catch (IllegalArgumentException e) {
        err.println("history import: " + e.getMessage());
        err.flush();
        return 2;
      } catch (IllegalStateException | java.io.UncheckedIOException e) {
        err.println("history import: " + e.getMessage());
        err.flush();
        return 1;
      }
    }
  }

  /** {@code --store} (a file, or a folder holding {@value HistoryDb#FILE_NAME}) or else the data dir's store. */
  static Path storeFile(Path store, Path dataDir) {
    if (store == null) {
      return dataDir.resolve(HistoryDb.FILE_NAME);
    }
    return java.nio.file.Files.isDirectory(store) ? store.resolve(HistoryDb.FILE_NAME) : store;
  }
}
