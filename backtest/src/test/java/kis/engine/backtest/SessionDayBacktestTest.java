package kis.engine.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kis.journal.ClientOrderId;
import kis.journal.OrderSpec;
import kis.journal.RejectReason;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.Venue;
import kis.journal.calendar.MarketPhase;
import kis.journal.event.AgentEvent;
import kis.journal.event.OrderDenied;
import kis.journal.event.OrderExpired;
import kis.journal.event.OrderFilled;
import kis.journal.event.OrderRequested;
import kis.strategies.Intent;
import kis.strategies.Strategy;
import kis.strategies.StrategyContext;
import kis.strategies.event.MarketEvent;
import kis.strategies.event.OrderUpdate;
import kis.strategies.event.PhaseChanged;
import kis.strategies.event.StrategyEvent;
import kis.strategies.event.Trade;
import org.junit.jupiter.api.Test;

/**
 * One synthetic KRX day (2026-03-03, a Tuesday on the regular timetable) whose tape follows the
 * session table: the opening match at 09:00:00, continuous prints climbing from 70,000 to 76,900,
 * a print at 77,500 at 10:32:30 (10.7 % from the opening single price: a static VI's match, so
 * the VI's call ran from 10:30:30), continuous prints to 15:20, nothing in the closing call, and the
 * closing match at 15:30:00. One stray print inside the VI (10:31:30, 76,900) is there to show that
 * nothing fills continuously during the call.
 */
class SessionDayBacktestTest {
  private static final Symbol S = Symbol.of("005930");
  private static final LocalDate DAY = LocalDate.of(2026, 3, 3);
  private static final long OPEN_PRICE = 70_000;
  private static final long VI_PRICE = 77_500;
  private static final long CLOSE_PRICE = 77_000;

  private static Instant at(int h, int m, int s) {
    return DAY.atTime(LocalTime.of(h, m, s)).atZone(StrategyContext.KST).toInstant();
  }

  private static Trade print(Instant t, long price, long qty) {
    return new Trade(S, t, price, qty, 0);
  }

  /** The day's tape; {@code throughTheClose} adds a print inside the closing call (a tape that does not follow KRX). */
  static MarketData tape(boolean throughTheClose) {
    List<MarketEvent> out = new ArrayList<>();
    out.add(print(at(9, 0, 0), OPEN_PRICE, 20_000));
    Instant t = at(9, 0, 10);
    for (int i = 0; !t.isAfter(at(10, 30, 0)); i++, t = t.plusSeconds(10)) {
      out.add(print(t, OPEN_PRICE + 100L * Math.min(69, i / 7), 100)); // up to 76,900, 9.9 % above the open
    }
    out.add(print(at(10, 31, 30), 76_900, 50)); // inside the VI's call: no continuous fill may happen on it
    out.add(print(at(10, 32, 30), VI_PRICE, 8_000));
    t = at(10, 33, 0);
    for (int i = 0; t.isBefore(at(15, 20, 0)); i++, t = t.plusSeconds(10)) {
      out.add(print(t, VI_PRICE + 100L * (i % 3 - 1), 100));
    }
    if (throughTheClose) {
      out.add(print(at(15, 25, 0), 77_100, 100));
    }
    out.add(print(at(15, 30, 0), CLOSE_PRICE, 30_000));
    return MarketData.of(out);
  }

  /** Trades the day's calls and records everything it is told. */
  static final class CallTrader implements Strategy {
    final List<StrategyEvent> seen = new ArrayList<>();

    @Override
    public Set<Symbol> symbols() {
      return Set.of(S);
    }

    @Override
    public List<Intent> onEvent(StrategyEvent e, StrategyContext ctx) {
      seen.add(e);
      if (e instanceof PhaseChanged p) {
        return onPhase(p, ctx);
      }
      if (e instanceof OrderUpdate u && u.event() instanceof OrderFilled && ctx.position(S).quantity() == 15) {
        // Bought in the opening match: offer 10 above the market; the VI's match takes them.
        return List.of(Intent.sellLimit(S, 10, 77_000, "take-profit"));
      }
      return List.of();
    }

    private List<Intent> onPhase(PhaseChanged p, StrategyContext ctx) {
      if (p.venue() == Venue.NXT && p.phase() == MarketPhase.PRE_MARKET) {
        return List.of(Intent.buyLimit(S, 1, 70_000, "krx-before-its-call")); // KRX is closed at 08:00
      }
      if (p.venue() == Venue.KRX && !p.isStockLevel() && p.phase() == MarketPhase.PRE_OPEN) {
        return List.of(Intent.buyLimit(S, 10, 70_500, "open-in"), Intent.buyLimit(S, 5, 69_900, "open-below"),
            Intent.buyMarket(S, 5, "open-market"));
      }
      if (p.isStockLevel() && p.phase() == MarketPhase.VOLATILITY_INTERRUPTION) {
        return List.of(Intent.buyLimit(S, 3, 78_000, "in-vi"),
            new Intent.Place(OrderSpec.market(S, Side.BUY, 1).on(Venue.NXT), "nxt-market"));
      }
      if (p.venue() == Venue.KRX && !p.isStockLevel() && p.phase() == MarketPhase.CLOSING_AUCTION) {
        return List.of(Intent.sellMarket(S, ctx.position(S).quantity(), "close-out"),
            Intent.buyLimit(S, 1, 76_000, "close-below"),
            new Intent.Place(OrderSpec.limit(S, Side.BUY, 1, 77_000).on(Venue.NXT), "nxt-in-halt"));
      }
      return List.of();
    }
  }

