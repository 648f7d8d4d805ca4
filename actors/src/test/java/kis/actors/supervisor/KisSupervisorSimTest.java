package kis.actors.supervisor;

import static kis.actors.live.LiveHarness.WAIT;
import static kis.actors.live.LiveHarness.awaitTrue;
import static kis.actors.supervisor.SupervisorOnHarness.awaitState;
import static kis.actors.supervisor.SupervisorOnHarness.countingReconciler;
import static kis.actors.supervisor.SupervisorOnHarness.spawn;
import static kis.actors.supervisor.SupervisorOnHarness.status;
import static kis.actors.supervisor.SupervisorOnHarness.watch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import kis.actors.reconcile.ReconcilerActor;
import kis.actors.agent.Agent;
import kis.actors.live.LiveHarness;
import kis.connector.ws.KisFeedEvent;
import kis.journal.ClientOrderId;
import kis.journal.OrderSpec;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.state.OrderStatus;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The supervisor against kis-sim on 127.0.0.1: drops, silences, resubscription. */
@ExtendWith(LogCapturingExtension.class)
class KisSupervisorSimTest {
  static final Symbol SAMSUNG = Symbol.of("005930");
  static final Backoff FAST = new Backoff(Duration.ofMillis(50), Duration.ofMillis(400), 0.5);

  @AutoClose LiveHarness h;

  ActorRef<KisSupervisor.Command> supervisor(SupervisorSettings settings) {
    return supervisor(settings, h.reconciler);
  }

  ActorRef<KisSupervisor.Command> supervisor(SupervisorSettings settings,
      ActorRef<ReconcilerActor.Command> reconciler) {
    return spawn(h, h.kis, settings, reconciler, "supervisor");
  }

  static KisFeedEvent.Trade awaitTrade(TestProbe<KisFeedEvent> trades, long price) {
    return (KisFeedEvent.Trade) trades.fishForMessage(WAIT, e -> e instanceof KisFeedEvent.Trade t && t.price() == price
        ? FishingOutcomes.complete()
        : FishingOutcomes.continueAndIgnore()).get(0);
  }

  @Test
  void aDroppedWebsocketIsReconnectedAndEveryFeedResubscribed() throws Exception {
    h = new LiveHarness("");
    ActorRef<Agent.Command> agent = h.agent("s1");
    ActorRef<KisSupervisor.Command> sup = supervisor(SupervisorSettings.defaults().withBackoff(FAST));
    TestProbe<KisFeedEvent> trades = h.kit.createTestProbe();
    sup.tell(new KisSupervisor.SubscribeMarket(SAMSUNG, trades.getRef()));
    awaitTrue("live", () -> status(h, sup).state() == ConnectionState.LIVE);
    h.trade(SAMSUNG.code(), 70_100, 1);
    awaitTrade(trades, 70_100);

    h.sim.faults().dropWebsockets();
    awaitTrue("reconnected and live", () -> {
      KisSupervisor.Status s = status(h, sup);
      return s.state() == ConnectionState.LIVE && s.totalReconnects() >= 1;
    });

    h.trade(SAMSUNG.code(), 70_200, 1);
    assertEquals(70_200, awaitTrade(trades, 70_200).price(), "trades flow again");
    // Execution notices were resubscribed too: a fill reaches the agent through the gateway.
    TestProbe<StatusReply<ClientOrderId>> placed = h.kit.createTestProbe();
    agent.tell(new Agent.PlaceOrder(OrderSpec.limit(SAMSUNG, Side.BUY, 2, 70_200), "test", placed.getRef()));
    ClientOrderId id = placed.receiveMessage(WAIT).getValue();
    awaitTrue("accepted", () -> h.state(agent).order(id).map(o -> o.orderNo() != null).orElse(false));
    h.trade(SAMSUNG.code(), 70_200, 2);
    awaitTrue("filled by notice", () -> h.state(agent).order(id).map(o -> o.status() == OrderStatus.FILLED)
        .orElse(false));
    assertTrue(h.stats().routed() >= 1, "the fill came as a routed notice");
    assertEquals(1, status(h, sup).reconnects().get(KisSupervisor.Level.WEBSOCKET));
  }

