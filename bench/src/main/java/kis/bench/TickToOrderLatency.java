package kis.bench;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.ToLongFunction;
import kis.adapter.KisVenues;
import kis.actors.agent.JournalWrites;
import kis.actors.gateway.GatewaySettings;
import kis.connector.KisConfig;
import kis.connector.KisCredentials;
import kis.connector.assembly.KisConnector;
import kis.connector.LatencyProbe;
import kis.connector.rest.OrderCashRequest;
import kis.connector.rest.OrderSide;
import kis.connector.ws.KisFeedEvent;
import kis.connector.ws.KisWebSocket;
import kis.engine.journal.CommitProbe;
import kis.journal.Symbol;
import kis.journal.Venue;
import kis.sim.BenchTape;
import kis.sim.Tape;
import kis.sim.KisSimulator;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * Tick-to-order latency inside the JVM: the live engine ({@link kis.actors.live.LiveEngine} with
 * one agent running {@link TradeTrigger}, journal LevelDB with fsync on) against kis-sim on
 * loopback, in a JVM of its own unless {@code --embedded-sim} (the simulator's frames and garbage
 * were most of the harness JVM's allocation, its GC pauses in the engine's samples), the harness
 * printing 1,000 trades/s into the simulator; every {@code every}-th print is
 * a chosen one (7 shares), and the time from its websocket frame reaching the connector to the
 * order request leaving the REST client ({@link LatencyProbe}) is one sample.
 *
 * <p>Baseline, same run and same simulator, before the engine starts: the bare path without
 * actors or journal, a websocket whose stream calls the REST client directly on the chosen trade.
 *
 * <p>Pacing is raised for the run (connector 100 REST calls/s, gateway 50 orders/s, risk 200/s)
 * so that no order waits for a permit: the figure is the path, not the rate budget. Usage:
 * {@code java -cp bench.jar kis.bench.TickToOrderLatency [seconds=60] [every=50] [printsPerSecond=1000] [--embedded-sim]}.
 */
public final class TickToOrderLatency {
  static final long TRIGGER_QTY = 7;
  static final long BACKGROUND_QTY = 10;
  static final Symbol SYMBOL = Symbol.of("005930");
  /**
   * The bare path and the fsync-off engine trade symbols of their own: the engine's periodic
   * reconcile (every 60 s) parks an agent that finds KIS orders no agent owns on its symbol, so
   * the bare path's orders on the engine's symbol parked it about a minute after its start, in the
   * middle of a 60 s measurement (every chosen print after that a miss).
   */
  static final Symbol BARE_SYMBOL = Symbol.of("000660");
  static final Symbol NO_SYNC_SYMBOL = Symbol.of("035720");
  /** Nanoseconds between prints: 1 ms (1,000 prints/s) unless a third argument says otherwise. */
  private static long tickNanos = 1_000_000;
  /** The JVM's GC pauses, to tell a sample that held one (with {@code --embedded-sim} the simulator's too). */
  private static final GcPauses GC_PAUSES = GcPauses.start();

  private TickToOrderLatency() {}

  public static void main(String[] args) throws Exception {
    boolean embedded = Arrays.asList(args).contains(EMBEDDED_SIM);
    args = Arrays.stream(args).filter(a -> !a.equals(EMBEDDED_SIM)).toArray(String[]::new);
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
    int every = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    int printsPerSecond = args.length > 2 ? Integer.parseInt(args[2]) : 1_000;
    tickNanos = 1_000_000_000L / printsPerSecond;
    Row.print(run(seconds, every, embedded));
    Exit.halt();
  }

  /** The flag that keeps the simulator in the harness's JVM, as before (for comparing the two). */
  static final String EMBEDDED_SIM = "--embedded-sim";

