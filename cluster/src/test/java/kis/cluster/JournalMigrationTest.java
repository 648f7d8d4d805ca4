package kis.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import kis.actors.agent.Agent;
import kis.actors.agent.AgentSettings;
import kis.actors.agent.OrderPort;
import kis.cluster.migrate.JournalCopier;
import kis.cluster.migrate.JournalMigration;
import kis.journal.AgentId;
import kis.journal.ClientOrderId;
import kis.journal.CostModel;
import kis.journal.OrderNo;
import kis.journal.OrderSpec;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.event.AgentEvent;
import kis.journal.event.FillSource;
import kis.journal.event.OrderAccepted;
import kis.journal.event.OrderFilled;
import kis.journal.event.OrderRequested;
import kis.journal.state.AgentState;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code journal migrate}: an agent's LevelDB journal copied to PostgreSQL folds to the same books,
 * a second run changes nothing, and a real agent started on the PostgreSQL journal recovers them.
 */
class JournalMigrationTest {
  static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;

  @Test
  void anAgentsLevelDbJournalCopiedToPostgresFoldsToTheSameBooksAndAnAgentRecoversThem() throws Exception {
    Path leveldb = dir.resolve("journal");
    List<AgentEvent> history = history(150); // several copy batches
    writeToLevelDb(leveldb, "mig-1", history);
    AgentState expected = AgentState.fold("mig-1", history);

    try (TestDatabase db = TestDatabase.create()) {
      Config profile = ClusterProfile.over(db.config());
      try (JournalMigration m = JournalMigration.open(profile, leveldb)) {
        assertEquals(List.of("mig-1"), m.sourceAgents());
        JournalMigration.Result first = m.migrate("mig-1");
        assertTrue(first.ok(), first.toString());
        assertEquals(history.size(), first.copied());
        assertEquals(expected.stateHash(), first.targetHash());
        JournalMigration.Result again = m.migrate("mig-1");
        assertTrue(again.ok(), again.toString());
        assertEquals(0, again.copied(), "a second run copies nothing");
      }
      assertEquals(history.size(), db.count("select count(*) from event_journal where persistence_id = 'Agent|mig-1'"));

      ActorTestKit kit = ActorTestKit.create("migrated", JdbcJournalRoundTripTest.localJdbc(db));
      try {
        TestProbe<OrderPort> port = kit.createTestProbe();
        ActorRef<Agent.Command> agent = kit.spawn(Agent.create(AgentSettings.of(new AgentId("mig-1")),
            port.getRef(), Clock.systemUTC()));
        AgentState recovered = JdbcJournalRoundTripTest.state(kit, agent);
        assertEquals(expected, recovered);
        assertEquals(expected.positions().get("005930").quantity(), recovered.positions().get("005930").quantity());
      } finally {
        kit.shutdownTestKit();
      }
    }
  }

  @Test
  void aTargetThatAlreadyHoldsOtherEventsIsReportedNotOverwritten() throws Exception {
    Path leveldb = dir.resolve("journal");
    writeToLevelDb(leveldb, "mig-2", history(3));
    try (TestDatabase db = TestDatabase.create()) {
      Config profile = ClusterProfile.over(db.config());
      ActorTestKit kit = ActorTestKit.create("occupied", JdbcJournalRoundTripTest.localJdbc(db));
      List<AgentEvent> other = history(1);
      try {
        append(kit, "jdbc-journal", "jdbc-snapshot-store", "mig-2", other);
      } finally {
        kit.shutdownTestKit();
      }
      try (JournalMigration m = JournalMigration.open(profile, leveldb)) {
        JournalMigration.Result r = m.migrate("mig-2");
        assertFalse(r.ok(), r.toString());
        assertEquals(0, r.copied());
      }
      assertEquals(other.size(), db.count("select count(*) from event_journal where persistence_id = 'Agent|mig-2'"));
    }
  }

  /** {@code roundTrips} buys of 10 and sells of 10 of 005930, each requested, accepted and filled in two parts. */
  static List<AgentEvent> history(int roundTrips) {
    List<AgentEvent> out = new ArrayList<>();
    Instant t = Instant.parse("2026-11-24T00:00:00Z");
    Symbol sym = Symbol.of("005930");
    int n = 0;
    for (int i = 0; i < roundTrips * 2; i++) {
      Side side = i % 2 == 0 ? Side.BUY : Side.SELL;
      long price = 70_000 + 100L * (i % 7);
      ClientOrderId id = new ClientOrderId("mig-" + (++n));
      OrderNo no = OrderNo.of(String.valueOf(1000 + n));
      t = t.plusSeconds(1);
      out.add(new OrderRequested(id, OrderSpec.limit(sym, side, 10, price), "test", t));
      out.add(new OrderAccepted(id, no, "06010", "090000", false, t));
      for (long q : new long[] {4, 6}) {
        long value = q * price;
        out.add(new OrderFilled(id, no, sym, side, q, price, CostModel.KIS_2026.fee(value),
            CostModel.KIS_2026.tax(side, value), "x" + n + "-" + q, "0930", FillSource.NOTICE, t));
      }
    }
    {
      // End holding shares, so the books are not trivially empty.
      ClientOrderId id = new ClientOrderId("mig-" + (++n));
      OrderNo no = OrderNo.of(String.valueOf(1000 + n));
      out.add(new OrderRequested(id, OrderSpec.limit(sym, Side.BUY, 3, 70_000), "test", t));
      out.add(new OrderAccepted(id, no, "06010", "090000", false, t));
      out.add(new OrderFilled(id, no, sym, Side.BUY, 3, 70_000, CostModel.KIS_2026.fee(210_000),
          CostModel.KIS_2026.tax(Side.BUY, 210_000), "last", "0931", FillSource.NOTICE, t));
    }
    return out;
  }

  private static void writeToLevelDb(Path leveldb, String agentId, List<AgentEvent> events) {
    Config c = ConfigFactory.parseString("""
            pekko.loglevel = WARNING
            pekko.persistence.journal.plugin = "pekko.persistence.journal.leveldb"
            pekko.persistence.journal.leveldb.native = on
            pekko.persistence.snapshot-store.plugin = "pekko.persistence.snapshot-store.local"
            """)
        .withValue("pekko.persistence.journal.leveldb.dir", ConfigValueFactory.fromAnyRef(leveldb.toString()))
        .withValue("pekko.persistence.snapshot-store.local.dir",
            ConfigValueFactory.fromAnyRef(leveldb.resolveSibling("snapshots").toString()))
        .withFallback(ConfigFactory.defaultReference()).resolve();
    ActorTestKit kit = ActorTestKit.create("leveldb-source", c);
    try {
      append(kit, "pekko.persistence.journal.leveldb", "pekko.persistence.snapshot-store.local", agentId, events);
    } finally {
      kit.shutdownTestKit();
    }
  }

  private static void append(ActorTestKit kit, String journal, String snapshots, String agentId,
      List<AgentEvent> events) {
    ActorRef<JournalCopier.Append> w = kit.spawn(JournalCopier.create(PersistenceId.of("Agent", agentId), journal,
        snapshots));
    TestProbe<Long> done = kit.createTestProbe();
    w.tell(new JournalCopier.Append(events, done.getRef()));
    assertEquals((long) events.size(), done.receiveMessage(WAIT));
  }
}
