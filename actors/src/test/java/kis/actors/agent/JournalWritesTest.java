package kis.actors.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import kis.journal.AgentId;
import kis.journal.ClientOrderId;
import kis.journal.OrderSpec;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.event.AgentEvent;
import kis.journal.state.AgentState;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LogCapturingExtension.class)
class JournalWritesTest {
  static final ActorTestKit testKit = ActorTestKit.create(AgentTestKits.config());
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T01:00:00Z"), ZoneId.of("Asia/Seoul"));

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @Test
  void eachPersistedBatchIsReportedWithItsAgentSizeAndLatency() {
    List<String> heard = new CopyOnWriteArrayList<>();
    List<Duration> latencies = new CopyOnWriteArrayList<>();
    JournalWrites.get(testKit.system()).listen((agent, events, latency) -> {
      heard.add(agent.value() + ":" + events);
      latencies.add(latency);
    });
    TestProbe<OrderPort> port = testKit.createTestProbe(OrderPort.class);
    EventSourcedBehaviorTestKit<Agent.Command, AgentEvent, AgentState> es = EventSourcedBehaviorTestKit.create(
        testKit.system(), Agent.create(AgentSettings.of(new AgentId("timed")), port.getRef(), CLOCK));

    es.<StatusReply<ClientOrderId>>runCommand(r -> new Agent.PlaceOrder(OrderSpec.limit(Symbol.of("005930"), Side.BUY, 1, 70_000),
        "test", r));

    assertEquals(List.of("timed:1"), heard);
    assertFalse(latencies.get(0).isNegative());
    assertTrue(latencies.get(0).compareTo(Duration.ofSeconds(10)) < 0);
    JournalWrites.get(testKit.system()).listen(null);
  }

  @Test
  void aListenerOfInstantsHearsWhenTheBatchWasHandedToTheJournalAndWhenItWasConfirmed() {
    List<long[]> heard = new CopyOnWriteArrayList<>();
    JournalWrites.get(testKit.system()).listen(new JournalWrites.Listener() {
      @Override
      public void written(AgentId agent, int events, Duration latency) {
        throw new AssertionError("the instants form is the one called");
      }

      @Override
      public void written(AgentId agent, int events, long persistNanos, long confirmedNanos) {
        heard.add(new long[] {persistNanos, confirmedNanos});
      }
    });
    TestProbe<OrderPort> port = testKit.createTestProbe(OrderPort.class);
    EventSourcedBehaviorTestKit<Agent.Command, AgentEvent, AgentState> es = EventSourcedBehaviorTestKit.create(
        testKit.system(), Agent.create(AgentSettings.of(new AgentId("stamped")), port.getRef(), CLOCK));

    long before = System.nanoTime();
    es.<StatusReply<ClientOrderId>>runCommand(r -> new Agent.PlaceOrder(OrderSpec.limit(Symbol.of("005930"), Side.BUY, 1, 70_000),
        "test", r));
    long after = System.nanoTime();

    assertEquals(1, heard.size());
    long persist = heard.get(0)[0];
    long confirmed = heard.get(0)[1];
    assertTrue(before <= persist && persist <= confirmed && confirmed <= after,
        "before " + before + " persist " + persist + " confirmed " + confirmed + " after " + after);
    JournalWrites.get(testKit.system()).listen(null);
  }
}