  /**
   * The simulator a run trades against: where the harness prints, how the connectors reach it, the
   * price each symbol starts at. By default it runs in a JVM of its own ({@link PipedTape}), for
   * the bare path and the engine alike, so that neither's figure holds the simulator's frame
   * building, garbage and GC pauses; {@code --embedded-sim} keeps it in the harness's JVM.
   */
  private record Market(Tape tape, String restUrl, String wsUrl, KisCredentials credentials,
      ToLongFunction<Symbol> lastPrice, AutoCloseable owner, String where) implements AutoCloseable {

    static Market open(boolean embedded, Path dir) throws Exception {
      if (embedded) {
        KisSimulator sim = SimEngine.simulator("pingpong-interval = 10s");
        return new Market(new BenchTape(sim), sim.restBaseUrl(), sim.websocketUrl(), SimEngine.credentials(sim),
            s -> sim.account().lastPrice(s), sim, "in the harness's JVM");
      }
      PipedTape t = PipedTape.start(Files.createDirectories(dir.resolve("sim")),
          List.of(SYMBOL, BARE_SYMBOL, NO_SYNC_SYMBOL));
      SimChild.Endpoint e = t.endpoint();
      return new Market(t, e.restUrl(), e.wsUrl(),
          KisCredentials.of(e.appKey(), e.appSecret(), e.cano() + "-" + e.productCode(), e.htsId()), t::lastPrice, t,
          "in its own JVM");
    }

    KisConfig kisConfig(Path tokens, int restPerSecond) {
      return SimEngine.kisConfig(restUrl, wsUrl, tokens, restPerSecond);
    }

    SimEngine engine(Path dataDir, String hocon) throws Exception {
      return SimEngine.start(restUrl, wsUrl, credentials, dataDir, hocon,
          GatewaySettings.real().withRate(50, Duration.ofSeconds(1), 10), 100);
    }

    @Override
    public void close() throws Exception {
      owner.close();
    }
  }

