package kis.engine.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kis.journal.ClientOrderId;
import kis.journal.OrderSpec;
import kis.journal.ProtectiveSpec;
import kis.journal.RejectReason;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.TimeInForce;
import kis.journal.Venue;
import kis.journal.calendar.MarketCalendar;
import kis.journal.calendar.MarketPhase;
import kis.journal.calendar.SessionSchedule;
import kis.journal.event.OrderDenied;
import kis.journal.event.ProtectiveArmed;
import kis.journal.event.OrderExpired;
import kis.strategies.Intent;
import kis.strategies.Strategy;
import kis.strategies.StrategyContext;
import kis.strategies.event.MarketEvent;
import kis.strategies.event.PhaseChanged;
import kis.strategies.event.SessionOpened;
import kis.strategies.event.StrategyEvent;
import kis.strategies.event.TimerFired;
import kis.strategies.event.Trade;
import org.junit.jupiter.api.Test;

/**
 * One synthetic whole day (2026-09-15, a Tuesday after KRX's after-market began on 2026-09-14):
 * an NXT pre-market print at 08:40 (inside KRX's opening call), the regular day around 70,000
 * (opening match at 09:00, closing match at 15:30), then the evening: a print at 15:50 through
 * every bid (KRX is between its sessions, NXT in its after-market) and one at 17:00:30 at 68,900
 * (both after-markets).
 */
class EveningBacktestTest {
  private static final Symbol S = Symbol.of("005930");
  private static final LocalDate DAY = LocalDate.of(2026, 9, 15);

  private static Instant at(int h, int m, int s) {
    return at(DAY, h, m, s);
  }

  private static Instant at(LocalDate day, int h, int m, int s) {
    return day.atTime(LocalTime.of(h, m, s)).atZone(StrategyContext.KST).toInstant();
  }

  private static Trade print(Instant t, long price, long qty) {
    return new Trade(S, t, price, qty, 0);
  }

  /** The regular day; {@code evening} adds the pre-market print and the after-market prints. */
  static MarketData tape(boolean evening) {
    return MarketData.of(day(DAY, evening));
  }

  private static List<MarketEvent> day(LocalDate d, boolean evening) {
    List<MarketEvent> out = new ArrayList<>();
    if (evening) {
      out.add(print(at(d, 8, 40, 0), 69_800, 500)); // NXT's pre-market, inside KRX's opening call
    }
    out.add(print(at(d, 9, 0, 0), 70_000, 20_000));
    Instant t = at(d, 9, 0, 10);
    for (int i = 0; t.isBefore(at(d, 15, 20, 0)); i++, t = t.plusSeconds(10)) {
      out.add(print(t, 70_000 + 100L * (i % 3 - 1), 100)); // 69,900 to 70,100
    }
    out.add(print(at(d, 15, 30, 0), 70_000, 30_000));
    if (evening) {
      out.add(print(at(d, 15, 50, 0), 69_500, 1_000)); // through the regular KRX bid, which expired at 15:30
      out.add(print(at(d, 17, 0, 30), 68_900, 1_000));
    }
    return out;
  }

  /** Places on timers through the day and records everything it is told. */
  static final class EveningTrader implements Strategy {
    final List<StrategyEvent> seen = new ArrayList<>();

    @Override
    public Set<Symbol> symbols() {
      return Set.of(S);
    }

    @Override
    public List<Intent> onEvent(StrategyEvent e, StrategyContext ctx) {
      seen.add(e);
      if (e instanceof PhaseChanged p && p.venue() == Venue.NXT && p.phase() == MarketPhase.PRE_MARKET) {
        return List.of(nxtLimit(1, 70_000, "nxt-pre"));
      }
      if (e instanceof SessionOpened o) {
        LocalDate d = o.tradingDate();
        return List.of(new Intent.SetTimer("15:00", at(d, 15, 0, 0)), new Intent.SetTimer("15:35", at(d, 15, 35, 0)),
            new Intent.SetTimer("15:45", at(d, 15, 45, 0)), new Intent.SetTimer("17:00", at(d, 17, 0, 0)),
            new Intent.SetTimer("18:00", at(d, 18, 0, 0)), new Intent.SetTimer("19:00", at(d, 19, 0, 0)));
      }
      if (!(e instanceof TimerFired f)) {
        return List.of();
      }
      switch (f.key()) {
        case "15:00":
          return List.of(Intent.buyLimit(S, 10, 69_700, "krx-regular"), nxtLimit(10, 69_000, "nxt-day"));
        case "15:35":
          return List.of(Intent.buyLimit(S, 1, 69_600, "krx-1535"));
        case "15:45":
          return List.of(Intent.buyLimit(S, 1, 69_600, "krx-1545"));
        case "17:00":
          return List.of(Intent.buyLimit(S, 5, 69_000, "krx-after"), Intent.buyMarket(S, 1, "krx-after-market"));
        case "18:00": // a stop till the close on what the evening bought, judged on NXT's book
          return List.of(Intent.protect(ProtectiveSpec.stopLimit(S, Side.SELL, 10, 60_000, 59_900).on(Venue.NXT)
              .until(TimeInForce.GOOD_TILL_CLOSE), "evening-stop"));
        case "19:00":
          return List.of(nxtLimit(1, 60_000, "nxt-evening-rest"));
        default:
          return List.of();
      }
    }

