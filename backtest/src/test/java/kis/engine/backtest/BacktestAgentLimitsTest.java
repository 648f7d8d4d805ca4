package kis.engine.backtest;

import static kis.engine.backtest.Scripted.S;
import static kis.engine.backtest.Scripted.bar;
import static kis.engine.backtest.Scripted.isBar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import kis.actors.risk.AgentLimits;
import kis.journal.CostModel;
import kis.journal.OrderSpec;
import kis.journal.RejectReason;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.event.OrderDenied;
import kis.journal.event.OrderRequested;
import kis.strategies.Intent;
import kis.strategies.event.Bar;
import kis.strategies.event.StrategyEvent;
import org.junit.jupiter.api.Test;

/** The agent's own limits in the backtest: the same check, reasons and details as the live risk guard. */
class BacktestAgentLimitsTest {
  private static final BacktestConfig CFG = BacktestConfig.defaults().withCash(10_000_000).withCosts(CostModel.FREE);

  private static AgentLimits limits(long notional, long shares, long loss, int orders, long capital) {
    return new AgentLimits(notional, shares, loss, orders, capital, Set.of(S));
  }

  /** Four days of flat minute bars at 10,000, {@code perDay} bars a day. */
  private static MarketData flat(int days, int perDay) {
    List<Bar> bars = new java.util.ArrayList<>();
    for (int d = 0; d < days; d++) {
      for (int i = 0; i < perDay; i++) {
        bars.add(bar(d, i, 10_000, 10_000, 10_000, 10_000, 1_000_000));
      }
    }
    return MarketData.of(List.copyOf(bars));
  }

  private static BacktestResult run(Scripted s, MarketData md, AgentLimits l) {
    return BacktestRunner.run(s, "limits", md, CFG.withLimits(l), ProgressListener.NONE);
  }

  private static List<OrderDenied> denials(BacktestResult r) {
    return r.journal().stream().filter(OrderDenied.class::isInstance).map(OrderDenied.class::cast).toList();
  }

  private static long sent(BacktestResult r) {
    return r.journal().stream().filter(OrderRequested.class::isInstance).count();
  }

  private static boolean anyBar(StrategyEvent e) {
    return e instanceof Bar;
  }

  @Test
  void aReviseUpPastTheAgentsNotionalIsAnsweredModifyRejectedAndTheOrderKeepsItsPrice() {
    // 9 shares resting at 9,000 under the 10,000 bars (81,000); revised to 12,000 they would be 108,000 > 100,000.
    Scripted s = new Scripted((e, c) -> isBar(e, 0) ? List.of(Intent.buyLimit(S, 9, 9_000, "rest"))
        : isBar(e, 1) && !c.state().openOrders().isEmpty()
            ? List.of(new Intent.Revise(c.state().openOrders().values().iterator().next().id(), 12_000))
            : List.of());
    BacktestResult r = run(s, flat(1, 3), limits(100_000, 0, 0, 0, 0));
    List<kis.journal.event.ModifyRejected> refused = r.journal().stream()
        .filter(kis.journal.event.ModifyRejected.class::isInstance).map(kis.journal.event.ModifyRejected.class::cast)
        .toList();
    assertEquals(1, refused.size(), r.journal()::toString);
    assertEquals("RISK_MAX_NOTIONAL", refused.get(0).msgCd());
    assertEquals("agent max-order-notional 100000 won: the revised order is 9 x 12000 = 108000",
        refused.get(0).message());
    assertTrue(r.journal().stream().noneMatch(kis.journal.event.OrderRevised.class::isInstance));
    // It kept working at its price until the session's end expired it.
    assertEquals(9_000, r.finalState().order(refused.get(0).orderId()).orElseThrow().price());
  }

  @Test
  void maxPosition2DeniesEvery5ShareOrderAndNothingIsHeld() {
    Scripted s = new Scripted((e, c) -> anyBar(e) ? List.of(Intent.buyMarket(S, 5, "five")) : List.of());
    BacktestResult r = run(s, flat(1, 5), limits(0, 2, 0, 0, 0));
    assertEquals(5, denials(r).size());
    denials(r).forEach(d -> {
      assertEquals(RejectReason.RISK_AGENT_MAX_SHARES, d.reason());
      assertEquals("max-position 2 shares: holds 0 + working buys 0 + this 5 = 5", d.detail());
    });
    assertEquals(0, sent(r));
    assertEquals(0, r.finalState().position(S).quantity());
  }

