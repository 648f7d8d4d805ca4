package kis.actors.supervisor;

import static kis.actors.supervisor.ConnectionState.AUTHENTICATING;
import static kis.actors.supervisor.ConnectionState.CONNECTING;
import static kis.actors.supervisor.ConnectionState.DEGRADED;
import static kis.actors.supervisor.ConnectionState.DISABLED;
import static kis.actors.supervisor.ConnectionState.DISCONNECTED;
import static kis.actors.supervisor.ConnectionState.LIVE;
import static kis.actors.supervisor.ConnectionState.RECONNECTING;
import static kis.actors.supervisor.ConnectionState.STALE;
import static kis.actors.supervisor.ConnectionState.SUBSCRIBING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConnectionStateTest {

  @Test
  void theHappyPathLeadsToLive() {
    assertTrue(DISCONNECTED.canMoveTo(AUTHENTICATING));
    assertTrue(AUTHENTICATING.canMoveTo(CONNECTING));
    assertTrue(CONNECTING.canMoveTo(SUBSCRIBING));
    assertTrue(SUBSCRIBING.canMoveTo(LIVE));
  }

  @Test
  void aSilentFeedGoesStaleThenBacksOffBeforeReconnecting() {
    assertTrue(LIVE.canMoveTo(STALE));
    assertTrue(STALE.canMoveTo(RECONNECTING));
    assertFalse(STALE.canMoveTo(LIVE)); // must resubscribe and fill gaps first
    assertTrue(DEGRADED.canMoveTo(STALE)); // a live socket shown DEGRADED (throttled, notices lost) can fall silent
    assertTrue(RECONNECTING.canMoveTo(CONNECTING));
    assertFalse(RECONNECTING.canMoveTo(LIVE));
  }

  @Test
  void disabledIsLeftOnlyByAnOperatorThroughDisconnected() {
    assertEquals(Set.of(DISCONNECTED), reachable(DISABLED));
    for (ConnectionState s : ConnectionState.values()) {
      assertEquals(s != DISABLED, s.canMoveTo(DISABLED), s + " -> DISABLED");
    }
  }

  @Test
  void onlyLiveAndDegradedAcceptOrders() {
    EnumSet<ConnectionState> accepting = EnumSet.noneOf(ConnectionState.class);
    for (ConnectionState s : ConnectionState.values()) {
      if (s.acceptsOrders()) {
        accepting.add(s);
      }
    }
    assertEquals(EnumSet.of(LIVE, DEGRADED), accepting);
  }

  private static Set<ConnectionState> reachable(ConnectionState from) {
    EnumSet<ConnectionState> out = EnumSet.noneOf(ConnectionState.class);
    for (ConnectionState s : ConnectionState.values()) {
      if (from.canMoveTo(s)) {
        out.add(s);
      }
    }
    return out;
  }
}
