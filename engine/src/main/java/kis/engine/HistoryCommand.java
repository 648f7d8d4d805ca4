package kis.engine;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.concurrent.Callable;
import kis.engine.backtest.HistoryFetcher;
import kis.engine.backtest.HistoryStore;
import kis.engine.kis.KisSession;
import kis.journal.Symbol;
import kis.strategies.StrategyContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kis-trader history}: the local candle store that {@code backtest --history} reads. */
@Command(
    name = "history",
    mixinStandardHelpOptions = true,
    description = "The local history store that backtest --history reads.",
    subcommands = {HistoryCommand.Fetch.class})
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
          "Downloads daily candles, today's minute candles and investor flows from KIS",
          "(an embedded kis-sim unless --mode is given) into the history store.",
          "Calls are paged (100 days / 30 minutes each) and rate limited per app key."})
  static final class Fetch implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--symbols", split = ",", required = true, paramLabel = "CODE",
        description = "KRX short codes, comma separated (005930,005935)")
    List<String> symbols;

    @Option(names = "--store", defaultValue = "data/history", paramLabel = "DIR",
        description = "history store (${DEFAULT-VALUE})")
    Path store;

    @Option(names = "--from", description = "first day of daily candles (default: a year before --to)")
    LocalDate from;

    @Option(names = "--to", description = "last day of daily candles (default: today, KST)")
    LocalDate to;

    @Option(names = "--daily", negatable = true, defaultValue = "true", fallbackValue = "true",
        description = "fetch daily candles (default on)")
    boolean daily;

    @Option(names = "--minutes", negatable = true, defaultValue = "true", fallbackValue = "true",
        description = "fetch today's one-minute candles (default on)")
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
      LocalDate last = to != null ? to : LocalDate.now(StrategyContext.KST);
      LocalDate first = from != null ? from : last.minusYears(1);
      if (first.isAfter(last)) {
        err.println("history fetch: --from " + first + " is after --to " + last);
        return 2;
      }
      try (KisSession session = KisSession.open(sim, mode, config, credentials, System.getenv())) {
        out.println("history fetch from " + session.describe() + " into " + store);
        HistoryFetcher fetcher = new HistoryFetcher(new KisCandleSource(session.connector().rest(), timeout),
            new HistoryStore(store));
        for (Symbol s : codes) {
          if (daily) {
            report(out, s, "daily", fetcher.fetchDaily(s, first, last));
          }
          if (minutes) {
            report(out, s, "minute", fetcher.fetchMinutes(s, LocalTime.of(15, 30)));
          }
          if (flows) {
            report(out, s, "flows", fetcher.fetchFlows(s));
          }
        }
        out.flush();
        return 0;
      } catch (IllegalArgumentException | IllegalStateException e) {
        err.println("history fetch: " + e.getMessage());
        err.flush();
        return 1;
      }
    }

    private static void report(PrintWriter out, Symbol s, String what, HistoryFetcher.Result r) {
      long rows = r.dailyRows() + r.minuteRows() + r.flowRows();
      out.printf("  %s %-6s %,6d rows in %d calls%s%n", s, what, rows, r.calls(),
          r.skippedRows() > 0 ? " (" + r.skippedRows() + " empty rows skipped)" : "");
    }
  }

}