  private static BacktestResult run(CallTrader s, MarketData data) {
    return BacktestRunner.run(s, "session-day", data, BacktestConfig.defaults(), ProgressListener.NONE);
  }

  /** The reason each order was placed with, from its write-ahead event. */
  static Map<ClientOrderId, String> reasons(BacktestResult r) {
    Map<ClientOrderId, String> m = new HashMap<>();
    for (AgentEvent e : r.journal()) {
      if (e instanceof OrderRequested q) {
        m.put(q.orderId(), q.reason());
      }
    }
    return m;
  }

  @Test
  void ordersInTheCallsFillOnlyAtTheSinglePriceAndNothingFillsInsideTheVi() {
    CallTrader s = new CallTrader();
    BacktestResult r = run(s, tape(false));

    List<String> fills = r.fills().stream().map(f -> f.reason() + " " + f.event().quantity() + "@"
        + f.event().price() + " " + f.event().recordedAt().atZone(StrategyContext.KST).toLocalTime()).toList();
    assertEquals(List.of(
        "open-market 5@70000 09:00", "open-in 10@70000 09:00", // the opening match, market orders first
        "take-profit 10@77500 10:32:30", "in-vi 3@77500 10:32:30", // the VI's match, not 77,000 nor 76,900
        "close-out 8@77000 15:30"), fills); // the closing match

    for (BacktestResult.Fill f : r.fills()) {
      Instant t = f.event().recordedAt();
      assertTrue(t.isBefore(at(10, 30, 30)) || !t.isBefore(at(10, 32, 30)), "a fill inside the VI: " + f);
      assertTrue(Set.of(OPEN_PRICE, VI_PRICE, CLOSE_PRICE).contains(f.event().price()),
          "a fill off the single prices: " + f);
    }
    List<String> expired = r.journal().stream().filter(e -> e instanceof OrderExpired)
        .map(e -> reasons(r).get(((OrderExpired) e).orderId())).toList();
    assertEquals(List.of("open-below", "close-below"), expired, "limits short of the single price rest, then expire");
    assertEquals(0, r.finalState().position(S).quantity());
  }

  @Test
  void ordersAVenueDoesNotTakeInThePhaseAreRefusedAsLive() {
    BacktestResult r = run(new CallTrader(), tape(false));
    List<String> denied = r.journal().stream().filter(e -> e instanceof OrderDenied).map(e -> (OrderDenied) e)
        .map(d -> d.spec().venue() + " " + d.spec().type() + " " + d.reason() + " "
            + d.recordedAt().atZone(StrategyContext.KST).toLocalTime()).toList();
    assertEquals(List.of(
        "KRX LIMIT " + RejectReason.KRX_MARKET_CLOSED + " 08:00", // KRX takes orders from its call at 08:30
        "NXT MARKET " + RejectReason.AGENT_UNSUPPORTED_ORDER_TYPE + " 10:30:30", // NXT takes no market orders
        "NXT LIMIT " + RejectReason.KRX_MARKET_CLOSED + " 15:20"), denied); // NXT halts during KRX's closing call
  }

  @Test
  void theStrategySeesEachVenuesPhasesAndTheStocksVi() {
    CallTrader s = new CallTrader();
    run(s, tape(false));
    List<String> phases = s.seen.stream().filter(e -> e instanceof PhaseChanged).map(e -> (PhaseChanged) e)
        .map(p -> (p.isStockLevel() ? p.symbol().code() : p.venue().name()) + " " + p.phase() + " "
            + p.time().atZone(StrategyContext.KST).toLocalTime()).toList();
    assertEquals(List.of(
        "NXT PRE_MARKET 08:00", "KRX PRE_OPEN 08:30", "NXT HALTED 08:50", "KRX CONTINUOUS 09:00",
        "NXT CONTINUOUS 09:00", "005930 VOLATILITY_INTERRUPTION 10:30:30", "005930 CONTINUOUS 10:32:30",
        "KRX CLOSING_AUCTION 15:20", "NXT HALTED 15:20", "KRX CLOSED 15:30", "NXT CLOSED 15:30"), phases);
  }

  @Test
  void aTapeThatTradesThroughTheCallsKeepsTheContinuousModel() {
    CallTrader s = new CallTrader();
    BacktestResult r = run(s, tape(true));
    assertTrue(s.seen.stream().noneMatch(e -> e instanceof PhaseChanged), "no phases for a tape that is not KRX's");
    assertTrue(SessionTape.of(tape(true), kis.journal.calendar.MarketCalendar.defaults()).isEmpty());
    assertEquals(0, BacktestRunner.daysFollowingSessionTable(tape(true)));
    assertEquals(1, BacktestRunner.daysFollowingSessionTable(tape(false)));
    assertTrue(r.fills().isEmpty(), "the strategy only trades on phases, so nothing happens: " + r.fills());
  }
}
