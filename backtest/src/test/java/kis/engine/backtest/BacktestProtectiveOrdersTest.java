package kis.engine.backtest;

import static kis.engine.backtest.Scripted.S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import kis.journal.OrderSpec;
import kis.journal.ProtectiveSpec;
import kis.journal.RejectReason;
import kis.journal.Side;
import kis.journal.Trail;
import kis.journal.event.AgentEvent;
import kis.journal.event.OrderDenied;
import kis.journal.event.OrderFilled;
import kis.journal.event.ProtectiveCancelled;
import kis.journal.event.ProtectiveTrailed;
import kis.journal.event.ProtectiveTriggered;
import kis.strategies.Intent;
import kis.strategies.event.OrderUpdate;
import kis.strategies.event.ProtectiveUpdate;
import kis.strategies.event.StrategyEvent;
import kis.strategies.event.Trade;
import org.junit.jupiter.api.Test;

/** Stops, trailing stops and brackets in the backtest: the live emulator's rules on historical prints. */
class BacktestProtectiveOrdersTest {
  private static final BacktestConfig CFG = BacktestConfig.defaults().withCash(10_000_000);

  private static Trade print(int minute, int second, long price) {
    return new Trade(S, CsvMarketData.kst(Scripted.D1.atTime(LocalTime.of(9, minute, second))), price, 100, 0);
  }

  /** A strategy that answers its first print with {@code first} and nothing else. */
  private static Scripted onFirstPrint(List<Intent> first) {
    boolean[] done = {false};
    return new Scripted((e, c) -> {
      if (e instanceof Trade && !done[0]) {
        done[0] = true;
        return first;
      }
      return List.of();
    });
  }

  private static List<OrderFilled> fills(BacktestResult r) {
    List<OrderFilled> out = new ArrayList<>();
    r.journal().forEach(e -> {
      if (e instanceof OrderFilled f) {
        out.add(f);
      }
    });
    return out;
  }

  private static <T extends AgentEvent> T only(BacktestResult r, Class<T> type) {
    List<T> found = r.journal().stream().filter(type::isInstance).map(type::cast).toList();
    assertEquals(1, found.size(), type.getSimpleName() + " in " + r.journal());
    return found.get(0);
  }

  @Test
  void aStopFiresOnTheGapPrintBeforeTheStrategySeesItAndItsMarketChildFillsOnTheNextPrint() {
    Scripted s = onFirstPrint(List.of(Intent.buyMarket(S, 10, "in"),
        Intent.protect(ProtectiveSpec.stopMarket(S, Side.SELL, 10, 69_000), "stop")));
    BacktestResult r = BacktestRunner.run(s, "stop", MarketData.of(List.of(print(0, 10, 70_000),
        print(0, 20, 70_000), print(1, 0, 69_500), print(2, 0, 66_000), print(3, 0, 66_100))), CFG,
        ProgressListener.NONE);
    ProtectiveTriggered t = only(r, ProtectiveTriggered.class);
    assertEquals(66_000, t.printPrice());
    assertEquals(OrderSpec.market(S, Side.SELL, 10), t.child());
    List<OrderFilled> fills = fills(r);
    assertEquals(2, fills.size());
    assertEquals(t.childOrderId(), fills.get(1).orderId());
    assertEquals(66_100, fills.get(1).price());
    assertEquals(0, r.finalState().position(S).quantity());
    int heard = indexOf(s.seen, e -> e instanceof ProtectiveUpdate u && u.event() instanceof ProtectiveTriggered);
    int gap = indexOf(s.seen, e -> e instanceof Trade tr && tr.price() == 66_000);
    assertTrue(heard >= 0 && heard < gap, "the trigger is journaled and heard before the strategy sees the print");
  }

