package kis.engine.backtest;

import static kis.engine.backtest.Scripted.S;
import static kis.engine.backtest.Scripted.bar;
import static kis.engine.backtest.Scripted.isBar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.BiFunction;
import kis.journal.ClientOrderId;
import kis.journal.CostModel;
import kis.journal.RejectReason;
import kis.journal.event.AgentEvent;
import kis.journal.event.CancelRequested;
import kis.journal.event.OrderAccepted;
import kis.journal.event.OrderCancelled;
import kis.journal.event.OrderDenied;
import kis.journal.event.OrderExpired;
import kis.journal.event.OrderFilled;
import kis.journal.event.OrderRequested;
import kis.journal.event.OrderRevised;
import kis.journal.event.ReviseRequested;
import kis.journal.state.AgentState;
import kis.journal.state.OrderStatus;
import kis.strategies.Intent;
import kis.strategies.StrategyContext;
import kis.strategies.event.OrderUpdate;
import kis.strategies.event.SessionClosed;
import kis.strategies.event.StrategyEvent;
import org.junit.jupiter.api.Test;

class SimulatedBrokerTest {
  private static final BacktestConfig CFG = BacktestConfig.defaults().withCash(10_000_000);
  private static final ClientOrderId FIRST = new ClientOrderId("backtest-1");

  private static BacktestResult run(Scripted s, kis.strategies.event.MarketEvent... bars) {
    return BacktestRunner.run(s, "scripted", MarketData.of(List.of(bars)), CFG, ProgressListener.NONE);
  }

  /** Answers {@code intents} on the {@code i}-th bar of the first day, nothing otherwise. */
  private static Scripted onBar(int i, Intent... intents) {
    return new Scripted((e, c) -> isBar(e, i) ? List.of(intents) : List.of());
  }

  private static List<OrderFilled> fills(BacktestResult r) {
    return r.journal().stream().filter(OrderFilled.class::isInstance).map(OrderFilled.class::cast).toList();
  }

  private static List<Class<?>> types(BacktestResult r) {
    return r.journal().stream().<Class<?>>map(Object::getClass).toList();
  }

  @Test
  void marketOrderFillsAtTheNextBarsOpenWithTheLiveEventSequence() {
    BacktestResult r = run(onBar(0, Intent.buyMarket(S, 10, "go")),
        bar(0, 0, 10_000, 10_000, 10_000, 10_000, 1_000),
        bar(0, 1, 10_100, 10_200, 10_000, 10_150, 1_000));
    assertEquals(List.of(OrderRequested.class, OrderAccepted.class, OrderFilled.class), types(r));
    OrderFilled f = fills(r).get(0);
    assertEquals(10, f.quantity());
    assertEquals(10_100, f.price());
    assertEquals(CostModel.KIS_2026.fee(101_000), f.fee());
    assertEquals(0, f.tax());
    assertEquals(10, r.finalState().position(S).quantity());
    assertEquals("go", r.fills().get(0).reason());
  }

  @Test
  void restingLimitBuyFillsOnlyWhenTheMarketTradesThroughIt() {
    BacktestResult r = run(onBar(0, Intent.buyLimit(S, 5, 9_900, "dip")),
        bar(0, 0, 10_000, 10_000, 10_000, 10_000, 1_000),
        bar(0, 1, 10_000, 10_000, 9_900, 9_950, 1_000),
        bar(0, 2, 9_950, 9_950, 9_890, 9_900, 1_000));
    List<OrderFilled> f = fills(r);
    assertEquals(1, f.size());
    assertEquals(9_900, f.get(0).price());
    assertEquals(bar(0, 2, 1, 1, 1, 1, 0).time(), f.get(0).recordedAt());
  }

  @Test
  void marketableLimitFillsAtTheBetterOpen() {
    BacktestResult r = run(onBar(0, Intent.buyLimit(S, 5, 10_100, "take")),
        bar(0, 0, 10_000, 10_000, 10_000, 10_000, 1_000),
        bar(0, 1, 10_000, 10_050, 9_990, 10_000, 1_000));
    assertEquals(10_000, fills(r).get(0).price());
  }

  @Test
  void restingLimitSellFillsAtTheGapOpen() {
    Scripted s = new Scripted((e, c) -> isBar(e, 0) ? List.of(Intent.buyMarket(S, 5, "in"))
        : isBar(e, 1) ? List.of(Intent.sellLimit(S, 5, 10_500, "out")) : List.of());
    BacktestResult r = run(s,
        bar(0, 0, 10_000, 10_000, 10_000, 10_000, 1_000),
        bar(0, 1, 10_000, 10_000, 10_000, 10_000, 1_000),
        bar(0, 2, 10_000, 10_500, 10_000, 10_400, 1_000),
        bar(0, 3, 10_700, 10_800, 10_600, 10_700, 1_000));
    List<OrderFilled> f = fills(r);
    assertEquals(2, f.size());
    assertEquals(10_700, f.get(1).price());
    long value = 5 * 10_700;
    assertEquals(CostModel.KIS_2026.tax(kis.journal.Side.SELL, value), f.get(1).tax());
    assertEquals(value / 500, f.get(1).tax()); // 0.20 %
  }

