package kis.actors.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import kis.journal.AgentId;
import kis.journal.ClientOrderId;
import kis.journal.OrderSpec;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.event.OrderInDoubt;
import kis.journal.state.AgentState;
import kis.journal.state.Order;
import kis.journal.state.OrderStatus;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Crash replay on the real LevelDB journal: drive several agents through thousands of events, stop
 * the actor system without stopping the agents first, start a new system on the same directory,
 * and every agent must come back with the same books (equal state and equal state hash), with
 * orders caught mid-send marked in doubt. Run with frequent snapshots and with none.
 */
@ExtendWith(LogCapturingExtension.class)
class AgentCrashReplayTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T01:00:00Z"), ZoneId.of("Asia/Seoul"));
  static final Symbol SAMSUNG = Symbol.of("005930");
  static final int AGENTS = 4;
  static final int ORDERS_PER_AGENT = 150;
  static final Duration T = Duration.ofSeconds(10);

  @TempDir Path dir;

  @ParameterizedTest(name = "snapshot every {0} events")
  @ValueSource(ints = {64, 1_000_000})
  void everyAgentRecoversItsBooksAfterTheSystemDies(int snapshotEvery) throws IOException {
    crashAndRecover(snapshotEvery, LevelDbTestSystem.config(dir), kis.journal.state.AgentStateSerializer.IDENTIFIER);
  }

  /**
   * Snapshots an engine wrote before the compact snapshot form ({@code CompactAgentState}) are
   * Jackson CBOR: the engine after it still recovers every agent from them to the same books.
   */
  @org.junit.jupiter.api.Test
  void snapshotsWrittenInJacksonCborBeforeTheCompactFormRecoverTheSameBooks() throws IOException {
    crashAndRecover(64, com.typesafe.config.ConfigFactory.parseString(
            "pekko.actor.serialization-bindings.\"kis.journal.state.AgentState\" = jackson-cbor")
        .withFallback(LevelDbTestSystem.config(dir)), JACKSON_CBOR);
  }

  private static final int JACKSON_CBOR = 33;

  /** {@code snapshotForm}: the serializer the first system writes its snapshots with. */
  private void crashAndRecover(int snapshotEvery, com.typesafe.config.Config firstConfig, int snapshotForm)
      throws IOException {
    Map<AgentId, AgentState> before = new LinkedHashMap<>();
    long totalEvents = 0;
    ActorTestKit first = ActorTestKit.create("first", firstConfig);
    try {
      ActorRef<Object> exchange = first.spawn(ScriptedExchange.create());
      for (int a = 0; a < AGENTS; a++) {
        AgentId id = new AgentId("agent-" + a);
        ActorRef<Agent.Command> agent = first.spawn(Agent.create(
            AgentSettings.of(id).withSnapshotEvery(snapshotEvery), exchange.narrow(), CLOCK), id.value());
        drive(first, agent, a);
        AgentState state = flush(first, exchange, agent);
        assertEquals(List.of(), state.invariantViolations());
        assertTrue(state.ordersIn(OrderStatus.REQUESTED).size() == 1, "one order left mid-send");
        assertEquals(snapshotForm, org.apache.pekko.serialization.SerializationExtension.get(first.system())
            .findSerializerFor(state).identifier(), "the form the first system's snapshots are written in");
        before.put(id, state);
        totalEvents += state.eventCount();
      }
    } finally {
      // No graceful stop of the agents: the system simply goes away, as in a crash.
      first.shutdownTestKit();
    }
    // How many events an order produces depends on how the exchange's answers interleave with the
    // drive's cancels and revises (about 2,000 in all on a quiet machine, 1,986 seen under load): the
    // bound asks for a long journal, not for one interleaving.
    assertTrue(totalEvents >= 1_000, "over a thousand events, got " + totalEvents);
    try (Stream<Path> snaps = Files.list(dir.resolve("snapshots"))) {
      assertEquals(snapshotEvery < 1_000_000, snaps.findAny().isPresent(), "snapshots taken iff enabled");
    } catch (java.nio.file.NoSuchFileException e) {
      assertEquals(1_000_000, snapshotEvery, "no snapshot dir although snapshots were due");
    }

    ActorTestKit second = ActorTestKit.create("second", LevelDbTestSystem.config(dir));
    try {
      TestProbe<OrderPort> port = second.createTestProbe(OrderPort.class);
      for (Map.Entry<AgentId, AgentState> e : before.entrySet()) {
        ActorRef<Agent.Command> agent = second.spawn(Agent.create(
            AgentSettings.of(e.getKey()).withSnapshotEvery(snapshotEvery), port.getRef(), CLOCK), e.getKey().value());
        AgentState expected = e.getValue();
        for (Order o : expected.ordersIn(OrderStatus.REQUESTED)) {
          expected = expected.apply(new OrderInDoubt(o.id(), "engine restarted before KIS answered", CLOCK.instant()));
        }
        AgentState recovered = awaitNoRequested(second, agent);
        assertEquals(expected, recovered, "books of " + e.getKey());
        assertEquals(expected.stateHash(), recovered.stateHash());
        assertEquals(List.of(), recovered.invariantViolations());
      }
      port.expectNoMessage(Duration.ofMillis(200)); // nothing is ever re-sent on recovery
    } finally {
      second.shutdownTestKit();
    }
  }

  /** A mix of buys, sells, cancels, revises and day rolls; refusals are part of the mix. */
  private static void drive(ActorTestKit kit, ActorRef<Agent.Command> agent, int salt) {
    TestProbe<StatusReply<ClientOrderId>> placed = kit.createTestProbe();
    TestProbe<StatusReply<Done>> done = kit.createTestProbe();
    TestProbe<StatusReply<Integer>> expired = kit.createTestProbe();
    List<ClientOrderId> ids = new ArrayList<>();
    for (int i = 0; i < ORDERS_PER_AGENT; i++) {
      Side side = (i + salt) % 3 == 2 ? Side.SELL : Side.BUY;
      long qty = 1 + (i * 7 + salt) % 10;
      long price = 69_500 + ((i + salt) % 10) * 100;
      agent.tell(new Agent.PlaceOrder(OrderSpec.limit(SAMSUNG, side, qty, price), "drive", placed.getRef()));
      StatusReply<ClientOrderId> r = placed.receiveMessage(T);
      if (r.isSuccess()) {
        ids.add(r.getValue());
      }
      if (i % 4 == 3 && !ids.isEmpty()) {
        agent.tell(new Agent.CancelOrder(ids.get(ids.size() - 1), "drive", done.getRef()));
        done.receiveMessage(T);
      }
      if (i % 6 == 5 && ids.size() > 1) {
        agent.tell(new Agent.ReviseOrder(ids.get(ids.size() - 2), price + 100, done.getRef()));
        done.receiveMessage(T);
      }
      if (i % 50 == 49) {
        agent.tell(new Agent.ExpireWorkingOrders(LocalDate.of(2026, 11, 24), expired.getRef()));
        expired.receiveMessage(T);
      }
    }
    agent.tell(new Agent.PlaceOrder(OrderSpec.limit(SAMSUNG, Side.BUY, ScriptedExchange.SILENT_QUANTITY, 70_000),
        "mid-send", placed.getRef()));
    assertTrue(placed.receiveMessage(T).isSuccess());
  }

  private static AgentState flush(ActorTestKit kit, ActorRef<Object> exchange, ActorRef<Agent.Command> agent) {
    TestProbe<AgentState> probe = kit.createTestProbe();
    exchange.tell(new ScriptedExchange.Flush(agent, probe.getRef()));
    return probe.receiveMessage(T);
  }

  private static AgentState awaitNoRequested(ActorTestKit kit, ActorRef<Agent.Command> agent) {
    TestProbe<AgentState> probe = kit.createTestProbe();
    long deadline = System.nanoTime() + T.toNanos();
    while (true) {
      agent.tell(new Agent.GetState(probe.getRef()));
      AgentState s = probe.receiveMessage(T);
      if (s.ordersIn(OrderStatus.REQUESTED).isEmpty()) {
        return s;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("orders still REQUESTED after recovery: " + s.ordersIn(OrderStatus.REQUESTED));
      }
    }
  }
}
