package kis.engine.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import kis.actors.supervisor.ConnectionState;
import kis.actors.supervisor.KisSupervisor;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.BehaviorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * {@code run}'s dashboard waits for the first connection attempt to settle: not while an attempt is
 * under way, at once when it went LIVE or failed in a way the operator must see.
 */
class FirstConnectionTest {
  private static final ActorTestKit KIT = ActorTestKit.create();

  @AfterAll
  static void stop() {
    KIT.shutdownTestKit();
  }

  @Test
  void anAttemptUnderWayHasNotSettledEveryOtherStateHas() {
    Set<ConnectionState> underWay = EnumSet.of(ConnectionState.DISCONNECTED, ConnectionState.AUTHENTICATING,
        ConnectionState.CONNECTING, ConnectionState.SUBSCRIBING);
    for (ConnectionState s : ConnectionState.values()) {
      assertEquals(!underWay.contains(s), FirstConnection.hasSettled(s), s.name());
    }
  }

  @Test
  void waitsThroughAnAttemptAndCompletesWithTheFirstSettledState() {
    CompletableFuture<ConnectionState> done = new CompletableFuture<>();
    BehaviorTestKit<KisSupervisor.Status> watcher = BehaviorTestKit.create(FirstConnection.watcher(done));
    watcher.run(status(ConnectionState.AUTHENTICATING));
    watcher.run(status(ConnectionState.CONNECTING));
    watcher.run(status(ConnectionState.SUBSCRIBING));
    assertFalse(done.isDone(), "still connecting");
    watcher.run(status(ConnectionState.RECONNECTING));
    assertEquals(ConnectionState.RECONNECTING, done.getNow(null));
    watcher.run(status(ConnectionState.LIVE));
    assertEquals(ConnectionState.RECONNECTING, done.getNow(null), "the first settled state, not a later one");
    assertTrue(watcher.isAlive(), "stays, so the supervisor's later statuses are no dead letters");
  }

  @Test
  void watchesTheSupervisorAndCompletesWhenItGoesLive() throws Exception {
    TestProbe<KisSupervisor.Command> supervisor = KIT.createTestProbe();
    CompletableFuture<ConnectionState> settled = FirstConnection.settled(KIT.system(), supervisor.getRef())
        .toCompletableFuture();
    ActorRef<KisSupervisor.Status> watcher = supervisor.expectMessageClass(KisSupervisor.WatchStatus.class).subscriber();
    watcher.tell(status(ConnectionState.AUTHENTICATING));
    watcher.tell(status(ConnectionState.LIVE));
    assertEquals(ConnectionState.LIVE, settled.get(30, TimeUnit.SECONDS));
  }

  private static KisSupervisor.Status status(ConnectionState s) {
    return new KisSupervisor.Status(s, Instant.EPOCH, Map.of(), Optional.empty(), 0, Map.of(), Optional.empty(),
        List.of());
  }
}
