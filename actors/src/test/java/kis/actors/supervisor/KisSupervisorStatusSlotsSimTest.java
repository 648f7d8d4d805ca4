package kis.actors.supervisor;

import static kis.actors.live.LiveHarness.WAIT;
import static kis.actors.live.LiveHarness.awaitTrue;
import static kis.actors.supervisor.SupervisorOnHarness.connector;
import static kis.actors.supervisor.SupervisorOnHarness.spawn;
import static kis.actors.supervisor.SupervisorOnHarness.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
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
 * Market status (VI news) only in the registrations prints leave: a stock's prints asked for later
 * take the slot a market status holds, and the status names the stock left without VI news.
 */
@ExtendWith(LogCapturingExtension.class)
class KisSupervisorStatusSlotsSimTest {
  static final Symbol SAMSUNG = Symbol.of("005930");
  static final Symbol HYNIX = Symbol.of("000660");

  @AutoClose LiveHarness h;

  @Test
  void laterPrintsTakeTheSlotOfAMarketStatusAndTheStockIsNamedWithoutViNews() throws Exception {
    h = new LiveHarness("flavour = REAL");
    // Three registrations: the notices, Samsung's prints, and one more.
    KisConnector three = connector(h, "tr-ids = real, websocket.max-subscriptions = 3");
    ActorRef<KisSupervisor.Command> sup = spawn(h, three, SupervisorSettings.defaults(), h.reconciler,
        "supervisor-status-slots");
    TestProbe<KisSupervisor.Status> watcher = h.kit.createTestProbe();
    sup.tell(new KisSupervisor.WatchStatus(watcher.getRef()));
    TestProbe<KisFeedEvent> samsung = h.kit.createTestProbe();
    TestProbe<KisFeedEvent> hynix = h.kit.createTestProbe();
    sup.tell(new KisSupervisor.SubscribeMarket(SAMSUNG, samsung.getRef()));
    sup.tell(new KisSupervisor.SubscribeMarketStatus(SAMSUNG, samsung.getRef()));
    awaitTrue("live with Samsung's status", () -> status(h, sup).state() == ConnectionState.LIVE);
    assertEquals(List.of(), status(h, sup).withoutViNews(), "the third slot holds Samsung's status");

    sup.tell(new KisSupervisor.SubscribeMarket(HYNIX, hynix.getRef()));
    sup.tell(new KisSupervisor.SubscribeMarketStatus(HYNIX, hynix.getRef()));
    awaitTrue("both named", () -> status(h, sup).withoutViNews().equals(List.of(SAMSUNG, HYNIX)));
    // Watchers (the account desk, hence the dashboard) hear the list, not only those who ask.
    watcher.fishForMessage(WAIT, s -> s.withoutViNews().equals(List.of(SAMSUNG, HYNIX))
        ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());
    // Hynix's prints got the slot: until the status was given up the session was full, so print until one arrives.
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      h.trade(HYNIX.code(), 128_000, 1);
      try {
        hynix.fishForMessage(java.time.Duration.ofSeconds(2), e -> e instanceof KisFeedEvent.Trade t
            && t.price() == 128_000 ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());
        break;
      } catch (AssertionError notYet) {
        if (System.nanoTime() > deadline) {
          throw notYet;
        }
      }
    }
    h.trade(SAMSUNG.code(), 70_100, 1);
    samsung.fishForMessage(WAIT, e -> e instanceof KisFeedEvent.Trade t && t.price() == 70_100
        ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());
    String cause = status(h, sup).lastCause().orElse("");
    assertFalse(cause.contains("subscribing failed"), "no reconnect over market status: " + cause);
  }
}