    private static Intent nxtLimit(long qty, long price, String reason) {
      return new Intent.Place(OrderSpec.limit(S, Side.BUY, qty, price).on(Venue.NXT), reason);
    }
  }

  private static BacktestResult run(EveningTrader s, MarketData data) {
    return BacktestRunner.run(s, "evening", data, BacktestConfig.defaults(), ProgressListener.NONE);
  }

  private static Map<ClientOrderId, String> reasons(BacktestResult r) {
    return SessionDayBacktestTest.reasons(r);
  }

  private static String hms(Instant t) {
    return t.atZone(StrategyContext.KST).toLocalTime().toString();
  }

  @Test
  void nxtAndKrxAfterMarketOrdersFillInTheEveningAndNothingFillsOnKrxBetweenItsSessions() {
    BacktestResult r = run(new EveningTrader(), tape(true));
    List<String> fills = r.fills().stream().map(f -> f.reason() + " " + f.event().venue() + " "
        + f.event().quantity() + "@" + f.event().price() + " " + hms(f.event().recordedAt())).toList();
    assertEquals(List.of(
        "nxt-pre NXT 1@69800 08:40", // NXT's pre-market trades while KRX's opening call runs
        "nxt-day NXT 10@69000 17:00:30", // placed at 15:00, not cancelled at 15:30: fills in NXT's after-market
        "krx-after KRX 5@69000 17:00:30"), fills); // a KRX limit in KRX's after-market (ORD_DVSN 41 live)
    for (BacktestResult.Fill f : r.fills()) {
      Instant t = f.event().recordedAt();
      assertTrue(f.event().venue() != Venue.KRX || t.isBefore(at(15, 30, 0)) || !t.isBefore(at(16, 0, 0)),
          "a KRX fill between its close and its after-market: " + f);
    }
  }

  @Test
  void ordersExpireAtTheirOwnVenuesClose() {
    BacktestResult r = run(new EveningTrader(), tape(true));
    Map<ClientOrderId, String> reasons = reasons(r);
    List<String> expired = r.journal().stream().filter(e -> e instanceof OrderExpired).map(e -> (OrderExpired) e)
        .map(x -> reasons.get(x.orderId()) + " " + hms(x.recordedAt())).toList();
    assertEquals(List.of("krx-regular 15:30", "nxt-evening-rest 20:00"), expired);
  }

  @Test
  void aStopGoodTillCloseArmedInTheEveningLivesUntilItsVenuesClose() {
    BacktestResult r = run(new EveningTrader(), tape(true));
    List<String> armed = r.journal().stream().filter(e -> e instanceof ProtectiveArmed).map(e -> (ProtectiveArmed) e)
        .map(a -> a.reason() + " until " + hms(a.expiresAt())).toList();
    assertEquals(List.of("evening-stop until 20:00"), armed, "as the live host's sessionEnd: not KRX's 15:30");
  }

  @Test
  void krxRefusesOrdersBetweenItsSessionsAndMarketOrdersInItsAfterMarketAsLive() {
    BacktestResult r = run(new EveningTrader(), tape(true));
    List<String> denied = r.journal().stream().filter(e -> e instanceof OrderDenied).map(e -> (OrderDenied) e)
        .map(d -> d.spec().venue() + " " + d.spec().type() + " " + d.reason() + " " + hms(d.recordedAt())).toList();
    assertEquals(List.of(
        "KRX LIMIT " + RejectReason.KRX_MARKET_CLOSED + " 15:35", // nothing is sent 15:30-15:40
        "KRX LIMIT " + RejectReason.AGENT_UNSUPPORTED_ORDER_TYPE + " 15:45", // closing-price trades only (06)
        "KRX MARKET " + RejectReason.AGENT_UNSUPPORTED_ORDER_TYPE + " 17:00"), denied); // 41-47 take no market
  }