  @Test
  void ordersLargerThanTheVolumeShareFillPartiallyOverSeveralBars() {
    BacktestResult r = run(onBar(0, Intent.buyMarket(S, 250, "big")),
        bar(0, 0, 10_000, 10_000, 10_000, 10_000, 1_000),
        bar(0, 1, 10_000, 10_000, 10_000, 10_000, 1_000),
        bar(0, 2, 10_010, 10_010, 10_010, 10_010, 1_000),
        bar(0, 3, 10_020, 10_020, 10_020, 10_020, 1_000));
    assertEquals(List.of(100L, 100L, 50L), fills(r).stream().map(OrderFilled::quantity).toList());
    assertEquals(OrderStatus.FILLED, r.finalState().order(FIRST).orElseThrow().status());
    assertEquals(250 * 10_000L + 100 * 10 + 50 * 20, r.finalState().position(S).costBasis());
  }

  @Test
  void strategySeesAPartialFillAsPartiallyFilledState() {
    List<OrderStatus> statuses = new java.util.ArrayList<>();
    Scripted s = new Scripted((e, c) -> {
      if (e instanceof OrderUpdate u && u.event() instanceof OrderFilled) {
        statuses.add(c.state().order(FIRST).orElseThrow().status());
      }
      return isBar(e, 0) ? List.of(Intent.buyMarket(S, 150, "x")) : List.of();
    });
    run(s, bar(0, 0, 10_000, 10_000, 10_000, 10_000, 1_000), bar(0, 1, 10_000, 10_000, 10_000, 10_000, 1_000),
        bar(0, 2, 10_000, 10_000, 10_000, 10_000, 1_000));
    assertEquals(List.of(OrderStatus.PARTIALLY_FILLED, OrderStatus.FILLED), statuses);
  }

  @Test
  void unfilledOrdersExpireAfterTheSessionCloses() {
    Scripted s = onBar(0, Intent.buyLimit(S, 5, 9_000, "low"));
    BacktestResult r = run(s, bar(0, 0, 10_000, 10_000, 10_000, 10_000, 1_000),
        bar(1, 0, 10_000, 10_000, 10_000, 10_000, 1_000));
    assertEquals(List.of(OrderRequested.class, OrderAccepted.class, OrderExpired.class), types(r));
    assertEquals(Scripted.D1, ((OrderExpired) r.journal().get(2)).tradingDate());
    int close = indexOf(s.seen, SessionClosed.class);
    assertInstanceOf(OrderExpired.class, ((OrderUpdate) s.seen.get(close + 1)).event());
    assertEquals(OrderStatus.EXPIRED, r.finalState().order(FIRST).orElseThrow().status());
  }

  @Test
  void offGridAndOutOfLimitPricesAreDeniedWithoutBeingSent() {
    Scripted s = new Scripted((e, c) -> isBar(e, 0) ? List.of(Intent.buyLimit(S, 1, 10_005, "off grid"))
        : e instanceof kis.strategies.event.Bar b && b.time().equals(bar(1, 0, 1, 1, 1, 1, 0).time())
            ? List.of(Intent.buyLimit(S, 1, 13_100, "above the limit"), Intent.buyLimit(S, 1, 13_000, "at the limit"))
            : List.of());
    BacktestResult r = run(s, bar(0, 0, 10_000, 10_000, 10_000, 10_000, 1_000),
        bar(1, 0, 10_000, 10_000, 10_000, 10_000, 1_000));
    assertEquals(RejectReason.KRX_TICK_SIZE, ((OrderDenied) r.journal().get(0)).reason());
    assertEquals(RejectReason.KRX_PRICE_LIMIT, ((OrderDenied) r.journal().get(1)).reason());
    assertInstanceOf(OrderRequested.class, r.journal().get(2));
    assertEquals(OrderStatus.DENIED, r.finalState().order(FIRST).orElseThrow().status());
    assertTrue(s.seen.stream().anyMatch(e -> e instanceof OrderUpdate u && u.event() instanceof OrderDenied));
  }

  @Test
  void sellingWhatIsNotHeldAndBuyingBeyondCashAreDenied() {
    BacktestResult r = run(onBar(0, Intent.sellMarket(S, 1, "short"), Intent.buyLimit(S, 1_001, 10_000, "too big")),
        bar(0, 0, 10_000, 10_000, 10_000, 10_000, 1_000));
    assertEquals(RejectReason.RISK_INSUFFICIENT_POSITION, ((OrderDenied) r.journal().get(0)).reason());
    assertEquals(RejectReason.RISK_INSUFFICIENT_CASH, ((OrderDenied) r.journal().get(1)).reason());
  }