  @Test
  void aTrailingStopFollowsTheRiseAndFiresAtItsTrailedTrigger() {
    Scripted s = onFirstPrint(List.of(Intent.buyMarket(S, 10, "in"),
        Intent.protect(ProtectiveSpec.trailingStop(S, Side.SELL, 10, Trail.ticks(5)), "trail")));
    BacktestResult r = BacktestRunner.run(s, "trail", MarketData.of(List.of(print(0, 10, 70_000),
        print(0, 20, 70_000), print(1, 0, 71_000), print(2, 0, 72_000), print(3, 0, 71_600), print(4, 0, 71_400),
        print(5, 0, 71_300))), CFG, ProgressListener.NONE);
    List<Long> triggers = r.journal().stream().filter(e -> e instanceof ProtectiveTrailed)
        .map(e -> ((ProtectiveTrailed) e).trigger()).toList();
    assertEquals(List.of(69_500L, 70_500L, 71_500L), triggers);
    assertEquals(71_400, only(r, ProtectiveTriggered.class).printPrice());
    assertEquals(71_300, fills(r).get(1).price());
    assertEquals(0, r.finalState().position(S).quantity());
  }

  @Test
  void aBracketsStopFiresThroughAGapAfterTheEntryFilledAndCancelsTheTarget() {
    Scripted s = onFirstPrint(List.of(Intent.bracket(OrderSpec.limit(S, Side.BUY, 10, 70_000),
        ProtectiveSpec.stopMarket(S, Side.SELL, 10, 69_000), ProtectiveSpec.takeProfitLimit(S, Side.SELL, 10,
            72_000, 72_000), "bracket")));
    BacktestResult r = BacktestRunner.run(s, "bracket", MarketData.of(List.of(print(0, 10, 70_000),
        print(0, 20, 69_900), print(1, 0, 69_500), print(2, 0, 65_000), print(3, 0, 65_200))), CFG, ProgressListener.NONE);
    List<OrderFilled> fills = fills(r);
    assertEquals(70_000, fills.get(0).price(), "the entry filled at its limit on the print through it");
    ProtectiveTriggered t = only(r, ProtectiveTriggered.class);
    assertEquals(65_000, t.printPrice(), "the first print through the stop, the gap's");
    assertTrue(only(r, ProtectiveCancelled.class).reason().startsWith("OCO"));
    assertEquals(65_200, fills.get(1).price());
    assertEquals(0, r.finalState().position(S).quantity());
    assertTrue(r.finalState().protections().armed().isEmpty());
    assertTrue(r.finalState().invariantViolations().isEmpty());
  }

  @Test
  void aChildTheChecksRefuseAtTriggerTimeIsJournaledDeniedAndTheStrategyHearsIt() {
    Scripted s = onFirstPrint(List.of(Intent.protect(ProtectiveSpec.stopMarket(S, Side.SELL, 10, 69_000), "naked")));
    BacktestResult r = BacktestRunner.run(s, "denied", MarketData.of(List.of(print(0, 10, 70_000),
        print(1, 0, 68_000))), CFG, ProgressListener.NONE);
    OrderDenied d = only(r, OrderDenied.class);
    assertEquals(RejectReason.RISK_INSUFFICIENT_POSITION, d.reason());
    assertEquals(only(r, ProtectiveTriggered.class).childOrderId(), d.orderId());
    assertTrue(s.seen.stream().anyMatch(e -> e instanceof OrderUpdate u && u.event() instanceof OrderDenied));
  }

  @Test
  void aGoodTillCloseStopIsCancelledAtTheSessionsClose() {
    Scripted s = onFirstPrint(List.of(Intent.protect(ProtectiveSpec.stopMarket(S, Side.SELL, 10, 69_000)
        .until(kis.journal.TimeInForce.GOOD_TILL_CLOSE), "gtc")));
    BacktestResult r = BacktestRunner.run(s, "gtc", MarketData.of(List.of(print(0, 10, 70_000))), CFG,
        ProgressListener.NONE);
    assertTrue(only(r, ProtectiveCancelled.class).reason().startsWith("expired (GOOD_TILL_CLOSE)"));
    assertInstanceOf(ProtectiveUpdate.class, s.seen.get(s.seen.size() - 1));
  }

  private static int indexOf(List<StrategyEvent> seen, java.util.function.Predicate<StrategyEvent> p) {
    for (int i = 0; i < seen.size(); i++) {
      if (p.test(seen.get(i))) {
        return i;
      }
    }
    return -1;
  }
}
