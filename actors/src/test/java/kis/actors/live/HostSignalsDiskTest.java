package kis.actors.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.CompletableFuture;
import kis.journal.calendar.SessionSchedule;
import kis.actors.supervisor.KisSupervisor;
import kis.journal.Symbol;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The disk stop reaches every strategy host, hosts that start later included, once per change. */
class HostSignalsDiskTest {
  static final ActorTestKit KIT = ActorTestKit.create();
  static final Duration WAIT = Duration.ofSeconds(5);
  static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

  @AfterAll
  static void stop() {
    KIT.shutdownTestKit();
  }

  @Test
  void aLowDiskIsToldToEveryHostOnceAndToHostsThatStartLaterAndRoomIsToldToo() {
    TestProbe<KisSupervisor.Command> supervisor = KIT.createTestProbe();
    ActorRef<HostSignals.Command> signals = KIT.spawn(HostSignals.create(supervisor.getRef(),
        s -> new CompletableFuture<Long>(), SessionSchedule.alwaysOpen(SEOUL), Clock.system(SEOUL)));
    TestProbe<AgentRunner.Command> first = KIT.createTestProbe();
    signals.tell(new HostSignals.Watch(first.getRef(), Symbol.of("005930")));
    first.expectNoMessage(Duration.ofMillis(100)); // room: nothing to say

    DiskSpace.State low = new DiskSpace.State(true, 100L << 20, Instant.now(), "disk almost full");
    signals.tell(new HostSignals.DiskNow(low));
    signals.tell(new HostSignals.DiskNow(low));
    assertEquals(new AgentRunner.DiskNow(true, "disk almost full"), first.receiveMessage(WAIT));
    first.expectNoMessage(Duration.ofMillis(100));

    TestProbe<AgentRunner.Command> later = KIT.createTestProbe();
    signals.tell(new HostSignals.Watch(later.getRef(), Symbol.of("000660")));
    assertEquals(new AgentRunner.DiskNow(true, "disk almost full"), later.receiveMessage(WAIT));

    signals.tell(new HostSignals.DiskNow(new DiskSpace.State(false, 600L << 20, Instant.now(), "")));
    assertEquals(new AgentRunner.DiskNow(false, ""), first.receiveMessage(WAIT));
    assertEquals(new AgentRunner.DiskNow(false, ""), later.receiveMessage(WAIT));
  }
}
