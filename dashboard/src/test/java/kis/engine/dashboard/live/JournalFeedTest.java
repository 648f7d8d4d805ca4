package kis.engine.dashboard.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.time.Clock;
import java.time.ZoneOffset;
import kis.actors.agent.Agent;
import kis.actors.agent.AgentSettings;
import kis.actors.agent.OrderPort;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.pattern.StatusReply;
import kis.journal.AgentId;
import kis.journal.event.AgentEvent;
import kis.journal.event.AgentParked;
import kis.journal.event.AgentResumed;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.testkit.PersistenceTestKitPlugin;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.apache.pekko.persistence.testkit.query.javadsl.PersistenceTestKitReadJournal;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LogCapturingExtension.class)
class JournalFeedTest {
  static final ActorTestKit testKit = ActorTestKit.create(PersistenceTestKitPlugin.config());
  static final Instant AT = Instant.parse("2026-11-24T01:00:00Z");
  static final Duration WAIT = Duration.ofSeconds(10);

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @Test
  void theHistoryIsFoldedSilentlyAndOnlyNewEventsReachTheListener() throws Exception {
    AgentId a1 = new AgentId("feed-a1");
    String pid = Agent.persistenceId(a1).id();
    PersistenceTestKit journal = PersistenceTestKit.create(testKit.system());
    journal.persistForRecovery(pid, List.of(new AgentParked("risk", AT), new AgentResumed("kim", AT.plusSeconds(1))));
    BlockingQueue<AgentEvent> heard = new LinkedBlockingQueue<>();
    JournalFeed feed = new JournalFeed(testKit.system(), JournalFeed.Queries.of(
        PersistenceQuery.get(Adapter.toClassic(testKit.system())).getReadJournalFor(PersistenceTestKitReadJournal.class,
            PersistenceTestKitReadJournal.Identifier())), Map::of, (agent, e) -> heard.add(e));
    try {
      feed.follow(a1);
      feed.follow(a1);
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (!feed.caughtUp(a1) && System.nanoTime() < deadline) {
        java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L);
      }
      assertTrue(feed.caughtUp(a1), "history read within " + WAIT);
      assertEquals(2, feed.view(a1).orElseThrow().eventCount());

      // A new event written through the journal plugin, as the engine's agents write them.
      var agent = testKit.spawn(Agent.create(AgentSettings.of(a1), testKit.<OrderPort>createTestProbe().getRef(),
          Clock.fixed(AT.plusSeconds(2), ZoneOffset.UTC)));
      TestProbe<StatusReply<Done>> reply = testKit.createTestProbe();
      agent.tell(new Agent.Park("operator", reply.getRef()));
      reply.expectMessage(WAIT, StatusReply.ack());
      AgentEvent next = heard.poll(WAIT.toSeconds(), TimeUnit.SECONDS);

      assertEquals(new AgentParked("operator", AT.plusSeconds(2)), next);
      assertTrue(heard.isEmpty(), "the history was not heard: " + heard);
      assertEquals(3, feed.view(a1).orElseThrow().eventCount());
      assertTrue(feed.view(a1).orElseThrow().events().get(0).contains("AgentParked"));
      assertEquals(3, feed.lastSequenceNr(a1), "how far the journal moved, without asking the agent");
      assertEquals(-1, feed.lastSequenceNr(new AgentId("feed-never")), "not followed");

      // A fresh start leaves the journal behind: no longer followed, nothing more heard from it.
      feed.unfollow(a1);
      assertEquals(-1, feed.lastSequenceNr(a1));
      assertTrue(feed.view(a1).isEmpty());
      agent.tell(new Agent.Resume("kim", reply.getRef()));
      reply.expectMessage(WAIT, StatusReply.ack());
      assertEquals(null, heard.poll(500, TimeUnit.MILLISECONDS), "an unfollowed journal's events are not heard");
    } finally {
      feed.close();
    }
  }
}
