package kis.strategies.builtin;

import static kis.strategies.Harness.bar;
import static kis.strategies.Harness.close;
import static kis.strategies.Harness.flow;
import static kis.strategies.Harness.open;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import java.util.List;
import kis.journal.OrderType;
import kis.journal.Side;
import kis.strategies.Harness;
import kis.strategies.Intent;
import org.junit.jupiter.api.Test;

class ForeignFollowerTest {
  private static final String S = "005930";

  private static Harness harness(String extra) {
    return new Harness(ForeignFollower.fromConfig(ConfigFactory.parseString(
        "symbol = \"005930\", quantity = 7, lookback-days = 3, entry-net-buy = 1000, min-streak = 2\n" + extra)));
  }

  private static Intent.Place only(List<Intent> intents) {
    assertEquals(1, intents.size(), intents.toString());
    return (Intent.Place) intents.get(0);
  }

  @Test
  void buysAtTheNextOpenAfterSustainedForeignBuying() {
    Harness h = harness("");
    assertEquals(List.of(), h.send(flow(S, 0, 300)));
    assertEquals(List.of(), h.send(flow(S, 1, 400)));
    assertEquals(List.of(), h.send(flow(S, 2, 500))); // session closed: the signal waits
    Intent.Place buy = only(h.send(open(3)));
    assertEquals(Side.BUY, buy.spec().side());
    assertEquals(7, buy.spec().quantity());
    assertEquals(OrderType.MARKET, buy.spec().type());
  }

  @Test
  void doesNotBuyWhenTheNetBuyingIsBelowTheThreshold() {
    Harness h = harness("");
    h.send(flow(S, 0, 300));
    h.send(flow(S, 1, 300));
    h.send(flow(S, 2, 300));
    assertEquals(List.of(), h.send(open(3)));
  }

  @Test
  void doesNotBuyWithoutARecentStreakOfBuyingDays() {
    Harness h = harness("");
    h.send(flow(S, 0, 3_000));
    h.send(flow(S, 1, 400));
    h.send(flow(S, 2, -100));
    assertEquals(List.of(), h.send(open(3)));
  }

  @Test
  void aNewerReportReplacesAWaitingSignal() {
    Harness h = harness("lookback-days = 2, min-streak = 1");
    h.send(flow(S, 0, 600));
    h.send(flow(S, 1, 600));
    h.send(flow(S, 2, -900));
    assertEquals(List.of(), h.send(open(3)));
  }

  @Test
  void actsAtOnceWhenTheReportArrivesDuringTheSession() {
    Harness h = harness("order-type = limit");
    h.send(open(0));
    h.send(bar(S, 0, 70_100, 1_000));
    h.send(flow(S, -2, 100));
    h.send(flow(S, -1, 600));
    Intent.Place buy = only(h.send(flow(S, 0, 600)));
    assertEquals(OrderType.LIMIT, buy.spec().type());
    assertEquals(70_100, buy.spec().price());
  }

  @Test
  void sellsTheWholePositionWhenForeignersTurnSellers() {
    Harness h = harness("");
    h.send(flow(S, -1, 0));
    h.send(flow(S, 0, 600));
    h.send(flow(S, 1, 600));
    h.fill(h.send(open(2)), 70_000);
    assertEquals(7, h.state.position(kis.journal.Symbol.of(S)).quantity());
    h.send(close(2));
    assertEquals(List.of(), h.send(flow(S, 2, -100)));
    h.send(flow(S, 3, -200));
    Intent.Place sell = only(h.send(open(4)));
    assertEquals(Side.SELL, sell.spec().side());
    assertEquals(7, sell.spec().quantity());
  }

  @Test
  void doesNotBuyAgainWhileHolding() {
    Harness h = harness("");
    h.send(flow(S, -1, 0));
    h.send(flow(S, 0, 600));
    h.send(flow(S, 1, 600));
    h.fill(h.send(open(2)), 70_000);
    assertEquals(7, h.state.position(kis.journal.Symbol.of(S)).quantity());
    h.send(close(2));
    h.send(flow(S, 2, 900));
    assertEquals(List.of(), h.send(open(3)));
  }
}
