package kis.actors.supervisor;

import static kis.actors.live.LiveHarness.WAIT;
import static kis.actors.live.LiveHarness.awaitTrue;
import static kis.actors.supervisor.SupervisorOnHarness.awaitState;
import static kis.actors.supervisor.SupervisorOnHarness.countingReconciler;
import static kis.actors.supervisor.SupervisorOnHarness.spawn;
import static kis.actors.supervisor.SupervisorOnHarness.watch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import kis.actors.agent.Agent;
import kis.actors.live.LiveHarness;
import kis.actors.reconcile.ReconcileReport;
import kis.actors.reconcile.ReconcilerActor;
import kis.journal.ClientOrderId;
import kis.journal.OrderSpec;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.state.OrderStatus;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * DEGRADED with a LIVE socket (issue 5): KIS keeps answering EGW00201, or fills keep turning up in
 * the inquiry without their notice. Driven by kis-sim's fault switches on 127.0.0.1.
 */
@ExtendWith(LogCapturingExtension.class)
class KisSupervisorDegradedSimTest {
  static final Symbol SAMSUNG = Symbol.of("005930");
  static final Backoff FAST = new Backoff(Duration.ofMillis(50), Duration.ofMillis(400), 0.5);
  static final Duration QUIET = Duration.ofSeconds(2);

  @AutoClose LiveHarness h;
  final AtomicInteger polls = new AtomicInteger();

  /** A supervisor whose reconciler counts the polls; degraded triggers as given. */
  ActorRef<KisSupervisor.Command> supervisor(SupervisorSettings.Trouble throttled,
      SupervisorSettings.Trouble missedNotices) {
    ActorRef<ReconcilerActor.Command> counting = countingReconciler(h, polls);
    SupervisorSettings settings = SupervisorSettings.defaults().withBackoff(FAST)
        .withWatchdog(new StalenessWatchdog(Duration.ofMinutes(1), Duration.ofMinutes(10)), Duration.ofMillis(100))
        .withDegraded(3, Duration.ofMillis(200))
        .withDegradedWhen(throttled, missedNotices);
    return spawn(h, h.kis, settings, counting, "supervisor");
  }

  /**
   * A live supervisor that degrades on three rate-limit replies within 30 s (and clears after {@link #QUIET}),
   * on a new harness: its status watcher.
   */
  TestProbe<KisSupervisor.Status> liveDegradingOnRateLimits() throws Exception {
    h = new LiveHarness("");
    TestProbe<KisSupervisor.Status> watcher = watch(h, supervisor(
        new SupervisorSettings.Trouble(3, Duration.ofSeconds(30), QUIET), SupervisorSettings.MISSED_NOTICES_DEFAULT));
    awaitState(watcher, ConnectionState.LIVE);
    return watcher;
  }

  @Test
  void persistentRateLimitRepliesWhileLiveAreDegradedWithTheirReasonAndClearAfterAQuietWindow() throws Exception {
    TestProbe<KisSupervisor.Status> watcher = liveDegradingOnRateLimits();

    // Four reads' worth of EGW00201: one inquiry and its three retries are all refused.
    h.sim.faults().rateLimitBurst(4);
    h.kis.rest().inquirePrice(SAMSUNG.code()).toCompletableFuture().handle((q, e) -> null)
        .get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
    KisSupervisor.Status degraded = awaitState(watcher, ConnectionState.DEGRADED);
    String reason = degraded.degradedBecause().get(DegradedCause.RATE_LIMITED);
    assertTrue(reason != null && reason.contains("EGW00201"), degraded.toString());
    assertEquals(degraded.degradedReason().orElseThrow(), degraded.text(), "the dashboard line is the reason");
    int before = polls.get();
    awaitTrue("the reconciler polls while degraded", () -> polls.get() >= before + 2);

    KisSupervisor.Status live = awaitState(watcher, ConnectionState.LIVE);
    assertTrue(live.degradedBecause().isEmpty(), live.toString());
    int afterLive = polls.get();
    watcher.expectNoMessage(Duration.ofMillis(500));
    assertTrue(polls.get() <= afterLive + 1, "no polling once live: " + afterLive + " -> " + polls.get());
  }

  @Test
  void aFewRateLimitRepliesThatPacingExplainsDoNotDegrade() throws Exception {
    TestProbe<KisSupervisor.Status> watcher = liveDegradingOnRateLimits();

    h.sim.faults().rateLimitBurst(2);
    h.kis.rest().inquirePrice(SAMSUNG.code()).toCompletableFuture().get(WAIT.toSeconds(),
        java.util.concurrent.TimeUnit.SECONDS);
    assertEquals(2, h.kis.rest().stats().throttled());
    watcher.expectNoMessage(QUIET);
  }

  @Test
  void fillsFoundOnlyInTheInquiryWhileLiveAreDegradedAsLostNoticesAndClearOnceNoticesFlow() throws Exception {
    h = new LiveHarness("");
    ActorRef<Agent.Command> agent = h.agent("n1");
    ActorRef<KisSupervisor.Command> sup = supervisor(SupervisorSettings.THROTTLED_DEFAULT,
        new SupervisorSettings.Trouble(1, Duration.ofSeconds(30), QUIET));
    TestProbe<KisSupervisor.Status> watcher = watch(h, sup);
    awaitState(watcher, ConnectionState.LIVE);
    h.trade(SAMSUNG.code(), 70_100, 1);

    h.sim.faults().loseNotices(-1);
    TestProbe<StatusReply<ClientOrderId>> placed = h.kit.createTestProbe();
    agent.tell(new Agent.PlaceOrder(OrderSpec.limit(SAMSUNG, Side.BUY, 2, 70_200), "test", placed.getRef()));
    ClientOrderId id = placed.receiveMessage(WAIT).getValue();
    awaitTrue("accepted", () -> h.state(agent).order(id).map(o -> o.orderNo() != null).orElse(false));
    h.trade(SAMSUNG.code(), 70_200, 2);
    TestProbe<StatusReply<ReconcileReport>> run = h.kit.createTestProbe();
    h.reconciler.tell(new ReconcilerActor.RunNow(run.getRef()));
    assertTrue(run.receiveMessage(WAIT).isSuccess());

    KisSupervisor.Status degraded = awaitState(watcher, ConnectionState.DEGRADED);
    String reason = degraded.degradedBecause().get(DegradedCause.NOTICES_LOST);
    assertTrue(reason != null && reason.contains("notices lost"), degraded.toString());
    awaitTrue("filled from the inquiry", () -> h.state(agent).order(id)
        .map(o -> o.status() == OrderStatus.FILLED).orElse(false));
    assertEquals(0, h.stats().routed(), "no notice reached the agent");

    h.sim.faults().clear();
    KisSupervisor.Status live = awaitState(watcher, ConnectionState.LIVE);
    assertTrue(live.degradedBecause().isEmpty(), live.toString());
  }
}