  /**
   * What one drive produced: each sample's total, how late its frame reached the connector, and
   * its split at the intent's journal write (queue, fsync, REST; -1 where the sample has none).
   */
  record Samples(long[] nanos, long[] delivery, long[] queue, long[] fsync, long[] rest,
      ChosenTradeProbe.Split[] splits, long[] gc, int misses, int framesLost, int passedOpen, int unseen, long ticks,
      double seconds) {
    /** How many samples a GC pause fell into, and the pauses' share of the samples over the p99. */
    String gcCounts() {
      long hit = Arrays.stream(gc).filter(x -> x > 0).count();
      long p99 = pct(0.99);
      long tail = 0;
      long tailHit = 0;
      for (int i = 0; i < nanos.length; i++) {
        if (nanos[i] >= p99) {
          tail++;
          tailHit += gc[i] > 0 ? 1 : 0;
        }
      }
      return String.format(Locale.ROOT, "%d of %d samples held a GC pause (%d of the %d at or over the p99)", hit,
          nanos.length, tailHit, tail);
    }

    long pct(double p) {
      return pct(nanos, p);
    }

    static long pct(long[] xs, double p) {
      long[] s = Arrays.stream(xs).filter(x -> x >= 0).sorted().toArray();
      return s.length == 0 ? -1 : s[Math.max(0, (int) Math.ceil(p * s.length) - 1)];
    }

    String describe() {
      return String.format(Locale.ROOT, "%s / %s / %s", us(pct(0.50)), us(pct(0.99)), us(pct(0.999)));
    }

    /** p50 / p99 / p99.9 of one part over the samples that have it, and how many do. */
    static String describe(long[] xs) {
      long n = Arrays.stream(xs).filter(x -> x >= 0).count();
      return String.format(Locale.ROOT, "%s / %s / %s (n=%d)", us(pct(xs, 0.50)), us(pct(xs, 0.99)),
          us(pct(xs, 0.999)), n);
    }

    /** One part of the fsync part's own split ({@link ChosenTradeProbe.Journal}) over the samples that have it. */
    long[] journal(java.util.function.ToLongFunction<ChosenTradeProbe.Journal> part) {
      return Arrays.stream(splits).mapToLong(x -> x == null || x.journal() == null ? -1 : part.applyAsLong(x.journal()))
          .toArray();
    }

    /** Of the samples with the journal's stamps: how many commits held another request, how many overlapped a marks fsync. */
    String journalCounts() {
      long n = Arrays.stream(splits).filter(x -> x != null && x.journal() != null).count();
      long shared = Arrays.stream(splits).filter(x -> x != null && x.journal() != null && x.journal().requests() > 1)
          .count();
      long marks = Arrays.stream(splits).filter(x -> x != null && x.journal() != null && x.journal().marksDuring())
          .count();
      long ahead = Arrays.stream(splits).filter(x -> x != null && x.journal() != null && x.journal().ahead() > 0)
          .count();
      long behind = Arrays.stream(splits)
          .filter(x -> x != null && x.journal() != null && x.journal().behindCommit() > 0).count();
      long marksBefore = Arrays.stream(splits).filter(x -> x != null && x.journal() != null && x.journal().marksDuring()
          && x.journal().marksLead() < 0).count();
      long[] gaps = Arrays.stream(splits).filter(x -> x != null && x.journal() != null && x.journal().marksDuring())
          .mapToLong(x -> x.journal().sincePrevious()).toArray();
      long handOff = Arrays.stream(splits).filter(x -> x != null && x.journal() != null
          && x.journal().marksInHandOff()).count();
      return String.format(Locale.ROOT, "%d of %d commits held another request, %d wrote while a marks fsync ran"
          + " (%d of them met one already running; the previous commit's write had returned %s before theirs, p50),"
          + " %d had a marks fsync between their write and the request leaving,"
          + " %d came after another write begun since the frame, %d found the writer in an earlier commit", shared, n,
          marks, marksBefore, us(pct(gaps, 0.5)), handOff, ahead, behind);
    }

    /** The {@code k} slowest samples, each with its whole split, one line each: where the tail went, sample by sample. */
    List<String> slowest(int k) {
      Integer[] order = new Integer[nanos.length];
      Arrays.setAll(order, i -> i);
      Arrays.sort(order, (a, b) -> Long.compare(nanos[b], nanos[a]));
      List<String> lines = new ArrayList<>();
      for (int i = 0; i < Math.min(k, order.length); i++) {
        int at = order[i];
        ChosenTradeProbe.Split x = splits[at];
        StringBuilder b = new StringBuilder(us(nanos[at])).append(':');
        lines.add(b.toString());
        if (x == null) {
          lines.set(i, b.append(" no split").toString());
          continue;
        }
        b.append(String.format(Locale.ROOT, " queue %s, fsync %s", us(x.queue()), us(x.fsync())));
        ChosenTradeProbe.Journal j = x.journal();
        if (j != null) {
          b.append(String.format(Locale.ROOT,
              " (to journal %s, to writer %s, write %s, answer %s; %d request(s), %d write(s) after the frame"
                  + " before it%s%s;"
                  + " previous commit written %s before)",
              us(j.toJournal()), us(j.toWriter()), us(j.write()), us(j.answer()), j.requests(), j.ahead(),
              j.behindCommit() > 0 ? ", behind a commit in flight for " + us(j.behindCommit()) : "",
              (j.marksDuring() ? ", marks fsync during the write (begun " + signedUs(j.marksLead()) + " from it)" : "")
                  + (j.marksInHandOff() ? ", marks fsync during the hand-off to REST" : ""),
              us(j.sincePrevious())));
        }
        b.append(String.format(Locale.ROOT, ", REST %s", us(x.rest())));
        if (gc[at] > 0) {
          b.append(String.format(Locale.ROOT, "; GC pauses in it: %s", us(gc[at])));
        }
        lines.set(i, b.toString());
      }
      return lines;
    }

    String detail() {
      long[] d = delivery.clone();
      Arrays.sort(d);
      return String.format(Locale.ROOT, "n=%d, misses=%d (frame not seen: %d; the strategy let it pass with the"
              + " previous order still open: %d; the strategy never saw it: %d), prints %.0f/s, max %s,"
              + " print->frame p50 %s", nanos.length, misses, framesLost, passedOpen, unseen, ticks / seconds,
          us(pct(1.0)), us(d.length == 0 ? -1 : d[d.length / 2]));
    }
  }