  @Test
  void ordersOutsideTheSessionAreDenied() {
    Scripted s = new Scripted((e, c) -> e instanceof SessionClosed ? List.of(Intent.buyMarket(S, 1, "late"))
        : List.of());
    BacktestResult r = run(s, bar(0, 0, 10_000, 10_000, 10_000, 10_000, 1_000));
    assertEquals(RejectReason.KRX_MARKET_CLOSED, ((OrderDenied) r.journal().get(0)).reason());
  }

  @Test
  void cancelAndReviseProduceTheRequestAndConfirmationPairs() {
    ClientOrderId second = new ClientOrderId("backtest-2");
    Scripted s = new Scripted((e, c) -> {
      if (isBar(e, 0)) {
        return List.of(Intent.buyLimit(S, 5, 9_000, "a"), Intent.buyLimit(S, 5, 9_000, "b"));
      } else if (isBar(e, 1)) {
        return List.of(Intent.cancel(FIRST, "changed my mind"), new Intent.Revise(second, 10_000));
      } else if (isBar(e, 2)) {
        return List.of(Intent.cancel(FIRST, "again: not working any more, dropped"));
      }
      return List.of();
    });
    BacktestResult r = run(s, bar(0, 0, 10_000, 10_000, 10_000, 10_000, 1_000),
        bar(0, 1, 10_000, 10_000, 10_000, 10_000, 1_000), bar(0, 2, 10_000, 10_000, 9_950, 9_950, 1_000));
    assertEquals(List.of(OrderRequested.class, OrderRequested.class, OrderAccepted.class, OrderAccepted.class,
        CancelRequested.class, ReviseRequested.class, OrderCancelled.class, OrderRevised.class, OrderFilled.class),
        types(r));
    OrderRevised rev = (OrderRevised) r.journal().get(7);
    assertEquals(10_000, rev.newPrice());
    assertEquals("0000000003", rev.newOrderNo().value());
    assertEquals(10_000, fills(r).get(0).price()); // revised to a marketable price: fills at the next open
    assertEquals(1, r.droppedIntents());
  }

  @Test
  void placementsInOneAnswerGetTheIdsTheContextPromised() {
    List<ClientOrderId> promised = new java.util.ArrayList<>();
    BiFunction<StrategyEvent, StrategyContext, List<Intent>> f = (e, c) -> {
      if (isBar(e, 0)) {
        promised.add(c.nextOrderId(0));
        promised.add(c.nextOrderId(1));
        return List.of(Intent.buyLimit(S, 1, 9_000, "a"), Intent.buyLimit(S, 1, 9_100, "b"));
      }
      return List.of();
    };
    BacktestResult r = run(new Scripted(f), bar(0, 0, 10_000, 10_000, 10_000, 10_000, 1_000));
    assertEquals(promised, List.of(((OrderRequested) r.journal().get(0)).orderId(),
        ((OrderRequested) r.journal().get(1)).orderId()));
  }

  @Test
  void theJournalFoldsToTheFinalStateAndKeepsItsInvariants() {
    Scripted s = new Scripted((e, c) -> isBar(e, 0) ? List.of(Intent.buyMarket(S, 150, "in"))
        : isBar(e, 3) ? List.of(Intent.sellLimit(S, c.sellableQuantity(S), 10_000, "out")) : List.of());
    BacktestResult r = run(s, bar(0, 0, 10_000, 10_000, 10_000, 10_000, 1_000),
        bar(0, 1, 10_000, 10_000, 10_000, 10_000, 1_000), bar(0, 2, 10_100, 10_100, 10_100, 10_100, 1_000),
        bar(0, 3, 10_200, 10_200, 10_200, 10_200, 1_000), bar(0, 4, 10_300, 10_300, 10_300, 10_300, 1_000),
        bar(0, 5, 10_300, 10_300, 10_300, 10_300, 1_000));
    AgentState folded = AgentState.fold("backtest", r.journal());
    assertEquals(r.finalState().stateHash(), folded.stateHash());
    assertEquals(List.of(), folded.invariantViolations());
    assertEquals(0, folded.anomalyCount());
    assertEquals(0, folded.position(S).quantity());
  }

  private static int indexOf(List<StrategyEvent> events, Class<?> type) {
    for (int i = 0; i < events.size(); i++) {
      if (type.isInstance(events.get(i))) {
        return i;
      }
    }
    throw new AssertionError("no " + type.getSimpleName() + " in " + events);
  }

  @SuppressWarnings("unused")
  private static List<AgentEvent> journal(BacktestResult r) {
    return r.journal();
  }
}
