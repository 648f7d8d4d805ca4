package kis.actors.supervisor;

import static kis.actors.live.LiveHarness.awaitTrue;
import static kis.actors.supervisor.SupervisorOnHarness.spawn;
import static kis.actors.supervisor.SupervisorOnHarness.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import kis.actors.live.LiveHarness;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The supervisor's status tells when its websocket last received a frame of any kind, so the
 * dashboard's staleness does not mistake a quiet market for a dead socket.
 */
@ExtendWith(LogCapturingExtension.class)
class SupervisorLastFrameTest {
  @AutoClose LiveHarness h;

  @Test
  void theLastFrameMovesOnWithPingpongsAloneWhenNoMarketDataIsSubscribed() throws Exception {
    h = new LiveHarness("pingpong-interval = 200ms");
    ActorRef<KisSupervisor.Command> sup = spawn(h, h.kis, SupervisorSettings.defaults(), h.reconciler, "supervisor");
    awaitTrue("live", () -> status(h, sup).state() == ConnectionState.LIVE);
    KisSupervisor.Status live = status(h, sup);
    assertEquals(0, live.symbols(), "no market data");
    assertTrue(live.lastFrame().isPresent(), live.toString());
    Instant first = live.lastFrame().get();

    AtomicReference<KisSupervisor.Status> later = new AtomicReference<>();
    awaitTrue("a later frame (a PINGPONG)", () -> {
      later.set(status(h, sup));
      return later.get().lastFrame().map(t -> t.isAfter(first)).orElse(false);
    });
    assertEquals(ConnectionState.LIVE, later.get().state());
  }
}
