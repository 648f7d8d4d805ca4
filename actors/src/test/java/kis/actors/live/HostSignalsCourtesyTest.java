package kis.actors.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import kis.actors.supervisor.KisSupervisor;
import kis.journal.Symbol;
import kis.journal.calendar.SessionSchedule;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The hosts' base-price fetches give way to the account's other REST calls: none leaves while the
 * rate limiter has no permit free now (at start: the gap fill that gates LIVE), and each leaves,
 * in the order the symbols were first watched, once it has.
 */
class HostSignalsCourtesyTest {
  static final ActorTestKit KIT = ActorTestKit.create();
  static final Duration WAIT = Duration.ofSeconds(5);
  static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

  @AfterAll
  static void stop() {
    KIT.shutdownTestKit();
  }

  @Test
  void baseFetchesWaitForAFreePermitAndThenReachTheHostsInOrder() throws Exception {
    AtomicBoolean free = new AtomicBoolean(false);
    BlockingQueue<Symbol> fetched = new LinkedBlockingQueue<>();
    TestProbe<KisSupervisor.Command> supervisor = KIT.createTestProbe();
    Clock clock = Clock.system(SEOUL);
    ActorRef<HostSignals.Command> signals = KIT.spawn(HostSignals.create(supervisor.getRef(), s -> {
      fetched.add(s);
      return CompletableFuture.completedFuture(s.code().equals("005930") ? 70_000L : 200_000L);
    }, free::get, SessionSchedule.alwaysOpen(SEOUL), clock));
    TestProbe<AgentRunner.Command> host = KIT.createTestProbe();
    signals.tell(new HostSignals.Watch(host.getRef(), Symbol.of("005930")));
    signals.tell(new HostSignals.Watch(host.getRef(), Symbol.of("000660")));
    host.expectNoMessage(Duration.ofMillis(300));
    assertNull(fetched.poll(), "no fetch while another call holds the next permit");

    free.set(true);
    AgentRunner.BasePriceNow samsung = host.expectMessageClass(AgentRunner.BasePriceNow.class, WAIT);
    AgentRunner.BasePriceNow hynix = host.expectMessageClass(AgentRunner.BasePriceNow.class, WAIT);
    assertEquals(Symbol.of("005930"), samsung.symbol());
    assertEquals(70_000, samsung.price());
    assertEquals(Symbol.of("000660"), hynix.symbol());
    assertEquals(200_000, hynix.price());
    assertEquals(Symbol.of("005930"), fetched.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS));
    assertEquals(Symbol.of("000660"), fetched.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS));
  }
}
