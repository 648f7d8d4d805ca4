package kis.engine.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's journal queries over the marking journal: history to its end, then new events as written. */
@ExtendWith(LogCapturingExtension.class)
class JournalReplayQueriesTest {
  @TempDir Path dir;

  @Test
  void currentReadsEveryEventAcrossBatchesAndLiveFollowsNewOnes() throws Exception {
    ActorTestKit kit = ActorTestKit.create("queries", EngineConfig.load(Optional.empty(), Optional.of(dir)));
    try {
      TestProbe<Long> done = kit.createTestProbe();
      ActorRef<JournalFixture.Write> w = kit.spawn(JournalFixture.scribe("q"));
      for (int i = 0; i < 6; i++) {
        w.tell(new JournalFixture.Write(100, done.getRef())); // 600 events: past one 500-event replay
        done.receiveMessage(Duration.ofSeconds(30));
      }
      JournalReplayQueries q = new JournalReplayQueries(Adapter.toClassic(kit.system()),
          "pekko.persistence.journal.leveldb", Duration.ofMillis(50));
      List<EventEnvelope> all = q.current("Agent|q", 1).runWith(Sink.seq(), kit.system()).toCompletableFuture()
          .get(30, TimeUnit.SECONDS);
      assertEquals(600, all.size());
      assertEquals(600, all.get(599).sequenceNr());

      var live = q.live("Agent|q", 599).take(4).runWith(Sink.seq(), kit.system()).toCompletableFuture();
      w.tell(new JournalFixture.Write(2, done.getRef()));
      done.receiveMessage(Duration.ofSeconds(30));
      assertEquals(List.of(599L, 600L, 601L, 602L),
          live.get(30, TimeUnit.SECONDS).stream().map(EventEnvelope::sequenceNr).toList());
    } finally {
      kit.shutdownTestKit();
    }
  }
}
