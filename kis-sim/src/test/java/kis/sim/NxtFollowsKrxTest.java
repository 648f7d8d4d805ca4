package kis.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Collectors;
import kis.journal.KrxTick;
import kis.journal.Symbol;
import kis.journal.Venue;
import kis.journal.calendar.MarketPhase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The generator's NXT prints follow KRX's price (arbitrage keeps the venues together): during KRX's
 * continuous session every NXT print is within a few ticks of KRX's last print, NXT's after-market
 * starts from KRX's close, and one seed gives one path. Driven through the exchange over a whole
 * trading day on a market clock the test steps (2026-11-24, a Tuesday: NXT 08:00-20:00, KRX
 * 09:00-15:30 and its after-market 16:00-20:00), one generator tick per step, for both price models.
 */
class NxtFollowsKrxTest {
  /**
   * {@link NxtArbitrage#MAX_TICKS} of spread, a tick of bid-ask bounce on each venue, and a tick for
   * KRX's value moving on since its last print (a second's step of a calibrated stock need not print).
   */
  static final int MAIN_SESSION_TICKS = 5;

  /** One NXT print and what KRX showed when it happened. */
  record NxtPrint(String time, Symbol symbol, long price, long krxLast, MarketPhase krxPhase, boolean krxInVi) {
    long ticksFromKrx() {
      return Math.abs(price - krxLast) / KrxTick.tickSize(Math.min(price, krxLast));
    }
  }

  static SimConfig config(PriceModel model, long seed) {
    return SimConfig.fromConfig(ConfigFactory.parseString(
        "kis-sim { flavour = REAL, session-mode = KRX, tick-interval = 0, price-model = " + model + ", seed = " + seed
            + " }"));
  }

  /**
   * Every NXT print of the day in the windows {@code from-to, from-to, ...} (KST times of
   * 2026-11-24), one generator tick every {@code stepSeconds}; the clock jumps between windows.
   */
  static List<NxtPrint> day(SimConfig cfg, int stepSeconds, String... windows) {
    SteppedClock clock = new SteppedClock("2026-11-24T" + windows[0]);
    Exchange ex = new Exchange(cfg, new SessionClock(SessionMode.KRX, clock));
    List<NxtPrint> out = new ArrayList<>();
    ex.listener(new Exchange.Listener() {
      @Override
      public void onTrades(Symbol symbol, Venue book, List<String> records) {
        if (book != Venue.NXT) {
          return;
        }
        ZonedDateTime now = ex.clock.now();
        Instrument krx = ex.instrument(symbol);
        for (String r : records) {
          String[] f = r.split("\\^");
          out.add(new NxtPrint(f[1], symbol, Long.parseLong(f[2]), krx.last, ex.clock.phase(Venue.KRX, now),
              krx.viEnd != null));
        }
      }

      @Override
      public void onBook(Symbol symbol, Venue book, String record) { }

      @Override
      public void onNotice(ExecutionNotice notice) { }
    });
    for (int w = 0; w < windows.length; w += 2) {
      LocalDateTime end = LocalDateTime.parse("2026-11-24T" + windows[w + 1]);
      for (LocalDateTime t = LocalDateTime.parse("2026-11-24T" + windows[w]).plusSeconds(stepSeconds);
          !t.isAfter(end); t = t.plusSeconds(stepSeconds)) {
        clock.set(t.toString());
        ex.generatorTick(stepSeconds);
      }
    }
    return out;
  }

  @ParameterizedTest
  @EnumSource(PriceModel.class)
  void nxtPrintsStayWithinAFewTicksOfKrxInTheMainSessionAndTheAfterMarketStartsFromKrxsClose(PriceModel model) {
    // NXT alone in its pre-market, KRX's open, and the afternoon through KRX's close into NXT's after-market.
    List<NxtPrint> prints = day(config(model, 42), 1, "08:40:00", "09:40:00", "14:50:00", "15:32:00");

    List<NxtPrint> main = prints.stream()
        .filter(p -> p.krxPhase() == MarketPhase.CONTINUOUS && !p.krxInVi()).toList();
    assertTrue(main.size() > 5 * 1000, "NXT prints in KRX's continuous session: " + main.size());
    List<NxtPrint> far = main.stream().filter(p -> p.ticksFromKrx() > MAIN_SESSION_TICKS).toList();
    assertEquals(List.of(), far.subList(0, Math.min(10, far.size())),
        far.size() + " NXT prints more than " + MAIN_SESSION_TICKS + " ticks from KRX's last print; ticks apart: "
            + main.stream().collect(Collectors.groupingBy(NxtPrint::ticksFromKrx, TreeMap::new, Collectors.counting())));
    // A spread, not a copy: NXT's prints differ from KRX's by a tick or more much of the time.
    long apart = main.stream().filter(p -> p.ticksFromKrx() >= 1).count();
    assertTrue(apart > main.size() / 10, apart + " of " + main.size() + " NXT prints away from KRX's price");

    // NXT's after-market (KRX closed 15:30-16:00): its first print per stock is at KRX's close, give or take a tick.
    for (Symbol s : main.stream().map(NxtPrint::symbol).distinct().toList()) {
      NxtPrint first = prints.stream()
          .filter(p -> p.symbol().equals(s) && !LocalTime.parse(p.time(), Exchange.HHMMSS).isBefore(LocalTime.of(15, 30)))
          .findFirst().orElseThrow(() -> new AssertionError(s + " never printed on NXT after 15:30"));
      assertEquals(MarketPhase.CLOSED, first.krxPhase(), first.toString());
      assertTrue(first.ticksFromKrx() <= 1, "NXT's after-market opens from KRX's close: " + first);
    }
  }

  @ParameterizedTest
  @EnumSource(PriceModel.class)
  void oneSeedGivesOneNxtPathAndAnotherSeedAnother(PriceModel model) {
    // NXT on its own in the pre-market, then following KRX from its open.
    List<NxtPrint> a = day(config(model, 42), 1, "08:40:00", "09:05:00");
    List<NxtPrint> b = day(config(model, 42), 1, "08:40:00", "09:05:00");
    List<NxtPrint> c = day(config(model, 43), 1, "08:40:00", "09:05:00");
    assertTrue(a.size() > 1000, "NXT prints " + a.size());
    assertTrue(a.stream().anyMatch(p -> p.krxPhase() == MarketPhase.CONTINUOUS), "the path reaches KRX's session");
    assertEquals(a, b);
    assertNotEquals(a, c);
  }
}
