package kis.engine;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import kis.actors.agent.AgentConfig;
import kis.actors.risk.AgentLimits;
import kis.engine.backtest.BacktestConfig;
import kis.engine.backtest.BacktestResult;
import kis.engine.backtest.BacktestRunner;
import kis.engine.backtest.CsvMarketData;
import kis.engine.backtest.HistoryDb;
import kis.engine.backtest.HistoryStore;
import kis.engine.backtest.MarketData;
import kis.engine.backtest.ProgressBar;
import kis.engine.backtest.ProgressListener;
import kis.engine.backtest.ReportWriter;
import kis.engine.backtest.Sweep;
import kis.engine.backtest.SweepReport;
import kis.engine.backtest.SyntheticMarket;
import kis.journal.CostModel;
import kis.journal.Symbol;
import kis.journal.risk.OwnLimits;
import kis.strategies.Strategy;
import kis.strategies.StrategyConfigException;
import kis.strategies.registry.StrategyRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kis-trader backtest}: run a strategy over CSV, stored or synthetic history. */
@Command(
    name = "backtest",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Runs a strategy over history through the live agent's order-state fold.",
        "Simulated broker: fill model, KRX tick grid and limits, fees and tax.",
        "Data: --data CSV (repeatable), --history PATH (DuckDB store or CSV folder), --replay PATH (run's"
            + " recording) or --synthetic.",
        "See strategies/README.md. Example:",
        "  backtest -s volume-trigger -p symbol=005930 -p quantity=10 --synthetic"})