  static String us(long nanos) {
    return nanos < 0 ? "-" : String.format(Locale.ROOT, "%.0f us", nanos / 1000.0);
  }

  static String signedUs(long nanos) {
    return String.format(Locale.ROOT, "%+.0f us", nanos / 1000.0);
  }

  static List<Row> run(int seconds, int every) throws Exception {
    return run(seconds, every, false);
  }

  static List<Row> run(int seconds, int every, boolean embeddedSim) throws Exception {
    Path dir = BenchConfig.tempDir("latency-bench");
    ChosenTradeProbe probe = new ChosenTradeProbe(TRIGGER_QTY);
    LatencyProbe.install(probe);
    CommitProbe.install(probe.commitListener());
    try (Market sim = Market.open(embeddedSim, dir)) {
      Tape tape = sim.tape();
      System.err.println("tick-to-order: kis-sim " + sim.where());
      Samples bare = bare(sim, tape, probe, dir, Math.max(10, seconds / 3), every);
      System.err.println("tick-to-order bare ws->REST: " + bare.describe() + " (" + bare.detail() + ")");
      // The other half of the issue's budget, in the same run: one raw synced LevelDB write.
      long[] rawSync = RawSyncedWrites.measure(dir.resolve("raw-sync"), Math.max(5, seconds / 6.0), 20_000);
      System.err.println("tick-to-order raw synced write: " + Samples.describe(rawSync));
      Samples engine;
      try (SimEngine e = sim.engine(dir.resolve("engine"), agents(SYMBOL))) {
        JournalWrites.get(e.system).listen(probe.journalListener());
        engine = drive(tape, SYMBOL, sim.lastPrice().applyAsLong(SYMBOL), probe, Duration.ofSeconds(10),
            Duration.ofSeconds(seconds), every);
      }
      System.err.println("tick-to-order engine: " + engine.describe() + " (" + engine.detail() + ")");
      System.err.println("tick-to-order engine, the 10 slowest samples:\n  " + String.join("\n  ", engine.slowest(10)));
      System.err.println("tick-to-order engine: " + engine.gcCounts());
      // The same engine with the journal's fsync off: how much of the figure is the write-ahead
      // OrderRequested waiting for the disk (the engine always runs with fsync on).
      Samples noSync;
      try (SimEngine e = sim.engine(dir.resolve("engine-nosync"),
          agents(NO_SYNC_SYMBOL) + "\npekko.persistence.journal.leveldb.fsync = off")) {
        JournalWrites.get(e.system).listen(probe.journalListener());
        noSync = drive(tape, NO_SYNC_SYMBOL, sim.lastPrice().applyAsLong(NO_SYNC_SYMBOL), probe, Duration.ofSeconds(10),
            Duration.ofSeconds(Math.max(10, seconds / 2)), every);
      }
      System.err.println("tick-to-order engine, fsync off: " + noSync.describe() + " (" + noSync.detail() + ")");
      System.err.println("tick-to-order engine, fsync off, the 10 slowest samples:\n  "
          + String.join("\n  ", noSync.slowest(10)));
      System.err.println("tick-to-order engine, fsync off: " + noSync.gcCounts());
      if (engine.nanos().length == 0) {
        throw new IllegalStateException("the engine placed no order on a chosen trade: " + engine.detail());
      }
      List<Row> rows = new ArrayList<>();
      long p99 = engine.pct(0.99);
      ResultLine.print("tto.printsPerSecond", 1_000_000_000L / tickNanos, "tto.n", engine.nanos().length,
          "tto.p50", engine.pct(0.50), "tto.p99", p99, "tto.p999", engine.pct(0.999), "tto.bareP99", bare.pct(0.99),
          "tto.bareP999", bare.pct(0.999), "tto.rawSyncP99", Samples.pct(rawSync, 0.99), "tto.rawSyncP999",
          Samples.pct(rawSync, 0.999), "tto.noSyncP99", noSync.pct(0.99));
      rows.add(new Row(String.format(Locale.ROOT, "tick-to-order latency p50/p99/p99.9 (engine, %,d prints/s, fsync on)",
          1_000_000_000L / tickNanos),
          engine.describe(), bare.describe() + " bare ws->REST",
          String.format(Locale.ROOT, "%.1f (p99)", (double) p99 / Math.max(1, bare.pct(0.99))),
          "p99 <= bare p99 + raw synced-write p99", Row.yesNo(p99 <= bare.pct(0.99) + Samples.pct(rawSync, 0.99))));
      rows.add(new Row("  same, raw synced LevelDB write of " + RawSyncedWrites.RECORD_BYTES + " bytes, one at a time (info)",
          Samples.describe(rawSync), "-", "-", "-", "n/a"));
      rows.add(new Row("  same, samples (info)", engine.detail(), bare.detail(), "-", "-", "n/a"));
      // The split, per part over the samples (the parts' percentiles need not add up to the
      // total's): where a slow sample spent its time.
      rows.add(new Row("  same, split: queue, frame at the connector -> intent handed to the journal (info)",
          Samples.describe(engine.queue()), "fsync off: " + Samples.describe(noSync.queue()), "-", "-", "n/a"));
      rows.add(new Row("  same, split: fsync, intent handed to the journal -> confirmed (info)",
          Samples.describe(engine.fsync()), "fsync off: " + Samples.describe(noSync.fsync()), "-", "-", "n/a"));
      rows.add(new Row("  same, fsync part: to the journal actor, persist -> the actor takes the request (info)",
          Samples.describe(engine.journal(ChosenTradeProbe.Journal::toJournal)),
          "fsync off: " + Samples.describe(noSync.journal(ChosenTradeProbe.Journal::toJournal)), "-", "-", "n/a"));
      rows.add(new Row("  same, fsync part: to the writer, serialized, queued, the commit begun (info)",
          Samples.describe(engine.journal(ChosenTradeProbe.Journal::toWriter)),
          "fsync off: " + Samples.describe(noSync.journal(ChosenTradeProbe.Journal::toWriter)), "-", "-", "n/a"));
      rows.add(new Row("  same, fsync part: write, the batch and LevelDB's synced write (info)",
          Samples.describe(engine.journal(ChosenTradeProbe.Journal::write)),
          "fsync off: " + Samples.describe(noSync.journal(ChosenTradeProbe.Journal::write)), "-", "-", "n/a"));
      rows.add(new Row("  same, fsync part: answer, written -> the agent hears it confirmed (info)",
          Samples.describe(engine.journal(ChosenTradeProbe.Journal::answer)),
          "fsync off: " + Samples.describe(noSync.journal(ChosenTradeProbe.Journal::answer)), "-", "-", "n/a"));
      rows.add(new Row("  same, fsync part: the intent's commit (info)", engine.journalCounts(),
          "fsync off: " + noSync.journalCounts(), "-", "-", "n/a"));
      rows.add(new Row("  same, GC pauses in the samples (info)", engine.gcCounts(), "bare: " + bare.gcCounts()
          + "; fsync off: " + noSync.gcCounts(), "-", "-", "n/a"));
      rows.add(new Row("  same, split: REST, intent confirmed -> request leaves the REST client (info)",
          Samples.describe(engine.rest()), "fsync off: " + Samples.describe(noSync.rest()), "-", "-", "n/a"));
      List<String> slow = engine.slowest(5);
      for (int i = 0; i < slow.size(); i++) {
        rows.add(new Row("  same, slowest sample #" + (i + 1) + " and its split (info)", slow.get(i), "-", "-", "-",
            "n/a"));
      }
      rows.add(new Row("  same, journal fsync off (info)", noSync.describe(), bare.describe() + " bare ws->REST",
          String.format(Locale.ROOT, "%.1f (p99)", (double) noSync.pct(0.99) / Math.max(1, bare.pct(0.99))), "-",
          "n/a"));
      return rows;
    } finally {
      LatencyProbe.install(null);
      CommitProbe.install(null);
    }
  }

