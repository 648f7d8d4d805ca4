package kis.actors.supervisor;

import static kis.actors.live.LiveHarness.WAIT;
import static kis.actors.supervisor.SupervisorOnHarness.krxSessions;
import static kis.actors.supervisor.SupervisorOnHarness.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import kis.actors.gateway.OrderGateway;
import kis.actors.live.LiveHarness;
import kis.connector.ws.KisFeedEvent;
import kis.journal.Symbol;
import kis.journal.Venue;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The per-stream watchdog wired into the supervisor, against kis-sim on 127.0.0.1: a stream that
 * stops printing while PINGPONG keeps the socket talking is reconnected through the usual path.
 * No time is asserted: the connection-wide limits are ten minutes, so only the stream watchdog can
 * have reconnected within the test's bound.
 */
@ExtendWith(LogCapturingExtension.class)
class KisSupervisorStreamWatchSimTest {
  static final Symbol SAMSUNG = Symbol.of("005930");
  static final Backoff FAST = new Backoff(Duration.ofMillis(50), Duration.ofMillis(400), 0.5);
  /** The median gap (robust to a print delayed by a loaded machine), floored at 300 ms, judged after 5 gaps. */
  static final AdaptiveStaleness QUICK = new AdaptiveStaleness(true, Duration.ofMillis(300), 0.5, 2.0, 50, 5);

  @AutoClose LiveHarness h;

  @Test
  void aStreamThatStopsPrintingWhilePingPongGoesOnIsReconnectedNamingTheStream() throws Exception {
    h = new LiveHarness("pingpong-interval = 200ms");
    SupervisorSettings settings = SupervisorSettings.defaults().withBackoff(FAST)
        .withWatchdog(new StalenessWatchdog(Duration.ofMinutes(10), Duration.ofMinutes(10)), Duration.ofMillis(100))
        .withStreams(QUICK);
    ActorRef<KisSupervisor.Command> sup = h.kit.spawn(KisSupervisor.create(h.kis, settings, h.gateway,
        OrderGateway.ReportReceived::new, h.reconciler,
        krxSessions(), StreamSessions.alwaysOpen()),
        "supervisor");
    TestProbe<KisFeedEvent> trades = h.kit.createTestProbe();
    sup.tell(new KisSupervisor.SubscribeMarket(SAMSUNG, trades.getRef()));
    await("live", () -> status(h, sup).state() == ConnectionState.LIVE);

    for (int i = 0; i < 8; i++) {
      long price = 70_000 + 100 * i;
      h.trade(SAMSUNG.code(), price, 1);
      trades.fishForMessage(WAIT, e -> e instanceof KisFeedEvent.Trade t && t.price() == price
          ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());
    }
    List<StreamWatch.Health> streams = streams(sup);
    assertEquals(1, streams.size(), streams.toString());
    StreamWatch.Health trade = streams.get(0);
    assertEquals(new StreamWatch.Key(SAMSUNG, "H0STCNT0", Venue.KRX), trade.key());
    assertEquals(StreamWatch.Judged.WATCHED, trade.judged(), trade.toString());
    assertTrue(trade.expectedGap().orElseThrow().compareTo(QUICK.floor()) >= 0, trade.toString());
    long before = status(h, sup).totalReconnects();

    // No more prints: only PINGPONG (every 200 ms) arrives from here on.
    await("a reconnect by the stream watchdog", () -> status(h, sup).totalReconnects() > before);

    String cause = status(h, sup).lastCause().orElse("");
    assertTrue(cause.startsWith("stale: no data on 005930 H0STCNT0"), cause);
    await("live again", () -> status(h, sup).state() == ConnectionState.LIVE);
    // At least one: the silent stream may have been found stale again since (its allowance doubles each time).
    assertTrue(streams(sup).get(0).strikes() >= 1, "its allowance is raised until it prints again");
  }

  List<StreamWatch.Health> streams(ActorRef<KisSupervisor.Command> sup) {
    TestProbe<KisSupervisor.Streams> p = h.kit.createTestProbe();
    sup.tell(new KisSupervisor.GetStreams(p.getRef()));
    return p.receiveMessage(WAIT).streams();
  }

  /** Polls {@code condition} for up to a minute: generous for a loaded CI machine, nothing is timed. */
  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within a minute: " + what);
      }
      Thread.sleep(20); // polling interval, not a timing assumption
    }
  }
}
