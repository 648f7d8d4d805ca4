package kis.actors.live;

import static kis.actors.live.LiveHarness.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import kis.journal.PrintSource;
import kis.journal.Symbol;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Each agent's runner gets the prints of its own {@code market-data} source only: KRX's
 * ({@code H0STCNT0}), NXT's ({@code H0NXCNT0}) or both books' ({@code H0UNCNT0}), from one desk on
 * kis-sim's REAL flavour (the only one with NXT books and feeds).
 */
class AgentPrintsSimTest {
  @AutoClose static final LiveHarness H = new LiveHarness("flavour = REAL");
  static final Symbol SAMSUNG = Symbol.of("005930");

  @Test
  void eachRunnerGetsThePrintsOfItsOwnSourceAndNoOther() throws Exception {
    RealDesk desk = RealDesk.start(H, "prints");
    TestProbe<AgentRunner.Command> krx = desk.runner("krx", SAMSUNG, PrintSource.KRX);
    TestProbe<AgentRunner.Command> nxt = desk.runner("nxt", SAMSUNG, PrintSource.NXT);
    TestProbe<AgentRunner.Command> both = desk.runner("both", SAMSUNG, PrintSource.INTEGRATED);
    // Until each feed is subscribed at the simulator a print may go unseen: print until one arrives.
    primed(desk, krx, "KRX", 71_000);
    primed(desk, nxt, "NXT", 71_100);

    desk.trade(SAMSUNG, "KRX", 70_500);
    desk.trade(SAMSUNG, "NXT", 70_600);
    desk.trade(SAMSUNG, "KRX", 70_700);

    // Frames leave the simulator in order; each runner's prints up to the last KRX one are all it got.
    assertEquals(List.of(70_500L, 70_700L), pricesUntil(krx, 70_700));
    assertEquals(List.of(70_500L, 70_600L, 70_700L), pricesUntil(both, 70_700));
    desk.trade(SAMSUNG, "NXT", 70_800);
    assertEquals(List.of(70_600L, 70_800L), pricesUntil(nxt, 70_800));

    // A new socket subscribes every feed again before the desk is LIVE: each runner's source only, still.
    desk.reconnect();
    desk.trade(SAMSUNG, "NXT", 70_900);
    desk.trade(SAMSUNG, "KRX", 70_400);
    assertEquals(List.of(70_400L), pricesUntil(krx, 70_400));
    assertEquals(List.of(70_900L), pricesUntil(nxt, 70_900));
    assertEquals(List.of(70_800L, 70_900L, 70_400L), pricesUntil(both, 70_400));
  }

  /**
   * Prints on {@code venue}'s book until {@code runner} has seen one (again every 2 s: a print
   * made before the subscription reached the simulator is never sent), within 30 s.
   */
  private static void primed(RealDesk desk, TestProbe<AgentRunner.Command> runner, String venue, long price)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      desk.trade(SAMSUNG, venue, price);
      try {
        runner.fishForMessage(Duration.ofSeconds(2), m -> m instanceof AgentRunner.MarketTrade t && t.price() == price
            ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());
        return;
      } catch (AssertionError notYet) {
        if (System.nanoTime() > deadline) {
          throw notYet;
        }
      }
    }
  }

  private static List<Long> pricesUntil(TestProbe<AgentRunner.Command> runner, long last) {
    List<Long> prices = new ArrayList<>();
    runner.fishForMessage(WAIT, m -> {
      if (m instanceof AgentRunner.MarketTrade t && t.price() >= 70_400 && t.price() <= 70_900) {
        prices.add(t.price());
        return t.price() == last ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore();
      }
      return FishingOutcomes.continueAndIgnore();
    });
    assertFalse(prices.isEmpty());
    return prices;
  }
}