  /**
   * One agent running {@link TradeTrigger} on {@code symbol}, with pacing raised so no order waits for
   * a permit; then {@code -Dbench.engineConfig} (HOCON, both engines), for a same-jar comparison of
   * an engine setting (e.g. {@code pekko.actor.kis-agent-dispatcher = "pekko.actor.default-dispatcher"}).
   */
  static String agents(Symbol symbol) {
    return String.join("\n",
        "kis-trader.agents = [ { id = \"tto-" + symbol.code() + "\", symbol = \"" + symbol.code() + "\",",
        "  strategy { name = \"kis.bench.TradeTrigger\", params { symbol = \"" + symbol.code() + "\",",
        "    trigger-quantity = " + TRIGGER_QTY + ", quantity = 1 } }, initial-capital = 10000000 } ]",
        "kis-trader.risk { duplicate-window = 1ms, max-orders-per-day = 1000000, max-daily-loss = 100000000,",
        "  order-rate { max-orders = 200, per = 1s } }",
        System.getProperty("bench.engineConfig", ""));
  }

  /** The baseline: one websocket and the REST client, no actors, no journal; market orders alternate buy and sell. */
  private static Samples bare(Market sim, Tape tape, ChosenTradeProbe probe, Path dir, int seconds,
      int every) throws Exception {
    long price = sim.lastPrice().applyAsLong(BARE_SYMBOL);
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "bare", ConfigFactory.parseString(
        "pekko.loglevel = WARNING\npekko.log-dead-letters = off").withFallback(ConfigFactory.defaultReference()));
    try {
      KisConnector kis = KisConnector.create(system, sim.kisConfig(dir.resolve("bare-tokens"), 100),
          sim.credentials());
      kis.tokens().accessToken().toCompletableFuture().get(30, TimeUnit.SECONDS);
      KisWebSocket ws = kis.openWebSocket().toCompletableFuture().get(30, TimeUnit.SECONDS);
      AtomicLong orders = new AtomicLong();
      ws.events().runWith(Sink.foreach(ev -> {
        if (ev instanceof KisFeedEvent.Trade t && t.volume() == TRIGGER_QTY) {
          OrderSide side = orders.getAndIncrement() % 2 == 0 ? OrderSide.BUY : OrderSide.SELL;
          kis.rest().orderCash(OrderCashRequest.market(KisVenues.code(Venue.DEFAULT), side, t.symbol(), 1));
        }
      }), system);
      if (!ws.subscribeTrades(BARE_SYMBOL.code()).toCompletableFuture().get(30, TimeUnit.SECONDS).success()) {
        throw new IllegalStateException("trade subscription refused");
      }
      Samples s = drive(tape, BARE_SYMBOL, price, probe, Duration.ofSeconds(5), Duration.ofSeconds(seconds), every);
      ws.close();
      if (orders.get() % 2 == 1) {
        // Leave the account flat, so the engine's reconciler finds no drift it did not cause.
        kis.rest().orderCash(OrderCashRequest.market(KisVenues.code(Venue.DEFAULT), OrderSide.SELL, BARE_SYMBOL.code(), 1)).toCompletableFuture()
            .get(30, TimeUnit.SECONDS);
      }
      return s;
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  /**
   * Prints one trade per millisecond for {@code warm + measure}: background prints of 10 shares,
   * and a chosen print of 7 once at least {@code every} prints after the previous chosen one was
   * answered (or given up after a second). Only chosen prints of the measured part count.
   */
  static Samples drive(Tape tape, Symbol symbol, long price, ChosenTradeProbe probe, Duration warm,
      Duration measure, int every) {
    // The engine trades only once its first reconciliation is through: print until the first
    // chosen trade is answered before the warm-up starts (bounded).
    long firstBy = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (driveFor(tape, symbol, price, probe, Duration.ZERO, Duration.ofSeconds(1), every).nanos().length == 0) {
      if (System.nanoTime() > firstBy) {
        throw new IllegalStateException("no order on any chosen trade within 90 s");
      }
    }
    return driveFor(tape, symbol, price, probe, warm, measure, every);
  }

  private static Samples driveFor(Tape tape, Symbol symbol, long price, ChosenTradeProbe probe, Duration warm,
      Duration measure, int every) {
    long start = System.nanoTime();
    long measureFrom = start + warm.toNanos();
    long end = measureFrom + measure.toNanos();
    long next = start;
    long[] samples = new long[(int) (measure.toMillis() / Math.max(1, every)) + 16];
    long[] delivery = new long[samples.length];
    long[] queue = new long[samples.length];
    long[] fsync = new long[samples.length];
    long[] rest = new long[samples.length];
    ChosenTradeProbe.Split[] splits = new ChosenTradeProbe.Split[samples.length];
    long[] frames = new long[samples.length];
    int n = 0;
    int misses = 0;
    int framesLost = 0;
    int passedOpen = 0;
    int unseen = 0;
    long seenBefore = 0;
    long passedBefore = 0;
    long ticks = 0;
    int sinceChosen = 0;
    boolean pending = false;
    boolean counted = false;
    long chosenAt = 0;
    while (true) {
      long now = System.nanoTime();
      while (now < next) {
        LockSupport.parkNanos(next - now);
        now = System.nanoTime();
      }
      if (now >= end) {
        break;
      }
      if (now - next > 10 * tickNanos) {
        next = now; // fell behind (a GC, a busy core): carry on at 1/ms, no catch-up burst
      }
      if (pending) {
        long r = probe.result();
        if (r >= 0) {
          if (counted && n < samples.length) {
            delivery[n] = probe.frameAt() - chosenAt;
            ChosenTradeProbe.Split split = probe.split();
            queue[n] = split == null ? -1 : split.queue();
            fsync[n] = split == null ? -1 : split.fsync();
            rest[n] = split == null ? -1 : split.rest();
            splits[n] = split;
            frames[n] = probe.frameAt();
            samples[n++] = r;
          }
          pending = false;
        } else if (now - chosenAt > 1_000_000_000L) {
          probe.disarm();
          if (counted) {
            misses++;
            framesLost += probe.frameSeen() ? 0 : 1;
            // Why (TradeTrigger's own counts; the engine runs in this JVM): not seen by the
            // strategy at all, or seen while the previous order was still open (not yet filled).
            long[] c = TradeTrigger.counts();
            unseen += c[0] == seenBefore ? 1 : 0;
            passedOpen += c[1] > passedBefore ? 1 : 0;
          }
          pending = false;
        }
      }
      if (!pending && sinceChosen >= every) {
        counted = now >= measureFrom;
        long[] c = TradeTrigger.counts();
        seenBefore = c[0];
        passedBefore = c[1];
        probe.arm();
        pending = true;
        sinceChosen = 0;
        chosenAt = System.nanoTime();
        tape.print(symbol, price, TRIGGER_QTY);
      } else {
        sinceChosen++;
        tape.print(symbol, price, BACKGROUND_QTY);
      }
      if (now >= measureFrom) {
        ticks++;
      }
      next += tickNanos;
    }
    probe.disarm();
    long[] gc = new long[n];
    for (int i = 0; i < n; i++) {
      gc[i] = GC_PAUSES.within(frames[i], frames[i] + samples[i]);
    }
    return new Samples(Arrays.copyOf(samples, n), Arrays.copyOf(delivery, n), Arrays.copyOf(queue, n),
        Arrays.copyOf(fsync, n), Arrays.copyOf(rest, n), Arrays.copyOf(splits, n), gc, misses, framesLost, passedOpen,
        unseen, ticks, measure.toNanos() / 1e9);
  }
}
