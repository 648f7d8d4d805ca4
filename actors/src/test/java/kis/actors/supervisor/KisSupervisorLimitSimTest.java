package kis.actors.supervisor;

import static kis.actors.live.LiveHarness.WAIT;
import static kis.actors.live.LiveHarness.awaitTrue;
import static kis.actors.supervisor.SupervisorOnHarness.connector;
import static kis.actors.supervisor.SupervisorOnHarness.spawn;
import static kis.actors.supervisor.SupervisorOnHarness.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import kis.actors.live.LiveHarness;
import kis.connector.assembly.KisConnector;
import kis.connector.ws.KisFeedEvent;
import kis.journal.Symbol;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * More market feeds than KIS's registrations allow: the execution notices are registered first,
 * the feed beyond the limit gets no registration but is polled by REST, and the session goes LIVE
 * with the rest (no reconnect loop against a limit a reconnect would meet again).
 */
@ExtendWith(LogCapturingExtension.class)
class KisSupervisorLimitSimTest {
  static final Symbol SAMSUNG = Symbol.of("005930");
  static final Symbol HYNIX = Symbol.of("000660");

  @AutoClose LiveHarness h;

  @Test
  void aFeedBeyondTheLimitIsPolledAndTheRestGoLiveWithoutReconnecting() throws Exception {
    h = new LiveHarness("");
    // Two registrations: the notices and one feed.
    KisConnector two = connector(h, "websocket.max-subscriptions = 2,"
        // As the harness's own connector: a token call timed out under load is retried at once, not after KIS's minute.
        + " token.min-issue-interval = 1s");
    ActorRef<KisSupervisor.Command> sup = spawn(h, two, SupervisorSettings.defaults(), h.reconciler, "supervisor-limit");
    TestProbe<KisFeedEvent> samsung = h.kit.createTestProbe();
    TestProbe<KisFeedEvent> hynix = h.kit.createTestProbe();
    sup.tell(new KisSupervisor.SubscribeMarket(SAMSUNG, samsung.getRef()));
    TestProbe<PolledPrint> hynixPolled = h.kit.createTestProbe();
    sup.tell(new KisSupervisor.SubscribeMarket(HYNIX, hynix.getRef(), false, kis.journal.PrintSource.KRX,
        FeedPriority.PRINTS, hynixPolled.getRef()));

    awaitTrue("live", () -> status(h, sup).state() == ConnectionState.LIVE);
    h.trade(HYNIX.code(), 128_000, 1);
    h.trade(SAMSUNG.code(), 70_100, 1);
    samsung.fishForMessage(WAIT, e -> e instanceof KisFeedEvent.Trade t && t.price() == 70_100
        ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());

    // The supervisor forwards in frame order: had 000660 been subscribed, its print would be queued already.
    hynix.expectNoMessage(Duration.ofMillis(200));
    String cause = status(h, sup).lastCause().orElse("");
    assertFalse(cause.contains("subscribing failed"), "the limit is not a reason to reconnect: " + cause);

    // Its prices come by inquire-price: the first answer sets the day's volume, the next with more is a print.
    long deadline = System.nanoTime() + WAIT.toNanos();
    PolledPrint polled = null;
    for (long price = 128_100; polled == null; price += 100) {
      h.trade(HYNIX.code(), price, 2);
      try {
        polled = hynixPolled.receiveMessage(Duration.ofSeconds(3));
      } catch (AssertionError notYet) {
        if (System.nanoTime() > deadline) {
          throw notYet;
        }
      }
    }
    assertEquals(new MarketFeed(kis.journal.PrintSource.KRX, HYNIX), polled.feed());
    // The print of 128,000 made before may be the first one polled after the baseline.
    assertTrue(polled.price() >= 128_000 && polled.volume() >= 1, polled.toString());
    hynix.expectNoMessage(Duration.ofMillis(200));
  }
}