  @Test
  void maxPositionCountsHeldSharesSoTheThirdBuyOf4IsDeniedAt10() {
    Scripted s = new Scripted((e, c) -> isBar(e, 0) || isBar(e, 1) || isBar(e, 2)
        ? List.of(Intent.buyMarket(S, 4, "four")) : List.of());
    BacktestResult r = run(s, flat(1, 4), limits(0, 10, 0, 0, 0));
    assertEquals(List.of("max-position 10 shares: holds 8 + working buys 0 + this 4 = 12"),
        denials(r).stream().map(OrderDenied::detail).toList());
    assertEquals(8, r.finalState().position(S).quantity());
  }

  @Test
  void initialCapitalIsTheBuyingPower() {
    Scripted s = new Scripted((e, c) -> isBar(e, 0) ? List.of(Intent.buyLimit(S, 10, 10_000, "all in"))
        : isBar(e, 2) ? List.of(Intent.buyLimit(S, 1, 10_000, "one more")) : List.of());
    BacktestResult r = run(s, flat(1, 4), limits(0, 0, 0, 0, 100_000));
    assertEquals(List.of(RejectReason.RISK_AGENT_CAPITAL), denials(r).stream().map(OrderDenied::reason).toList());
    assertEquals("initial-capital 100000 won + net realized P&L 0 - held at cost 100000 - working buys 0 leaves 0;"
        + " this buy costs 10000", denials(r).get(0).detail());
    assertEquals(10, r.finalState().position(S).quantity());
  }

  @Test
  void anOrderOnASymbolTheAgentIsNotDeclaredForIsDenied() {
    Symbol other = Symbol.of("000660");
    Scripted s = new Scripted((e, c) -> isBar(e, 0) ? List.of(new Intent.Place(
        OrderSpec.limit(other, Side.BUY, 1, 10_000), "elsewhere")) : List.of());
    BacktestResult r = run(s, flat(1, 2), limits(0, 0, 0, 0, 0));
    assertEquals(RejectReason.RISK_UNDECLARED_SYMBOL, denials(r).get(0).reason());
    assertEquals(0, sent(r));
  }

  @Test
  void maxDailyOrdersCountsPerTradingDay() {
    Scripted s = new Scripted((e, c) -> anyBar(e) ? List.of(Intent.buyLimit(S, 1, 9_000, "low bid")) : List.of());
    BacktestResult r = run(s, flat(2, 3), limits(0, 0, 0, 2, 0));
    assertEquals(4, sent(r)); // two a day
    assertEquals(List.of("agent max-daily-orders 2: 2 orders today", "agent max-daily-orders 2: 2 orders today"),
        denials(r).stream().map(OrderDenied::detail).toList());
  }

  @Test
  void maxOrderNotionalAndMaxDailyLossDenyAsLive() {
    Scripted big = new Scripted((e, c) -> isBar(e, 0) ? List.of(Intent.buyLimit(S, 10, 10_000, "big")) : List.of());
    assertEquals("agent max-order-notional 50000 won: this order is 10 x 10000 = 100000",
        denials(run(big, flat(1, 2), limits(50_000, 0, 0, 0, 0))).get(0).detail());

    Scripted loser = new Scripted((e, c) -> isBar(e, 0) ? List.of(Intent.buyMarket(S, 10, "in"))
        : isBar(e, 3) ? List.of(Intent.buyLimit(S, 1, 9_000, "again")) : List.of());
    MarketData falling = MarketData.of(List.of(bar(0, 0, 10_000, 10_000, 10_000, 10_000, 1_000),
        bar(0, 1, 10_000, 10_000, 10_000, 10_000, 1_000), bar(0, 2, 9_000, 9_000, 9_000, 9_000, 1_000),
        bar(0, 3, 9_000, 9_000, 9_000, 9_000, 1_000)));
    List<OrderDenied> d = denials(run(loser, falling, limits(0, 0, 5_000, 0, 0)));
    assertEquals(1, d.size());
    assertEquals(RejectReason.RISK_DAILY_LOSS, d.get(0).reason());
    assertEquals("agent max-daily-loss 5000 won: today's P&L is -10000", d.get(0).detail());
  }

  @Test
  void withoutLimitsTheBacktestIsUnchanged() {
    Scripted s = new Scripted((e, c) -> anyBar(e) ? List.of(Intent.buyMarket(S, 5, "five")) : List.of());
    BacktestResult r = BacktestRunner.run(s, "none", flat(1, 5), CFG, ProgressListener.NONE);
    assertTrue(denials(r).isEmpty());
    assertEquals(5, sent(r));
    assertEquals(20, r.finalState().position(S).quantity()); // the last bar's buy has no next bar to fill on
  }
}