  @Test
  void aSilentSocketThatNeverClosesIsReconnectedByTheWatchdogWithinItsLimit() throws Exception {
    h = new LiveHarness("pingpong-interval = 200ms");
    Duration limit = Duration.ofSeconds(1);
    ActorRef<KisSupervisor.Command> sup = supervisor(SupervisorSettings.defaults().withBackoff(FAST)
        .withWatchdog(new StalenessWatchdog(limit, Duration.ofMinutes(10)), Duration.ofMillis(100)));
    awaitTrue("live", () -> status(h, sup).state() == ConnectionState.LIVE);
    long before = status(h, sup).totalReconnects();

    h.sim.faults().silence(true);
    long silentAt = System.nanoTime();
    AtomicReference<KisSupervisor.Status> seen = new AtomicReference<>();
    awaitTrue("a watchdog reconnect", () -> {
      seen.set(status(h, sup));
      return seen.get().totalReconnects() > before;
    });
    Duration took = Duration.ofNanos(System.nanoTime() - silentAt);
    assertTrue(seen.get().lastCause().orElse("").startsWith("stale"), seen.get().toString());
    assertTrue(took.compareTo(limit.plusSeconds(2)) < 0, "reconnected after " + took);

    h.sim.faults().silence(false);
    awaitTrue("live again", () -> status(h, sup).state() == ConnectionState.LIVE);
  }

  @Test
  void liveIsReportedOnlyAfterTheGapFillAndAForcedApprovalKeyReconnectIssuesANewKey() throws Exception {
    h = new LiveHarness("");
    ActorRef<KisSupervisor.Command> sup = supervisor(SupervisorSettings.defaults().withBackoff(FAST));
    TestProbe<KisSupervisor.Status> watcher = watch(h, sup);
    awaitState(watcher, ConnectionState.LIVE);
    TestProbe<java.util.Optional<kis.actors.reconcile.ReconcileReport>> last = h.kit.createTestProbe();
    h.reconciler.tell(new kis.actors.reconcile.ReconcilerActor.GetLastReport(last.getRef()));
    assertTrue(last.receiveMessage(WAIT).isPresent(), "the reconciler ran before LIVE");
    int keys = h.kis.tokens().approvalIssuances();

    sup.tell(new KisSupervisor.ForceReconnect(KisSupervisor.Level.APPROVAL_KEY));
    awaitState(watcher, ConnectionState.RECONNECTING);
    awaitState(watcher, ConnectionState.LIVE);

    assertEquals(keys + 1, h.kis.tokens().approvalIssuances(), "a new approval key");
    assertEquals(1, status(h, sup).reconnects().get(KisSupervisor.Level.APPROVAL_KEY));
  }

  @Test
  void aWebsocketThatKeepsFailingWhileRestAnswersIsDegradedPollsFillsAndIsLiveAgainOnceItRecovers()
      throws Exception {
    h = new LiveHarness("");
    AtomicInteger polls = new AtomicInteger();
    ActorRef<ReconcilerActor.Command> counting = countingReconciler(h, polls);
    ActorRef<KisSupervisor.Command> sup = supervisor(SupervisorSettings.defaults().withBackoff(FAST)
        .withSubscribeTimeout(Duration.ofMillis(500)).withDegraded(2, Duration.ofMillis(200)), counting);
    TestProbe<KisFeedEvent> trades = h.kit.createTestProbe();
    sup.tell(new KisSupervisor.SubscribeMarket(SAMSUNG, trades.getRef()));
    TestProbe<KisSupervisor.Status> watcher = watch(h, sup);
    awaitState(watcher, ConnectionState.LIVE);

    // Every new socket opens but stays silent (no subscription acks), while REST answers.
    h.sim.faults().silence(true);
    h.sim.faults().dropWebsockets();
    KisSupervisor.Status degraded = awaitState(watcher, ConnectionState.DEGRADED);
    assertTrue(degraded.totalReconnects() >= 2, degraded.toString());
    int before = polls.get();
    awaitTrue("the reconciler polls while degraded", () -> polls.get() >= before + 3);
    assertEquals(ConnectionState.DEGRADED, status(h, sup).state(), "attempts go on behind DEGRADED");

    h.sim.faults().silence(false);
    awaitState(watcher, ConnectionState.LIVE);
    int afterLive = polls.get();
    watcher.expectNoMessage(Duration.ofMillis(600));
    assertTrue(polls.get() <= afterLive + 1, "no polling once live: " + afterLive + " -> " + polls.get());
    h.trade(SAMSUNG.code(), 70_300, 1);
    awaitTrade(trades, 70_300);
  }
}
