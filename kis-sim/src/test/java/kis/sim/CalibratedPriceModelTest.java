package kis.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kis.journal.KrxTick;
import kis.journal.Symbol;
import kis.journal.Venue;
import org.junit.jupiter.api.Test;

/**
 * The calibrated price model over many simulated KRX days, driven through the exchange as the
 * generator drives it (a market clock stepped by the test, one generator tick per step): a day's
 * realised volatility is the configured one whatever the step, prints stay on the tick grid and in
 * the band, volume is U-shaped over the session, liquid names print more than quiet ones, and one
 * seed gives one path.
 */
class CalibratedPriceModelTest {
  static final Symbol SAMSUNG = Symbol.of("005930");
  static final Symbol HYNIX = Symbol.of("000660");
  /** Annual volatilities whose daily figures are 2 % and 3 %. */
  static final double TWO_PERCENT_DAILY = 0.02 * Math.sqrt(252);
  static final double THREE_PERCENT_DAILY = 0.03 * Math.sqrt(252);

  private static final Instrument EMPTY = new Instrument(new InstrumentSpec(Symbol.of("000000"), "-", 1000, 0, 1),
      1, LocalDate.of(2026, 1, 5));

  /** What a run of simulated days saw. */
  static final class Run {
    final Exchange exchange;
    /** Every print's record, kept only when asked for (a 200-day run's would fill the heap). */
    final List<String> prints = new ArrayList<>();
    final boolean keepPrints;
    final List<String> violations = new ArrayList<>();
    /** Volume in the session's first half hour, last half hour and a lunch half hour (12:00-12:29), per symbol. */
    final Map<Symbol, long[]> halfHours = Map.of(SAMSUNG, new long[3], HYNIX, new long[3]);
    final Map<Symbol, Long> printCount = new java.util.HashMap<>(Map.of(SAMSUNG, 0L, HYNIX, 0L));

    Run(Exchange exchange, boolean keepPrints) {
      this.exchange = exchange;
      this.keepPrints = keepPrints;
    }
  }

  static SimConfig config(long seed, String samsungLiquidity, String hynixLiquidity) {
    return SimConfig.fromConfig(ConfigFactory.parseString(String.join("\n",
        "kis-sim { session-mode = KRX, price-model = calibrated, tick-interval = 0, seed = " + seed,
        // A sparse class keeps 200-day runs quick: the volatility does not depend on the print rate.
        "  prints-per-minute.sparse = 1.5",
        "  nxt-symbols = []",
        "  universe = [",
        "    { code = \"005930\", name = \"삼성전자\", base-price = 71000, volatility = " + TWO_PERCENT_DAILY
            + ", floating-shares = 5969782550, liquidity = " + samsungLiquidity + " }",
        "    { code = \"000660\", name = \"SK하이닉스\", base-price = 128500, volatility = " + THREE_PERCENT_DAILY
            + ", floating-shares = 728002365, liquidity = " + hynixLiquidity + " }",
        "  ] }")));
  }

  /** {@code days} KRX trading days from 2026-01-05, one generator tick of {@code stepSeconds} at a time. */
  static Run simulate(SimConfig cfg, int days, int stepSeconds) {
    return simulate(cfg, days, stepSeconds, false);
  }

  static Run simulate(SimConfig cfg, int days, int stepSeconds, boolean keepPrints) {
    SteppedClock clock = new SteppedClock("2026-01-05T08:00:00");
    SessionClock sessions = new SessionClock(SessionMode.KRX, clock);
    Run run = new Run(new Exchange(cfg, sessions), keepPrints);
    run.exchange.listener(new Exchange.Listener() {
      @Override
      public void onTrades(Symbol symbol, Venue book, List<String> records) {
        Instrument inst = run.exchange.book(symbol, book);
        for (String r : records) {
          long px = Long.parseLong(r.split("\\^")[2]);
          if (!KrxTick.isOnGrid(px) || !inst.limits.contains(px)) {
            run.violations.add(symbol + " printed " + px + " with band " + inst.limits);
          }
          if (run.keepPrints) {
            run.prints.add(r);
          }
        }
        run.printCount.merge(symbol, (long) records.size(), Long::sum);
      }

      @Override
      public void onBook(Symbol symbol, Venue book, String record) { }

      @Override
      public void onNotice(ExecutionNotice notice) { }
    });
    LocalDate day = LocalDate.of(2026, 1, 5);
    for (int d = 0; d < days; day = day.plusDays(1)) {
      if (sessions.calendar().hours(Venue.KRX, day).isEmpty()) {
        continue;
      }
      for (LocalTime t = LocalTime.of(9, 0).plusSeconds(stepSeconds); t.isBefore(LocalTime.of(15, 30));
          t = t.plusSeconds(stepSeconds)) {
        clock.set(LocalDateTime.of(day, t).toString());
        run.exchange.generatorTick(stepSeconds);
      }
      run.exchange.read(() -> {
        run.halfHours.forEach((s, v) -> run.exchange.instruments.getOrDefault(s, EMPTY).minuteBars.forEach((hhmm, bar) -> {
          int minute = Integer.parseInt(hhmm.substring(0, 2)) * 60 + Integer.parseInt(hhmm.substring(2));
          if (minute < 9 * 60 + 30) {
            v[0] += bar.volume;
          } else if (minute >= 15 * 60) {
            v[1] += bar.volume;
          } else if (minute >= 12 * 60 && minute < 12 * 60 + 30) {
            v[2] += bar.volume;
          }
        }));
        return null;
      });
      d++;
    }
    // The next morning rolls the last day into history.
    clock.set(LocalDateTime.of(day.plusDays(3), LocalTime.of(8, 0)).toString());
    run.exchange.checkSession();
    return run;
  }

