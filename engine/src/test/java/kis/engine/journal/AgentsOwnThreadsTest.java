package kis.engine.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import kis.actors.agent.Agent;
import kis.actors.agent.AgentSettings;
import kis.actors.agent.AgentThreads;
import kis.actors.agent.OrderPort;
import kis.journal.AgentId;
import kis.journal.ClientOrderId;
import kis.journal.OrderSpec;
import kis.journal.Side;
import kis.journal.Symbol;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agents' own threads ({@link AgentThreads}) on the engine's journal (group commit, fsync on):
 * an agent journals an order and answers while every thread of Pekko's default dispatcher, where
 * strategies and their hosts run, is held by a callback that blocks.
 */
class AgentsOwnThreadsTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T01:00:00Z"), ZoneId.of("Asia/Seoul"));
  private static final OrderSpec BUY = OrderSpec.limit(Symbol.of("005930"), Side.BUY, 10, 70_000);

  @Test
  void anAgentJournalsAndAnswersWhileEveryDefaultThreadIsBlocked(@TempDir Path dir) throws Exception {
    // Two default threads, so two blocked actors hold all of them (Pekko's default would be 8 or more).
    Config c = ConfigFactory.parseString("""
        pekko.actor.default-dispatcher.fork-join-executor {
          parallelism-min = 2
          parallelism-factor = 1.0
          parallelism-max = 2
        }
        """).withFallback(EngineConfig.load(Optional.empty(), Optional.of(dir.resolve("data"))));
    assertEquals(GroupCommitLeveldbJournal.class.getName(), c.getString("pekko.persistence.journal.leveldb.class"));
    ActorTestKit kit = ActorTestKit.create("agents-own-threads", c);
    CountDownLatch held = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);
    try {
      ActorRef<OrderPort> port = kit.spawn(Behaviors.ignore(), "port");
      ActorRef<Agent.Command> agent = kit.spawn(
          Agent.create(AgentSettings.of(new AgentId("beside-a-blocked-host")), port, CLOCK), "agent",
          AgentThreads.props());
      // Recovered first: a recovery's permit comes from Pekko's permitter, on the default dispatcher.
      assertFalse(place(kit, agent).isError());

      for (int i = 0; i < 2; i++) {
        kit.spawn(Behaviors.<String>receiveMessage(m -> {
          held.countDown();
          release.await(); // a strategy callback that does not return on its own
          return Behaviors.same();
        }), "blocking-strategy-" + i).tell("block");
      }
      assertTrue(held.await(60, TimeUnit.SECONDS), "both default threads are held");

      StatusReply<ClientOrderId> reply = place(kit, agent);

      assertFalse(reply.isError(), () -> "refused: " + reply.getError());
      assertEquals(1, release.getCount(), "the default threads were still held when the agent answered");
    } finally {
      release.countDown();
      kit.shutdownTestKit();
    }
  }

  /** The agent's answer to an order: given once its OrderRequested is journaled (fsynced). */
  private static StatusReply<ClientOrderId> place(ActorTestKit kit, ActorRef<Agent.Command> agent) throws Exception {
    return AskPattern.<Agent.Command, StatusReply<ClientOrderId>>ask(agent, r -> new Agent.PlaceOrder(BUY, "test", r),
        Duration.ofSeconds(60), kit.scheduler()).toCompletableFuture().get(90, TimeUnit.SECONDS);
  }
}
