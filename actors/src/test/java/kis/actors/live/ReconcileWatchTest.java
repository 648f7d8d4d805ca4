package kis.actors.live;

import static kis.actors.live.LiveHarness.SEOUL;
import static kis.actors.live.LiveHarness.WAIT;
import static kis.actors.live.LiveHarness.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import kis.actors.gateway.OrderGateway;
import kis.actors.reconcile.Reconciler;
import kis.actors.reconcile.ReconcileReport;
import kis.actors.reconcile.ReconcilerActor;
import kis.actors.reconcile.ReconcilerSettings;
import kis.adapter.KisNotices;
import kis.connector.Delayer;
import kis.connector.KisConfig;
import kis.connector.http.PekkoHttpTransport;
import kis.connector.rest.KisRestClient;
import kis.connector.rest.OrderSide;
import kis.connector.rest.RateLimiter;
import kis.connector.ws.KisFeedEvent;
import kis.journal.CostModel;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The reconcile watch counts every run of the reconciler once, the runs the reconciler starts by
 * itself (after an unrouted notice) as well as asked ones; a run whose reads were never sent
 * ({@code kis.read-queue-timeout}) is a failed run, and the next one tries again.
 */
@ExtendWith(LogCapturingExtension.class)
class ReconcileWatchTest {
  LiveHarness h;
  /** The rate limiter's clock: the test decides when the next permits are free. */
  final AtomicLong nanos = new AtomicLong();
  ReconcileOutcomes outcomes;
  ActorRef<Object> watch;

  @BeforeEach
  void start() throws Exception {
    h = new LiveHarness("");
    LiveHarness.join(h.kis.tokens().accessToken());  // the token's issuance is not what is tested
    // Two permits per hour: one run (balance + today's orders, one page each), then none until
    // the test moves the limiter's clock on.
    KisConfig config = h.config("read-queue-timeout = 300ms, read-timeout = 3s");
    KisRestClient rest = new KisRestClient(config, h.credentials(), h.kis.tokens(),
        new RateLimiter(2, Duration.ofHours(1), nanos::get, Delayer.system()),
        new PekkoHttpTransport(h.kit.system(), h.sim.restBaseUrl(), 4), Delayer.system());
    ReconcilerSettings rs = ReconcilerSettings.defaults(CostModel.KIS_2026)
        .withReconciler(new Reconciler(CostModel.KIS_2026, Duration.ofSeconds(2), Duration.ofSeconds(5), SEOUL))
        .withInterval(Duration.ZERO);
    ActorRef<ReconcilerActor.Command> reconciler = h.kit.spawn(ReconcilerActor.create(rest, h.kit.<OrderGateway.FromReconciler>createTestProbe().getRef(), Map::of, rs,
        Clock.system(SEOUL)), "watched-reconciler");
    outcomes = new ReconcileOutcomes();
    watch = h.kit.spawn(ReconcileWatch.create(reconciler, outcomes, Duration.ZERO, Clock.system(SEOUL)), "watch");
  }

  @AfterEach
  void stop() {
    h.close();
  }

  static KisFeedEvent.ExecutionNotice unknownOrder(String odno) {
    return new KisFeedEvent.ExecutionNotice(odno, "", OrderSide.BUY, "0", "00", "0", "005930", 1, 70_000,
        LocalTime.of(10, 0), false, KisFeedEvent.NoticeKind.FILL, "2", "06010", 1, 70_000);
  }

  void unroutedNotice(String odno) {
    watch.tell(new ReconcilerActor.UnroutedNotice(KisNotices.decode(unknownOrder(odno)), "no agent owns it"));
  }

  @Test
  void runsTheReconcilerStartsAfterAnUnroutedNoticeAreCountedAndANotSentReadIsAFailedRun() throws Exception {
    unroutedNotice("0000000001");
    awaitTrue("the self-started run counted", () -> outcomes.snapshot().lastSuccess().isPresent());
    assertEquals(0, outcomes.snapshot().failures());

    // No rate permit within the read queue deadline: the next self-started run fails, not sent.
    unroutedNotice("0000000002");
    awaitTrue("the failed run counted", () -> outcomes.snapshot().failures() == 1);
    ReconcileOutcomes.Snapshot failed = outcomes.snapshot();
    assertEquals(1, failed.consecutiveFailures());
    String reason = failed.lastFailure().orElseThrow().reason();
    assertTrue(reason.contains("KisNotSentException") && reason.contains("kis.read-queue-timeout"), reason);

    // Permits free again: the next run (asked for, this time) succeeds and resets the streak.
    nanos.addAndGet(Duration.ofHours(1).toNanos());
    TestProbe<StatusReply<ReconcileReport>> asked = h.kit.createTestProbe();
    watch.tell(new ReconcilerActor.RunNow(asked.getRef()));
    assertTrue(asked.receiveMessage(WAIT).isSuccess());
    awaitTrue("the asked run counted", () -> outcomes.snapshot().consecutiveFailures() == 0);
    assertEquals(1, outcomes.snapshot().failures(), "each run counted once");
  }
}
