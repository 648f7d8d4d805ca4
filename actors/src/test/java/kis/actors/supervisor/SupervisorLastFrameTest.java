package kis.actors.supervisor;

import static kis.actors.live.LiveHarness.WAIT;
import static kis.actors.live.LiveHarness.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import kis.actors.gateway.OrderGateway;
import kis.actors.live.LiveHarness;
import kis.journal.calendar.KrxCalendar;
import kis.journal.calendar.SessionClock;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The supervisor's status tells when its websocket last received a frame of any kind, so the
 * dashboard's staleness does not mistake a quiet market for a dead socket.
 */
@ExtendWith(LogCapturingExtension.class)
class SupervisorLastFrameTest {
  LiveHarness h;

  @AfterEach
  void stop() {
    if (h != null) {
      h.close();
    }
  }

  private KisSupervisor.Status status(ActorRef<KisSupervisor.Command> sup) {
    TestProbe<KisSupervisor.Status> p = h.kit.createTestProbe();
    sup.tell(new KisSupervisor.GetStatus(p.getRef()));
    return p.receiveMessage(WAIT);
  }

  @Test
  void theLastFrameMovesOnWithPingpongsAloneWhenNoMarketDataIsSubscribed() throws Exception {
    h = new LiveHarness("pingpong-interval = 200ms");
    SessionClock sessions = new SessionClock(KrxCalendar.defaults(), Clock.system(LiveHarness.SEOUL));
    ActorRef<KisSupervisor.Command> sup = h.kit.spawn(KisSupervisor.create(h.kis, SupervisorSettings.defaults(),
        h.gateway, OrderGateway.ReportReceived::new, h.reconciler, sessions), "supervisor");
    awaitTrue("live", () -> status(sup).state() == ConnectionState.LIVE);
    KisSupervisor.Status live = status(sup);
    assertEquals(0, live.symbols(), "no market data");
    assertTrue(live.lastFrame().isPresent(), live.toString());
    Instant first = live.lastFrame().get();

    AtomicReference<KisSupervisor.Status> later = new AtomicReference<>();
    awaitTrue("a later frame (a PINGPONG)", () -> {
      later.set(status(sup));
      return later.get().lastFrame().map(t -> t.isAfter(first)).orElse(false);
    });
    assertEquals(ConnectionState.LIVE, later.get().state());
  }
}