  /** The sample standard deviation of the simulated days' log returns (closes from the day's base). */
  static double realisedDailyVolatility(Run run, Symbol s, int days) {
    Instrument inst = run.exchange.instrument(s);
    double prev = inst.spec.basePrice();
    double[] r = new double[days];
    for (int i = 0; i < days; i++) {
      double close = inst.history.get(days - 1 - i).close; // newest first
      r[i] = Math.log(close / prev);
      prev = close;
    }
    double mean = java.util.Arrays.stream(r).average().orElseThrow();
    return Math.sqrt(java.util.Arrays.stream(r).map(x -> (x - mean) * (x - mean)).sum() / (days - 1));
  }

  static void assertRealisedVolatility(Run run, int days) {
    double samsung = realisedDailyVolatility(run, SAMSUNG, days);
    double hynix = realisedDailyVolatility(run, HYNIX, days);
    assertTrue(Math.abs(samsung / 0.02 - 1) <= 0.25, "005930 configured 2.0 % daily, realised " + samsung);
    assertTrue(Math.abs(hynix / 0.03 - 1) <= 0.25, "000660 configured 3.0 % daily, realised " + hynix);
  }

  @Test
  void twoHundredDaysRealiseTheConfiguredDailyVolatilityWithOneMinuteTicks() {
    Run run = simulate(config(42, "sparse", "sparse"), 200, 60);
    assertRealisedVolatility(run, 200);
    assertEquals(List.of(), run.violations);
  }

  @Test
  void twoHundredDaysRealiseTheConfiguredDailyVolatilityWithFiveMinuteTicks() {
    // A five-minute tick is a 600x time compression of a 500 ms generator: the day's figure holds.
    Run run = simulate(config(7, "sparse", "sparse"), 200, 300);
    assertRealisedVolatility(run, 200);
    assertEquals(List.of(), run.violations);
  }

  @Test
  void everyPrintIsOnTheTickGridAndInsideTheDaysBandEvenForAVolatileStock() {
    // 40 % a day: the ±30 % band and the 50,000 / 200,000 won tick changes are met often.
    SimConfig wild = SimConfig.fromConfig(ConfigFactory.parseString(String.join("\n",
        "kis-sim { session-mode = KRX, price-model = calibrated, tick-interval = 0, seed = 3, nxt-symbols = []",
        "  universe = [ { code = \"005930\", name = \"삼성전자\", base-price = 49950, volatility = "
            + 0.40 * Math.sqrt(252) + ", floating-shares = 5969782550, liquidity = quiet } ] }")));
    Run run = simulate(wild, 40, 60);
    assertTrue(run.printCount.get(SAMSUNG) > 40 * 2000, "prints " + run.printCount.get(SAMSUNG));
    assertEquals(List.of(), run.violations);
  }

  @Test
  void volumeIsHeavierInTheFirstAndLastHalfHourThanAtLunch() {
    Run run = simulate(config(11, "quiet", "quiet"), 10, 60);
    for (Map.Entry<Symbol, long[]> e : run.halfHours.entrySet()) {
      long[] v = e.getValue();
      assertTrue(v[0] > 1.5 * v[2] && v[1] > 1.5 * v[2],
          e.getKey() + ": first half hour " + v[0] + ", last " + v[1] + ", lunch " + v[2]);
    }
  }

