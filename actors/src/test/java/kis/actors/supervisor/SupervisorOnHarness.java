package kis.actors.supervisor;

import static kis.actors.live.LiveHarness.WAIT;

import java.time.Clock;
import java.time.Duration;
import kis.actors.gateway.OrderGateway;
import kis.actors.live.LiveHarness;
import kis.actors.reconcile.ReconcilerActor;
import kis.connector.assembly.KisConnector;
import kis.journal.calendar.KrxCalendar;
import kis.journal.calendar.SessionClock;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * What the supervisor's sim tests share: a supervisor spawned on a {@link LiveHarness} (its
 * gateway taking the notices, KRX's sessions on the system clock) and the ways they ask it.
 */
final class SupervisorOnHarness {
  private SupervisorOnHarness() {}

  /** KRX's sessions on the system clock. */
  static SessionClock krxSessions() {
    return new SessionClock(KrxCalendar.defaults(), Clock.system(LiveHarness.SEOUL));
  }

  /** A supervisor on {@code kis} with {@code settings}, its notices to the harness's gateway. */
  static ActorRef<KisSupervisor.Command> spawn(LiveHarness h, KisConnector kis, SupervisorSettings settings,
      ActorRef<ReconcilerActor.Command> reconciler, String name) {
    return h.kit.spawn(KisSupervisor.create(kis, settings, h.gateway, OrderGateway.ReportReceived::new, reconciler,
        krxSessions()), name);
  }

  static KisSupervisor.Status status(LiveHarness h, ActorRef<KisSupervisor.Command> sup) {
    TestProbe<KisSupervisor.Status> p = h.kit.createTestProbe();
    sup.tell(new KisSupervisor.GetStatus(p.getRef()));
    return p.receiveMessage(WAIT);
  }

  /** The first status {@code watcher} gets in {@code state}. */
  static KisSupervisor.Status awaitState(TestProbe<KisSupervisor.Status> watcher, ConnectionState state) {
    return watcher.fishForMessage(Duration.ofSeconds(30), s -> s.state() == state ? FishingOutcomes.complete()
        : FishingOutcomes.continueAndIgnore()).get(0);
  }
}
