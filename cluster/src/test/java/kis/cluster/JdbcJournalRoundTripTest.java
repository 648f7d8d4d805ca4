package kis.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Clock;
import java.time.Duration;
import kis.actors.agent.Agent;
import kis.actors.agent.AgentSettings;
import kis.actors.agent.OrderPort;
import kis.journal.AgentId;
import kis.journal.ClientOrderId;
import kis.journal.OrderNo;
import kis.journal.OrderSpec;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.event.FillSource;
import kis.journal.state.AgentState;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.Test;

/** An agent journals to PostgreSQL through pekko-persistence-jdbc and recovers the same books in a new actor system. */
class JdbcJournalRoundTripTest {
  static final Duration WAIT = Duration.ofSeconds(20);

  static Config localJdbc(TestDatabase db) {
    return ClusterProfile.over(ConfigFactory.parseString("pekko.actor.provider = local\npekko.loglevel = WARNING")
        .withFallback(db.config()));
  }

  @Test
  void anAgentsEventsAndSnapshotsInPostgresRecoverTheSameBooks() throws Exception {
    try (TestDatabase db = TestDatabase.create()) {
      Config config = localJdbc(db);
      AgentSettings settings = AgentSettings.of(new AgentId("pg-1")).withSnapshotEvery(2);
      AgentState before;
      ActorTestKit first = ActorTestKit.create("jdbc-first", config);
      try {
        TestProbe<OrderPort> port = first.createTestProbe();
        ActorRef<Agent.Command> agent = first.spawn(Agent.create(settings, port.getRef(), Clock.systemUTC()));
        TestProbe<StatusReply<ClientOrderId>> placed = first.createTestProbe();
        agent.tell(new Agent.PlaceOrder(OrderSpec.limit(Symbol.of("005930"), Side.BUY, 10, 70_000), "test",
            placed.getRef()));
        ClientOrderId id = placed.receiveMessage(WAIT).getValue();
        assertInstanceOf(OrderPort.SendOrder.class, port.receiveMessage(WAIT));
        agent.tell(new Agent.BrokerAccepted(id, OrderNo.of("1001"), "06010", "090000", false));
        agent.tell(new Agent.BrokerFill(OrderNo.of("1001"), 4, 70_000, "e1", "090101", FillSource.NOTICE));
        agent.tell(new Agent.BrokerFill(OrderNo.of("1001"), 6, 70_000, "e2", "090102", FillSource.NOTICE));
        before = state(first, agent);
        assertEquals(10, before.positions().get("005930").quantity());
      } finally {
        first.shutdownTestKit();
      }
      assertEquals(4, db.count("select count(*) from event_journal where persistence_id = 'Agent|pg-1'"));
      assertTrue(db.count("select count(*) from snapshot where persistence_id = 'Agent|pg-1'") >= 1,
          "snapshots are in PostgreSQL too");

      ActorTestKit second = ActorTestKit.create("jdbc-second", config);
      try {
        TestProbe<OrderPort> port = second.createTestProbe();
        ActorRef<Agent.Command> again = second.spawn(Agent.create(settings, port.getRef(), Clock.systemUTC()));
        AgentState after = state(second, again);
        assertEquals(before, after);
        assertEquals(before.stateHash(), after.stateHash());
      } finally {
        second.shutdownTestKit();
      }
    }
  }

  static AgentState state(ActorTestKit kit, ActorRef<Agent.Command> agent) {
    TestProbe<AgentState> p = kit.createTestProbe();
    agent.tell(new Agent.GetState(p.getRef()));
    return p.receiveMessage(WAIT);
  }
}
