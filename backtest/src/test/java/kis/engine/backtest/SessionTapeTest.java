package kis.engine.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import kis.journal.Symbol;
import kis.journal.Venue;
import kis.journal.calendar.MarketCalendar;
import kis.journal.calendar.MarketPhase;
import kis.journal.event.OrderExpired;
import kis.strategies.Intent;
import kis.strategies.StrategyContext;
import kis.strategies.event.Bar;
import kis.strategies.event.MarketEvent;
import kis.strategies.event.PhaseChanged;
import org.junit.jupiter.api.Test;

/** How minute-bar history marks the calls: KIS's minute chart, bars stamped at their end. */
class SessionTapeTest {
  private static final Symbol S = Scripted.S;
  private static final LocalDate DAY = LocalDate.of(2026, 3, 3);

  private static Instant kst(int h, int m) {
    return DAY.atTime(LocalTime.of(h, m)).atZone(StrategyContext.KST).toInstant();
  }

  /** The minute bar that starts at {@code h:m}. */
  private static Bar minute(int h, int m, long open, long close, long volume) {
    return new Bar(S, kst(h, m).plusSeconds(60), Bar.MINUTE, open, Math.max(open, close), Math.min(open, close),
        close, volume);
  }

  /**
   * Opening bar at 10,000; bars to 10:57; two silent minutes; the 11:00 bar opens at 11,000 (10 %
   * from the opening price: a VI's match); bars to 15:19; zero-volume minutes in the closing call;
   * the closing bar starts at 15:30.
   */
  private static List<MarketEvent> day() {
    List<MarketEvent> out = new ArrayList<>();
    for (LocalTime t = LocalTime.of(9, 0); t.isBefore(LocalTime.of(15, 20)); t = t.plusMinutes(1)) {
      boolean silent = !t.isBefore(LocalTime.of(10, 58)) && t.isBefore(LocalTime.of(11, 0));
      long px = t.isBefore(LocalTime.of(11, 0)) ? 10_000 : 11_000;
      out.add(minute(t.getHour(), t.getMinute(), px, px, silent ? 0 : 1_000));
    }
    for (int m = 20; m < 30; m++) {
      out.add(minute(15, m, 11_000, 11_000, 0));
    }
    out.add(minute(15, 30, 10_900, 10_900, 50_000));
    return out;
  }

  @Test
  void barsMarkTheOpeningAndClosingMatchesAndAViByItsMatch() {
    List<MarketEvent> events = day();
    SessionTape tape = SessionTape.of(MarketData.of(events), MarketCalendar.defaults());
    assertEquals(SessionTape.Call.OPENING_AUCTION, tape.uncross(events.get(0)).call());
    MarketEvent viMatch = events.stream().filter(e -> ((Bar) e).start().equals(kst(11, 0))).findFirst().orElseThrow();
    assertEquals(new SessionTape.Uncross(SessionTape.Call.VOLATILITY_INTERRUPTION, 11_000, 1_000), tape.uncross(viMatch));
    assertTrue(tape.isClosingMatch(events.get(events.size() - 1)));
    assertNull(tape.uncross(events.get(1)), "a continuous bar");
    assertEquals(MarketPhase.VOLATILITY_INTERRUPTION, tape.phase(Venue.KRX, S, kst(10, 59)));
    assertEquals(MarketPhase.CONTINUOUS, tape.phase(Venue.KRX, S, kst(10, 57)));
    assertEquals(MarketPhase.CONTINUOUS, tape.phase(Venue.NXT, S, kst(10, 59)), "KRX's VI does not stop NXT");
    assertEquals(MarketPhase.CLOSING_AUCTION, tape.phase(Venue.KRX, S, kst(15, 25)));
  }

  @Test
  void aSixPercentJumpFromThePreviousPrintIsADynamicVisMatch() {
    List<MarketEvent> events = new ArrayList<>();
    events.add(minute(9, 0, 10_000, 10_000, 1_000));
    events.add(minute(9, 1, 10_000, 10_500, 1_000)); // 5 % above the open: no VI
    events.add(minute(9, 5, 9_850, 9_850, 1_000)); // 6.2 % below the last print, 1.5 % from the open
    events.add(minute(9, 6, 9_850, 9_850, 1_000));
    events.add(minute(15, 30, 9_900, 9_900, 5_000));
    SessionTape tape = SessionTape.of(MarketData.of(events), MarketCalendar.defaults());
    assertNull(tape.uncross(events.get(1)));
    assertEquals(new SessionTape.Uncross(SessionTape.Call.VOLATILITY_INTERRUPTION, 9_850, 1_000),
        tape.uncross(events.get(2)));
    assertNull(tape.uncross(events.get(3)), "the next print is continuous again");
    assertEquals(MarketPhase.VOLATILITY_INTERRUPTION, tape.phase(Venue.KRX, S, kst(9, 3)));
    assertEquals(MarketPhase.CONTINUOUS, tape.phase(Venue.KRX, S, kst(9, 2)), "the call ran the two minutes before");
  }

  @Test
  void aBarTradingInsideACallMakesTheDayKeepTheContinuousModel() {
    List<MarketEvent> events = day();
    events.add(minute(15, 25, 11_000, 11_000, 10));
    assertTrue(SessionTape.of(MarketData.of(events), MarketCalendar.defaults()).isEmpty());
  }

  @Test
  void aDayWithoutTheClosingMatchKeepsTheContinuousModel() {
    List<MarketEvent> events = day();
    events.remove(events.size() - 1);
    assertFalse(SessionTape.of(MarketData.of(events), MarketCalendar.defaults())
        .follows(kst(10, 0)));
  }

  @Test
  void anOrderInTheClosingCallFillsOnTheClosingBarThatEndsAfterTheClose() {
    Scripted s = new Scripted((e, c) -> e instanceof PhaseChanged p && p.venue() == Venue.KRX && !p.isStockLevel()
        && p.phase() == MarketPhase.CLOSING_AUCTION ? List.of(Intent.buyMarket(S, 7, "at-the-close"),
            Intent.buyLimit(S, 1, 10_800, "short-of-it")) : List.of());
    BacktestResult r = BacktestRunner.run(s, "closing-bar", MarketData.of(day()), BacktestConfig.defaults(),
        ProgressListener.NONE);
    assertEquals(1, r.fills().size(), "fills: " + r.fills());
    assertEquals(10_900, r.fills().get(0).event().price());
    assertEquals(7, r.fills().get(0).event().quantity());
    assertEquals(1, r.journal().stream().filter(e -> e instanceof OrderExpired).count(), "the short limit expires");
  }
}
