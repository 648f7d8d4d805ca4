package kis.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import kis.connector.KisConfig;
import kis.connector.KisCredentials;
import kis.connector.assembly.KisConnector;
import kis.engine.backtest.HistoryDb;
import kis.engine.backtest.HistoryFetcher;
import kis.engine.backtest.HistoryStore;
import kis.engine.backtest.MarketData;
import kis.journal.Symbol;
import kis.journal.Venue;
import kis.journal.calendar.MarketCalendar;
import kis.journal.calendar.MarketPhase;
import kis.journal.calendar.VenueDay;
import kis.sim.KisSimulator;
import kis.sim.SimConfig;
import kis.sim.SimCredentials;
import kis.strategies.StrategyContext;
import kis.strategies.event.Bar;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue 18's proof: {@code history fetch}'s paging of 20 past days of minute candles from a kis-sim
 * (real flavour, on 127.0.0.1, its clock pinned to 2026-11-24 16:00 KST) through the connector into
 * the DuckDB store, a second fetch asking only for the days not stored, and a backtest over the
 * stored bars.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HistoryFetchFeedsABacktestTest {
  private static final Symbol SAMSUNG = Symbol.of("005930");
  private static final LocalDate TODAY = LocalDate.of(2026, 11, 24);
  private static final Clock CLOCK = Clock.fixed(TODAY.atTime(16, 0).atZone(StrategyContext.KST).toInstant(),
      StrategyContext.KST);
  /** Four weeks with no KRX holiday: 20 trading days. */
  private static final LocalDate FROM = LocalDate.of(2026, 10, 26);
  private static final LocalDate TO = LocalDate.of(2026, 11, 20);

  @TempDir static Path dir;
  private KisSimulator sim;
  private ActorSystem<Void> system;
  private KisConnector kis;

  /** The connector's source, counting the past-day minute calls per day. */
  private final Map<LocalDate, Integer> pastCalls = new TreeMap<>();

  @BeforeAll
  void start() throws Exception {
    sim = KisSimulator.start(SimConfig.fromConfig(ConfigFactory.parseMap(Map.of(
        "kis-sim.flavour", "REAL", "kis-sim.tick-interval", "0s")).withFallback(ConfigFactory.load())), CLOCK);
    system = ActorSystem.create(Behaviors.empty(), "history-fetch");
    SimCredentials sc = sim.credentials();
    kis = KisConnector.create(system, KisConfig.forSimulator(sim.restBaseUrl(), sim.websocketUrl(),
            Files.createDirectories(dir.resolve("tokens"))).withTrIds(false),
        KisCredentials.of(sc.appKey(), sc.appSecret(), sc.cano() + "-" + sc.acntPrdtCd(), sc.htsId()));
  }

  @AfterAll
  void stop() throws Exception {
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    sim.close();
  }

  private HistoryFetcher.CandleSource counting() {
    KisCandleSource real = new KisCandleSource(kis.rest(), Duration.ofSeconds(30));
    return new HistoryFetcher.CandleSource() {
      @Override
      public List<HistoryFetcher.DailyCandle> daily(Symbol s, LocalDate from, LocalDate to) {
        return real.daily(s, from, to);
      }

      @Override
      public List<HistoryFetcher.MinuteCandle> minutes(Symbol s, LocalTime until) {
        return real.minutes(s, until);
      }

      @Override
      public List<HistoryFetcher.MinuteCandle> pastMinutes(Symbol s, LocalDate day, LocalTime until) {
        pastCalls.merge(day, 1, Integer::sum);
        return real.pastMinutes(s, day, until);
      }

      @Override
      public List<HistoryFetcher.FlowDay> investorDays(Symbol s) {
        return real.investorDays(s);
      }
    };
  }

  private static List<LocalDate> weekdays(LocalDate from, LocalDate to) {
    List<LocalDate> out = new ArrayList<>();
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      if (d.getDayOfWeek().getValue() <= 5) {
        out.add(d);
      }
    }
    return out;
  }

  private String[] backtest(Path file, Path report) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute("backtest", "-s", "volatility-band", "-p", "symbol=005930", "-p", "quantity=10",
        "-p", "window=20", "--history", file.toString(), "--interval", "minute",
        "--from", FROM.toString(), "--to", TO.toString(), "--report", report.toString());
    return new String[] {String.valueOf(code), out.toString(), err.toString()};
  }

  @Test
  void twentyPastDaysOfMinuteCandlesFeedABacktestAndAResumeAsksOnlyForNewDays() throws Exception {
    Path file = dir.resolve(HistoryDb.FILE_NAME);
    List<LocalDate> days = weekdays(FROM, TO);
    assertEquals(20, days.size());
    try (HistoryDb db = HistoryDb.open(file, CLOCK)) {
      HistoryFetcher fetcher = new HistoryFetcher(counting(), db, MarketCalendar.defaults(), CLOCK);
      fetcher.fetchDaily(SAMSUNG, FROM, TO);
      List<String> progress = new ArrayList<>();
      HistoryFetcher.Result r = fetcher.fetchPastMinutes(SAMSUNG, FROM, TO,
          (s, day, done, total, bars, calls) -> progress.add(done + "/" + total));
      assertEquals(20, progress.size());
      assertEquals("20/20", progress.get(19));
      assertEquals(new TreeSet<>(days), pastCalls.keySet());
      // 381 bars a day (09:00-15:19 and the 15:30 match) come in four answers of at most 120.
      pastCalls.values().forEach(n -> assertEquals(4, n, "calls per day: " + pastCalls));
      assertEquals(20 * 381, r.minuteRows());

      MarketData minutes = db.read(List.of(SAMSUNG), HistoryStore.Interval.MINUTE, FROM, TO);
      assertEquals(days, minutes.tradingDates());
      List<Bar> bars = minutes.events().stream().filter(Bar.class::isInstance).map(Bar.class::cast).toList();
      assertEquals(20 * 381, bars.size());
      Map<LocalDate, Bar> daily = new TreeMap<>();
      db.read(List.of(SAMSUNG), HistoryStore.Interval.DAILY, FROM, TO).events().stream()
          .filter(Bar.class::isInstance).map(Bar.class::cast)
          .forEach(b -> daily.put(b.time().atZone(StrategyContext.KST).toLocalDate(), b));
      MarketCalendar calendar = MarketCalendar.defaults();
      for (LocalDate d : days) {
        List<Bar> day = bars.stream().filter(b -> b.time().atZone(StrategyContext.KST).toLocalDate().equals(d)).toList();
        // Continuous trading's first minute to the closing match (2026-11-19, the CSAT day, an hour later).
        VenueDay hours = calendar.hours(Venue.KRX, d).orElseThrow();
        LocalTime open = hours.session(MarketPhase.CONTINUOUS).orElseThrow().start();
        LocalTime close = hours.session(MarketPhase.CLOSING_AUCTION).orElseThrow().end();
        assertEquals(d.atTime(open).plusMinutes(1), day.get(0).time().atZone(StrategyContext.KST).toLocalDateTime());
        assertEquals(d.atTime(close).plusMinutes(1),
            day.get(day.size() - 1).time().atZone(StrategyContext.KST).toLocalDateTime());
        // The minute bars of a day are that day's daily bar, cut into minutes.
        Bar dayBar = daily.get(d);
        assertEquals(dayBar.open(), day.get(0).open(), d.toString());
        assertEquals(dayBar.close(), day.get(day.size() - 1).close(), d.toString());
        assertEquals(dayBar.high(), day.stream().mapToLong(Bar::high).max().orElseThrow(), d.toString());
        assertEquals(dayBar.low(), day.stream().mapToLong(Bar::low).min().orElseThrow(), d.toString());
      }

      // A wider fetch: only the week before and the Monday after are asked for.
      pastCalls.clear();
      HistoryFetcher.Result again = fetcher.fetchPastMinutes(SAMSUNG, FROM.minusDays(7), TO.plusDays(3),
          HistoryFetcher.DayProgress.NONE);
      assertEquals(20, again.storedDays());
      List<LocalDate> fresh = new ArrayList<>(weekdays(FROM.minusDays(7), FROM.minusDays(1)));
      fresh.add(TO.plusDays(3));
      assertEquals(new TreeSet<>(fresh), pastCalls.keySet());
      assertEquals(26 * 381, db.minuteBars(SAMSUNG));
    }

    String[] first = backtest(file, dir.resolve("report-1"));
    assertEquals("0", first[0], first[2] + first[1]);
    assertTrue(first[1].contains(String.format("%,d market events", 20 * 381)), first[1]);
    List<String> trades = Files.readAllLines(dir.resolve("report-1").resolve("trades.csv"));
    assertTrue(trades.size() > 2, "the strategy trades over 20 days of minute bars:\n" + first[1]);
    // The same store, the same run: the same trades.
    String[] second = backtest(dir, dir.resolve("report-2"));
    assertEquals("0", second[0], second[2] + second[1]);
    assertEquals(Files.readString(dir.resolve("report-1").resolve("trades.csv")),
        Files.readString(dir.resolve("report-2").resolve("trades.csv")));
  }
}