  @Test
  void aLiquidStockPrintsAtItsClassRateAndAQuietOneAtItsOwn() {
    // Ten-second ticks: the open's 400 prints a minute stay under a tick's print cap.
    Run run = simulate(config(5, "liquid", "quiet"), 2, 10);
    // reference.conf: liquid 120 and quiet 8 prints a minute on average over 09:00-15:30; the
    // ticks here cover 09:00-15:29:50 (a tick at 15:30 would find the market closed).
    double minutes = 2 * (389 + 50 / 60.0);
    double liquid = run.printCount.get(SAMSUNG) / minutes;
    double quiet = run.printCount.get(HYNIX) / minutes;
    assertTrue(liquid > 110 && liquid < 125, "liquid prints a minute: " + liquid);
    assertTrue(quiet > 6.5 && quiet < 8.5, "quiet prints a minute: " + quiet);
  }

  @Test
  void theSameSeedGivesTheSamePathAndAnotherSeedAnother() {
    List<String> a = simulate(config(42, "quiet", "quiet"), 2, 60, true).prints;
    List<String> b = simulate(config(42, "quiet", "quiet"), 2, 60, true).prints;
    List<String> c = simulate(config(43, "quiet", "quiet"), 2, 60, true).prints;
    assertTrue(a.size() > 1000, "prints " + a.size());
    assertEquals(a, b);
    assertNotEquals(a, c);
  }

  @Test
  void aLongTickSendsAtMostAHundredPrintsCarryingTheVolumeOfAllItsArrivals() {
    // An hour in one tick (a 7200x compression of a 500 ms tick): 7,200 arrivals for a liquid stock.
    SimConfig demo = SimConfig.fromConfig(ConfigFactory.parseString(
        "kis-sim { session-mode = ALWAYS_OPEN, price-model = calibrated, tick-interval = 0, seed = 42, nxt-symbols = [] }"));
    SteppedClock clock = new SteppedClock("2026-11-24T20:00:00");
    Exchange ex = new Exchange(demo, new SessionClock(SessionMode.ALWAYS_OPEN, clock));
    List<Integer> frameSizes = new ArrayList<>();
    ex.listener(new Exchange.Listener() {
      @Override
      public void onTrades(Symbol symbol, Venue book, List<String> records) {
        frameSizes.add(records.size());
      }

      @Override
      public void onBook(Symbol symbol, Venue book, String record) { }

      @Override
      public void onNotice(ExecutionNotice notice) { }
    });
    clock.set("2026-11-24T21:00:00");
    ex.generatorTick(3600);
    assertTrue(frameSizes.stream().allMatch(n -> n <= CalibratedWalk.MAX_PRINTS), frameSizes.toString());
    Instrument samsung = ex.instrument(SAMSUNG);
    // 120 prints a minute of ~598 shares on average (a ten-millionth of the listed shares, plus one).
    double expected = 120 * 60 * (5969782550L * 1e-7 + 1);
    // A hundred exponential sizes: 10 % relative spread, so 35 % is three and a half of it.
    assertTrue(Math.abs(samsung.volume / expected - 1) < 0.35, "volume " + samsung.volume + ", expected ~" + expected);
  }

  @Test
  void anElevenMinuteAlwaysOpenDemoMovesLikeAStockNotTwentySevenPercent() {
    // Issue 18: on the old generator 005930 went +27 % in 11 minutes of the embedded demo.
    SimConfig demo = SimConfig.fromConfig(ConfigFactory.parseString(
        "kis-sim { session-mode = ALWAYS_OPEN, price-model = calibrated, tick-interval = 0, seed = 42 }"));
    SteppedClock clock = new SteppedClock("2026-11-24T10:00:00");
    Exchange ex = new Exchange(demo, new SessionClock(SessionMode.ALWAYS_OPEN, clock));
    LocalDateTime t = LocalDateTime.of(2026, 11, 24, 10, 0);
    for (int i = 0; i < 11 * 60 * 2; i++) {
      t = t.plusNanos(500_000_000);
      clock.set(t.toString());
      ex.generatorTick(0.5);
    }
    for (Instrument inst : ex.instruments.values()) {
      double move = Math.log((double) inst.last / inst.base);
      // Eleven minutes of a ~2 %-a-day stock: a few tenths of a percent; 3 % is ten standard deviations.
      assertTrue(Math.abs(move) < 0.03, inst.spec.symbol() + " moved " + move);
      assertTrue(inst.volume > 0, inst.spec.symbol() + " never printed");
    }
  }
}
