package kis.actors.supervisor;

import static kis.actors.live.LiveHarness.WAIT;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import kis.actors.gateway.OrderGateway;
import kis.actors.live.LiveHarness;
import kis.actors.reconcile.ReconcilerActor;
import kis.connector.assembly.KisConnector;
import kis.journal.calendar.KrxCalendar;
import kis.journal.calendar.SessionClock;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

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

  /** A connector to the harness's simulator besides its own, {@code overrides} inside {@code kis { }}. */
  static KisConnector connector(LiveHarness h, String overrides) {
    return KisConnector.create(h.kit.system(), h.config(overrides), h.credentials());
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

  /** A reconciler that counts in {@code polls} the runs asked of it and hands everything to the harness's. */
  static ActorRef<ReconcilerActor.Command> countingReconciler(LiveHarness h, AtomicInteger polls) {
    return h.kit.spawn(Behaviors.<ReconcilerActor.Command>receiveMessage(m -> {
      if (m instanceof ReconcilerActor.RunNow) {
        polls.incrementAndGet();
      }
      h.reconciler.tell(m);
      return Behaviors.same();
    }), "counting-reconciler");
  }

  /** A probe told every status change of {@code sup}. */
  static TestProbe<KisSupervisor.Status> watch(LiveHarness h, ActorRef<KisSupervisor.Command> sup) {
    TestProbe<KisSupervisor.Status> watcher = h.kit.createTestProbe();
    sup.tell(new KisSupervisor.WatchStatus(watcher.getRef()));
    return watcher;
  }

  /** The first status {@code watcher} gets in {@code state}. */
  static KisSupervisor.Status awaitState(TestProbe<KisSupervisor.Status> watcher, ConnectionState state) {
    return watcher.fishForMessage(Duration.ofSeconds(30), s -> s.state() == state ? FishingOutcomes.complete()
        : FishingOutcomes.continueAndIgnore()).get(0);
  }
}