public final class BacktestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = {"-c", "--config"}, paramLabel = "FILE",
      description = "HOCON file with strategy { type = ..., params { ... } }")
  Path config;

  @Option(names = {"-s", "--strategy"}, paramLabel = "TYPE",
      description = "built-in strategy (volume-trigger, volatility-band, foreign-follower, pair-spread) or a class name;"
          + " overrides the file's strategy.type")
  String type;

  @Option(names = {"-p", "--param"}, paramLabel = "KEY=VALUE", description = "strategy parameter (overrides the file)")
  Map<String, String> params = new LinkedHashMap<>();

  @Option(names = "--data", paramLabel = "CSV", description = "market data CSV (bars, trades or investor flows)")
  List<Path> data = new ArrayList<>();

  @Option(names = "--history", paramLabel = "PATH",
      description = "history store: the DuckDB file history fetch fills, a data dir holding it, or a CSV store folder")
  Path history;

  @Option(names = "--replay", paramLabel = "PATH",
      description = "what run recorded: a data dir, its recordings folder or one day's .frames.gz (README \"Record and replay\")")
  Path replay;

  @Option(names = "--replay-feed", paramLabel = "FEED",
      description = "whose prints to replay, as an agent's market-data: the venue's feed or the integrated one"
          + " (KRX, NXT or INTEGRATED; default: the KRX feed)")
  kis.journal.PrintSource replayFeed;

  @Option(names = "--interval", defaultValue = "minute", description = "history interval: minute or daily (${DEFAULT-VALUE})")
  String interval;

  @Option(names = "--from", description = "first day to replay (yyyy-MM-dd)")
  LocalDate from;

  @Option(names = "--to", description = "last day to replay (yyyy-MM-dd)")
  LocalDate to;

  @Option(names = "--synthetic", description = "generate a deterministic synthetic market for the strategy's symbols")
  boolean synthetic;

  @Option(names = "--seed", defaultValue = "42", description = "synthetic market seed (${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--days", defaultValue = "20", description = "synthetic trading days (${DEFAULT-VALUE})")
  int days;

  @Option(names = "--cash", defaultValue = "100000000", description = "initial cash in won (${DEFAULT-VALUE})")
  long cash;

  @Option(names = "--participation", defaultValue = "0.1",
      description = "share of each trade's or bar's volume our orders may take (${DEFAULT-VALUE})")
  double participation;

  @Option(names = "--fills-at-touch", description = "a print at exactly a resting limit's price fills it, as"
      + " kis-sim does for the account's orders (default: only a print through the limit fills it)")
  boolean fillsAtTouch;

  @Option(names = "--costs", defaultValue = "kis-2026", description = "kis-2026 (fee 0.0140527 %%, sell tax 0.20 %%) or none")
  String costs;

  @Option(names = "--report", paramLabel = "DIR", defaultValue = "reports/backtest",
      description = "report folder (${DEFAULT-VALUE})")
  Path report;

  @Option(names = "--sweep", paramLabel = "KEY=V1,V2,...",
      description = "sweep a parameter over values (repeat for a grid)")
  Map<String, String> sweep = new LinkedHashMap<>();

  @Option(names = "--threads", description = "sweep threads (default: one per available processor)")
  int threads = Sweep.defaultThreads();

  @Option(names = "--progress", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "show a progress bar on long runs (default on)")
  boolean progress;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      if (refusesFile(err)) {
        return 2;
      }
      Config block = strategyBlock();
      String strategyType = block.getString("type");
      Config strategyParams = block.hasPath("params") ? block.getConfig("params") : ConfigFactory.empty();
      Strategy probe = StrategyRegistry.create(strategyType, strategyParams);
      kis.strategies.BarsFromTrades.deprecationNote("strategy.params", strategyParams).ifPresent(err::println);
      MarketData md = marketData(probe);
      BacktestConfig cfg = BacktestConfig.defaults().withCash(cash).withCosts(costModel())
          .withParticipation(participation).withFillsAtTouch(fillsAtTouch).withLimits(agentLimits(probe));
      if (!sweep.isEmpty()) {
        return runSweep(strategyType, strategyParams, md, cfg, out, err);
      }
      ProgressListener bar = progress && md.size() >= 100_000 ? new ProgressBar(err, "backtest") : ProgressListener.NONE;
      long t0 = System.nanoTime();
      BacktestResult r = BacktestRunner.run(probe, strategyType, md, cfg, bar);
      long ms = (System.nanoTime() - t0) / 1_000_000;
      ReportWriter.write(r, md, report);
      out.printf(java.util.Locale.ROOT, "backtest %s: %,d market events in %,d ms%n", strategyType, r.marketEvents(), ms);
      out.printf(java.util.Locale.ROOT, "sessions: %d of %d days follow KRX's session table (auctions and VIs matched"
          + " at the single price), the rest run continuously 09:00-15:30%n",
          BacktestRunner.daysFollowingSessionTable(md), md.tradingDates().size());
      out.print(r.summary().render());
      out.println("report: " + report.resolve("report.html"));
      out.flush();
      return 0;
    } catch (StrategyConfigException | IllegalArgumentException | ConfigException e) {
      err.println("backtest: " + e.getMessage());
      err.flush();
      return 2;
    }
  }

  private int runSweep(String strategyType, Config strategyParams, MarketData md, BacktestConfig cfg, PrintWriter out,
      PrintWriter err) {
    Map<String, List<String>> axes = new LinkedHashMap<>();
    sweep.forEach((k, v) -> axes.put(k, Arrays.stream(v.split(",")).map(String::trim).toList()));
    int runs = Sweep.grid(axes).size();
    ProgressBar bar = progress ? new ProgressBar(err, "sweep") : null;
    long t0 = System.nanoTime();
    SweepReport pages = new SweepReport(report, md, runs);
    List<Sweep.Point> points = Sweep.run(strategyType, strategyParams, axes, md, cfg, threads, done -> {
      if (bar != null) {
        synchronized (bar) {
          bar.progress(done, runs);
        }
      }
    }, pages.sink());
    long ms = (System.nanoTime() - t0) / 1_000_000;
    List<Sweep.Point> ranked = Sweep.ranked(points);
    out.printf(java.util.Locale.ROOT, "sweep %s: %d runs on %d threads in %,d ms, best Sharpe first%n", strategyType, runs, threads, ms);
    out.print(Sweep.table(ranked));
    Path csv = report.resolve("sweep.csv");
    Sweep.writeCsv(ranked, csv);
    out.println("results: " + csv);
    out.println("report: " + pages.writePage(strategyType, points, ranked));
    out.flush();
    return 0;
  }

  /**
   * A misspelt key in the file's strategy block (a {@code parmas} block would run the strategy on its
   * defaults), or in engine sections the file sets, refuses the run; the parameters themselves are
   * the strategy's to check.
   */
  private boolean refusesFile(PrintWriter err) {
    if (config == null || !Files.isRegularFile(config)) {
      return false;
    }
    Config file = ConfigFactory.parseFile(config.toFile()).resolve();
    List<kis.engine.config.ConfigProblem> problems = new ArrayList<>(kis.engine.config.StrategyBlockCheck.keys(file));
    if (kis.engine.config.ConfigSchema.SECTIONS.stream().anyMatch(file::hasPath)) {
      problems.addAll(kis.engine.config.ConfigChecker.shipped().check(
          file.withFallback(kis.engine.journal.EngineConfig.load(java.util.Optional.empty(), java.util.Optional.empty()))));
    }
    if (problems.isEmpty()) {
      return false;
    }
    kis.engine.config.ConfigGate.printProblems(err, "backtest", problems);
    err.flush();
    return true;
  }


  private Config file() {
    if (config == null) {
      return ConfigFactory.empty();
    }
    if (!Files.isRegularFile(config)) {
      throw new IllegalArgumentException("no such config file: " + config);
    }
    return ConfigFactory.parseFile(config.toFile()).resolve();
  }

  /**
   * The agent's own limits from the file's {@code risk {}} and {@code initial-capital}, the keys of
   * an agent block, enforced by the live risk guard's check; declared symbols are the file's
   * {@code symbol} and {@code symbols}, or the strategy's own when neither is given.
   */
  private OwnLimits agentLimits(Strategy probe) {
    Config file = file();
    AgentConfig.RiskLimits r = file.hasPath("risk") ? AgentConfig.RiskLimits.from(file.getConfig("risk"))
        : AgentConfig.RiskLimits.NONE;
    long capital = file.hasPath("initial-capital") ? file.getLong("initial-capital") : 0;
    Set<Symbol> declared = new HashSet<>();
    if (file.hasPath("symbol")) {
      declared.add(Symbol.of(file.getString("symbol")));
    }
    if (file.hasPath("symbols")) {
      file.getStringList("symbols").forEach(code -> declared.add(Symbol.of(code)));
    }
    if (declared.isEmpty()) {
      declared.addAll(probe.symbols());
    }
    AgentLimits l = new AgentLimits(r.maxOrderNotional(), r.maxPosition(), r.maxDailyLoss(), r.maxDailyOrders(),
        capital, declared);
    boolean none = r.equals(AgentConfig.RiskLimits.NONE) && capital == 0 && !file.hasPath("symbol")
        && !file.hasPath("symbols");
    return none ? OwnLimits.NONE : l;
  }

  private Config strategyBlock() {
    Config file = file();
    Config block = file.hasPath("strategy") ? file.getConfig("strategy") : ConfigFactory.empty();
    if (type != null) {
      block = block.withValue("type", ConfigValueFactory.fromAnyRef(type));
    }
    if (!block.hasPath("type")) {
      throw new IllegalArgumentException("no strategy: give --strategy TYPE or --config FILE with strategy.type (built-ins: "
          + StrategyRegistry.builtInNames() + ")");
    }
    for (Map.Entry<String, String> p : params.entrySet()) {
      Config one = ConfigFactory.parseString("params." + p.getKey() + " = "
          + ConfigValueFactory.fromAnyRef(p.getValue()).render());
      block = one.withFallback(block);
    }
    return block;
  }

  private MarketData marketData(Strategy s) {
    int sources = (data.isEmpty() ? 0 : 1) + (history == null ? 0 : 1) + (synthetic ? 1 : 0) + (replay == null ? 0 : 1);
    if (sources != 1) {
      throw new IllegalArgumentException(
          "choose exactly one data source: --data CSV, --history PATH, --replay PATH or --synthetic");
    }
    MarketData md;
    if (replay != null) {
      md = RecordedMarket.read(replay, replayFeed == null ? kis.journal.PrintSource.KRX : replayFeed,
          spec.commandLine().getOut(), spec.commandLine().getErr());
    } else if (synthetic) {
      SyntheticMarket.Spec base = SyntheticMarket.Spec.samsung(seed, days);
      Map<kis.journal.Symbol, Long> prices = new LinkedHashMap<>();
      for (kis.journal.Symbol sym : new java.util.TreeSet<>(s.symbols())) {
        prices.put(sym, base.startPrices().getOrDefault(sym, 50_000L));
      }
      md = SyntheticMarket.generate(new SyntheticMarket.Spec(seed, base.start(), days, prices,
          base.minuteVolatility(), base.baseVolume()));
    } else if (history != null) {
      HistoryStore.Interval iv = HistoryStore.Interval.valueOf(interval.toUpperCase(java.util.Locale.ROOT));
      md = readHistory(history, s.symbols(), iv);
    } else {
      List<MarketData> parts = new ArrayList<>();
      for (Path f : data) {
        if (!Files.isRegularFile(f)) {
          throw new IllegalArgumentException("no such data file: " + f);
        }
        parts.add(CsvMarketData.read(f));
      }
      md = MarketData.merge(parts);
    }
    MarketData mine = md.only(s.symbols());
    if (mine.isEmpty()) {
      throw new IllegalArgumentException("the data holds nothing for the strategy's symbols " + s.symbols());
    }
    return mine;
  }

  /** The DuckDB store {@code history fetch} fills (a file, or a data dir holding one), else an older CSV store. */
  private MarketData readHistory(Path path, Set<Symbol> symbols, HistoryStore.Interval iv) {
    java.util.Optional<Path> db = HistoryDb.find(path);
    if (db.isPresent()) {
      try (HistoryDb store = HistoryDb.open(db.get())) {
        return store.read(symbols, iv, from, to);
      }
    }
    if (!Files.isDirectory(path)) {
      throw new IllegalArgumentException("no history store at " + path + " (a " + HistoryDb.FILE_NAME
          + " file, a data dir holding one, or a CSV store folder; run: kis-trader history fetch)");
    }
    return new HistoryStore(path).read(symbols, iv, from, to);
  }

  private CostModel costModel() {
    return switch (costs) {
      case "kis-2026" -> CostModel.KIS_2026;
      case "none" -> CostModel.FREE;
      default -> throw new IllegalArgumentException("--costs must be kis-2026 or none, got " + costs);
    };
  }
}