  @Test
  void theStrategySeesEachVenuesWholeDayAsTheLiveSchedule() {
    EveningTrader s = new EveningTrader();
    run(s, tape(true));
    List<String> phases = s.seen.stream().filter(e -> e instanceof PhaseChanged).map(e -> (PhaseChanged) e)
        .map(p -> p.venue() + " " + p.phase() + " " + hms(p.time())).toList();
    assertEquals(List.of(
        "NXT PRE_MARKET 08:00", "KRX PRE_OPEN 08:30", "NXT HALTED 08:50", "KRX CONTINUOUS 09:00",
        "NXT CONTINUOUS 09:00", "KRX CLOSING_AUCTION 15:20", "NXT HALTED 15:20", "KRX CLOSED 15:30",
        "NXT AFTER_MARKET 15:30", "KRX POST_CLOSE_CLOSING_PRICE 15:40", "KRX AFTER_MARKET 16:00",
        "KRX CLOSED 20:00", "NXT CLOSED 20:00"), phases);
    for (Venue v : List.of(Venue.KRX, Venue.NXT)) {
      assertEquals(liveChanges(v), phases.stream().filter(p -> p.startsWith(v + " ")).toList(),
          "the phases the live strategy host's schedule for " + v + " goes through");
    }
  }

  /** The phase changes of {@code venue}'s day by the live engine's per-venue schedule, walked from 07:00 to 21:00. */
  private static List<String> liveChanges(Venue venue) {
    SessionSchedule live = SessionSchedule.market(MarketCalendar.defaults()).forVenue(venue);
    List<String> out = new ArrayList<>();
    MarketPhase was = live.phaseAt(at(7, 0, 0));
    for (Instant t = live.nextChange(at(7, 0, 0)); t.isBefore(at(21, 0, 0)); t = live.nextChange(t)) {
      MarketPhase p = live.phaseAt(t);
      if (p != was) {
        out.add(venue + " " + p + " " + hms(t));
        was = p;
      }
    }
    return out;
  }

  @Test
  void aDayReplayedWholeEndsBeforeTheNextOneOpens() {
    LocalDate next = DAY.plusDays(1);
    List<MarketEvent> two = new ArrayList<>(day(DAY, true));
    two.addAll(day(next, false)); // the next day's first print is its opening match at 09:00
    BacktestResult r = run(new EveningTrader(), MarketData.of(two));
    Map<ClientOrderId, String> reasons = reasons(r);
    List<String> expired = r.journal().stream().filter(e -> e instanceof OrderExpired).map(e -> (OrderExpired) e)
        .filter(x -> x.tradingDate().equals(DAY))
        .map(x -> reasons.get(x.orderId()) + " " + x.recordedAt().atZone(StrategyContext.KST).toLocalDateTime())
        .toList();
    assertEquals(List.of("krx-regular 2026-09-15T15:30", "nxt-evening-rest 2026-09-15T20:00"), expired);
    assertEquals(List.of(DAY, next), r.daily().stream().map(BacktestResult.DailyEquity::date).toList());
  }

  @Test
  void aRegularHoursTapeStillEndsAtKrxsClose() {
    EveningTrader s = new EveningTrader();
    BacktestResult r = run(s, tape(false));
    Map<ClientOrderId, String> reasons = reasons(r);
    List<String> expired = r.journal().stream().filter(e -> e instanceof OrderExpired).map(e -> (OrderExpired) e)
        .map(x -> reasons.get(x.orderId()) + " " + hms(x.recordedAt())).toList();
    assertEquals(List.of("krx-regular 15:30", "nxt-day 15:30"), expired,
        "without evening prints the replayed day ends at 15:30 for every venue, as before");
    assertTrue(s.seen.stream().filter(e -> e instanceof PhaseChanged).map(e -> (PhaseChanged) e)
        .noneMatch(p -> p.phase() == MarketPhase.AFTER_MARKET));
    assertEquals(1, r.daily().size());
  }
}
