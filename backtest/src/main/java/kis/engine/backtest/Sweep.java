package kis.engine.backtest;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import kis.strategies.registry.StrategyRegistry;

/**
 * A parameter sweep: one backtest per point of the grid (the cartesian product of each
 * parameter's values), run on a bounded pool of threads (by default one per available processor)
 * over one shared, immutable {@link MarketData}. Each run builds its own strategy, broker and
 * books ({@link BacktestRunner#run}), so runs share nothing mutable: the results, and their order
 * (the grid's), are the same on any number of threads.
 */
public final class Sweep {

  /** One grid point's parameters and its summary. */
  public record Point(Map<String, String> params, Summary summary) {}

  /** Handed each finished run's full result on the worker thread that ran it, with its grid index. */
  @FunctionalInterface
  public interface RunSink {
    RunSink NONE = (index, result) -> {};

    void accept(int index, BacktestResult result);
  }

  private Sweep() {}

  /** The default pool size: one thread per processor the JVM may use. */
  public static int defaultThreads() {
    return Runtime.getRuntime().availableProcessors();
  }

  /** Every combination of the values, in order (the first parameter varies slowest). */
  public static List<Map<String, String>> grid(Map<String, List<String>> axes) {
    List<Map<String, String>> out = new ArrayList<>();
    out.add(new LinkedHashMap<>());
    for (Map.Entry<String, List<String>> axis : axes.entrySet()) {
      List<Map<String, String>> next = new ArrayList<>();
      for (Map<String, String> partial : out) {
        for (String v : axis.getValue()) {
          Map<String, String> m = new LinkedHashMap<>(partial);
          m.put(axis.getKey(), v);
          next.add(m);
        }
      }
      out = next;
    }
    return out;
  }

  /**
   * Runs the grid; results come back in grid order whatever the thread count.
   *
   * @param onDone told the number of finished runs after each one (from worker threads)
   */
  public static List<Point> run(String type, Config baseParams, Map<String, List<String>> axes, MarketData data,
      BacktestConfig cfg, int threads, IntConsumer onDone) {
    return run(type, baseParams, axes, data, cfg, threads, onDone, RunSink.NONE);
  }

  /**
   * As above, handing each run's result to {@code sink} (on the worker thread, before the run counts
   * as done) so a caller can write its report without the sweep holding every result in memory.
   */
  public static List<Point> run(String type, Config baseParams, Map<String, List<String>> axes, MarketData data,
      BacktestConfig cfg, int threads, IntConsumer onDone, RunSink sink) {
    List<Map<String, String>> points = grid(axes);
    // Build every strategy first: a bad value fails the sweep before any thread starts.
    List<Config> configs = new ArrayList<>();
    for (Map<String, String> p : points) {
      Config c = baseParams;
      for (Map.Entry<String, String> e : p.entrySet()) {
        c = ConfigFactory.parseString(e.getKey() + " = " + quoteIfNeeded(e.getValue())).withFallback(c);
      }
      StrategyRegistry.create(type, c);
      configs.add(c);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("a sweep needs at least one thread: " + threads);
    }
    // What every run reads of the data, worked out once here rather than by the first runs at once.
    data.tradingDates();
    data.symbols();
    data.symbolsWithTradesOnly();
    data.sessionTape();
    AtomicInteger named = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, Math.max(1, configs.size())), r -> {
      Thread t = new Thread(r, "sweep-" + named.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    AtomicInteger finished = new AtomicInteger();
    try {
      List<Future<Summary>> futures = new ArrayList<>();
      for (int i = 0; i < configs.size(); i++) {
        Config c = configs.get(i);
        int index = i;
        futures.add(pool.submit(() -> {
          BacktestResult r = BacktestRunner.run(StrategyRegistry.create(type, c), type, data, cfg, ProgressListener.NONE);
          sink.accept(index, r);
          onDone.accept(finished.incrementAndGet());
          return r.summary();
        }));
      }
      List<Point> out = new ArrayList<>();
      for (int i = 0; i < futures.size(); i++) {
        out.add(new Point(points.get(i), futures.get(i).get()));
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("sweep interrupted", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private static Object quoteIfNeeded(String v) {
    return ConfigValueFactory.fromAnyRef(v).render();
  }

  /** Best Sharpe first, then best return. */
  public static List<Point> ranked(List<Point> points) {
    List<Point> l = new ArrayList<>(points);
    l.sort(Comparator.comparingDouble((Point p) -> -p.summary().sharpe())
        .thenComparingDouble(p -> -p.summary().totalReturn()));
    return l;
  }

  public static String table(List<Point> points) {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-40s %9s %8s %7s %6s %6s %12s%n", "params", "return%",
        "maxdd%", "sharpe", "trades", "win%", "fees+tax"));
    for (Point p : points) {
      Summary s = p.summary();
      sb.append(String.format(Locale.ROOT, "%-40s %+9.2f %8.2f %7.2f %6d %6.1f %,12d%n", describe(p.params()),
          s.totalReturn() * 100, s.maxDrawdown() * 100, s.sharpe(), s.trades(), s.winRate() * 100,
          s.fees() + s.taxes()));
    }
    return sb.toString();
  }

  public static void writeCsv(List<Point> points, Path file) {
    StringBuilder sb = new StringBuilder();
    List<String> keys = points.isEmpty() ? List.of() : new ArrayList<>(points.get(0).params().keySet());
    sb.append(String.join(",", keys)).append(keys.isEmpty() ? "" : ",")
        .append("return,max_drawdown,sharpe,trades,win_rate,fills,fees,tax,final_equity\n");
    for (Point p : points) {
      for (String k : keys) {
        sb.append(p.params().get(k)).append(',');
      }
      Summary s = p.summary();
      sb.append(String.format(Locale.ROOT, "%.6f,%.6f,%.4f,%d,%.4f,%d,%d,%d,%d%n", s.totalReturn(), s.maxDrawdown(),
          s.sharpe(), s.trades(), s.winRate(), s.fills(), s.fees(), s.taxes(), s.finalEquity()));
    }
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  static String describe(Map<String, String> params) {
    StringBuilder sb = new StringBuilder();
    params.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : " ").append(k).append('=').append(v));
    return sb.toString();
  }
}
