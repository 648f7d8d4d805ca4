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
import kis.actors.live.LiveEngine;
import kis.actors.risk.CancelAllWorkingOrders;
import kis.actors.risk.KillSwitch;
import kis.actors.risk.KillSwitchEngaged;
import kis.actors.risk.KillSwitchReset;
import kis.actors.risk.KillSwitchState;
import kis.cluster.migrate.JournalCopier;
import kis.cluster.migrate.JournalMigration;
import kis.journal.AgentId;
import kis.journal.ClientOrderId;
import kis.journal.CostModel;
import kis.journal.JournalSerializable;
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
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code journal migrate}: an agent's LevelDB journal copied to PostgreSQL folds to the same books,
 * a second run changes nothing, and a real agent started on the PostgreSQL journal recovers them;
 * a kill switch latched on the single-node engine recovers latched as the cluster's, and fresh
 * starts carry over as the cluster's journal generations.
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

  @Test
  void aKillSwitchLatchedOnTheSingleNodeEngineIsLatchedInTheClusterAndItsSwitchRecoversEngaged() throws Exception {
    Path leveldb = dir.resolve("journal");
    Instant at = Instant.parse("2026-11-24T01:00:00Z");
    writeToLevelDb(leveldb, KillSwitch.persistenceId(LiveEngine.KILL_SWITCH_KEY), List.of(
        new KillSwitchEngaged("first drill", "kim", at), new KillSwitchReset("kim", at.plusSeconds(60)),
        new KillSwitchEngaged("fat finger", "lee", at.plusSeconds(120))));
    try (TestDatabase db = TestDatabase.create()) {
      Config profile = ClusterProfile.over(ConfigFactory.parseString("kis-trader.cluster.account = desk-7")
          .withFallback(db.config()));
      try (JournalMigration m = JournalMigration.open(profile, leveldb)) {
        JournalMigration.KillSwitchResult r = m.migrateKillSwitch();
        assertTrue(r.ok() && r.sourceEngaged() && r.targetEngaged(), r.toString());
        assertEquals("KillSwitch|account", r.source());
        assertEquals("KillSwitch|desk-7", r.target());
        assertEquals(3, r.written(), "the cluster had no history: the single node's is copied unchanged");
        assertEquals(0, m.migrateKillSwitch().written(), "a second run writes nothing");
      }
      KillSwitchState recovered = clusterKillSwitch(db, "desk-7");
      assertTrue(recovered.engaged(), "the account singleton's kill switch recovers latched: " + recovered);
      assertEquals("fat finger", recovered.reason());
      assertEquals("lee", recovered.engagedBy());
      assertEquals("kim", recovered.resetBy(), "the history came along");
    }
  }

  @Test
  void aLatchIsEngagedOverTheClustersOwnHistoryAndAMigrationNeverResetsTheClustersSwitch() throws Exception {
    Instant at = Instant.parse("2026-11-24T01:00:00Z");
    try (TestDatabase db = TestDatabase.create()) {
      Config profile = ClusterProfile.over(db.config());
      String account = profile.getString("kis-trader.cluster.account");
      ActorTestKit kit = ActorTestKit.create("cluster-history", JdbcJournalRoundTripTest.localJdbc(db));
      try {
        append(kit, "jdbc-journal", "jdbc-snapshot-store", KillSwitch.persistenceId(account), List.of(
            new KillSwitchEngaged("cluster drill", "park", at), new KillSwitchReset("park", at.plusSeconds(5))));
      } finally {
        kit.shutdownTestKit();
      }
      Path latched = dir.resolve("latched");
      writeToLevelDb(latched, KillSwitch.persistenceId(LiveEngine.KILL_SWITCH_KEY),
          List.of(new KillSwitchEngaged("daily loss", "risk:daily-loss", at.plusSeconds(10))));
      try (JournalMigration m = JournalMigration.open(profile, latched)) {
        JournalMigration.KillSwitchResult r = m.migrateKillSwitch();
        assertTrue(r.ok() && r.targetEngaged(), r.toString());
        assertEquals(1, r.written(), "one engage on top of the cluster's own history");
      }
      KillSwitchState engaged = clusterKillSwitch(db, account);
      assertTrue(engaged.engaged());
      assertTrue(engaged.reason().startsWith("daily loss (latched on the single-node engine"), engaged.reason());
      assertEquals("risk:daily-loss", engaged.engagedBy());

      // An operator resets it in the cluster; running the migration again does not overrule them.
      resetClusterKillSwitch(db, account, "choi");
      try (JournalMigration m = JournalMigration.open(profile, latched)) {
        JournalMigration.KillSwitchResult r = m.migrateKillSwitch();
        assertTrue(r.ok() && r.sourceEngaged() && !r.targetEngaged() && r.written() == 0, r.toString());
        assertTrue(r.detail().contains("reset in the cluster since by choi"), r.detail());
      }
      assertFalse(clusterKillSwitch(db, account).engaged());
      ActorTestKit again = ActorTestKit.create("cluster-latch-again", JdbcJournalRoundTripTest.localJdbc(db));
      try {
        TestProbe<StatusReply<KillSwitchState>> on = again.createTestProbe();
        again.spawn(KillSwitch.create(account, again.<CancelAllWorkingOrders>createTestProbe().getRef(),
            Clock.systemUTC())).tell(new KillSwitch.Engage("cluster drill 2", "park", on.getRef()));
        assertTrue(on.receiveMessage(WAIT).isSuccess());
      } finally {
        again.shutdownTestKit();
      }

      // A single node whose switch was reset does not release the cluster's latch.
      Path released = dir.resolve("released");
      writeToLevelDb(released, KillSwitch.persistenceId(LiveEngine.KILL_SWITCH_KEY), List.of(
          new KillSwitchEngaged("x", "kim", at), new KillSwitchReset("kim", at.plusSeconds(1))));
      try (JournalMigration m = JournalMigration.open(profile, released)) {
        JournalMigration.KillSwitchResult r = m.migrateKillSwitch();
        assertTrue(r.ok() && !r.sourceEngaged() && r.targetEngaged() && r.written() == 0, r.toString());
      }
      assertTrue(clusterKillSwitch(db, account).engaged());
    }
  }

  @Test
  void freshStartsOfTheSingleNodeEngineCarryOverSoTheClusterRunsTheCurrentJournal() throws Exception {
    Path leveldb = dir.resolve("journal");
    writeToLevelDb(leveldb, "mig-4.g2", history(1));
    java.nio.file.Files.writeString(dir.resolve("agent-generations.properties"), "mig-4=2\nmig-5=1\n");
    try (TestDatabase db = TestDatabase.create()) {
      Config profile = ClusterProfile.over(db.config());
      try (JournalMigration m = JournalMigration.open(profile, leveldb)) {
        List<JournalMigration.GenerationResult> first = m.migrateGenerations(dir.resolve("agent-generations.properties"));
        assertEquals(List.of("mig-4", "mig-5"), first.stream().map(JournalMigration.GenerationResult::agentId).toList());
        assertTrue(first.stream().allMatch(g -> g.ok() && g.written()), first.toString());
        assertTrue(m.migrateGenerations(dir.resolve("agent-generations.properties")).stream()
            .noneMatch(JournalMigration.GenerationResult::written), "a second run writes nothing");
        assertTrue(m.migrate("mig-4.g2").ok());
        assertEquals(List.of(), m.migrateGenerations(dir.resolve("no-such-file")), "never fresh-started");
      }
      ActorTestKit kit = ActorTestKit.create("generations", JdbcJournalRoundTripTest.localJdbc(db));
      try {
        TestProbe<Integer> n = kit.createTestProbe();
        kit.spawn(AgentGeneration.create(new AgentId("mig-4"), Clock.systemUTC())).tell(new AgentGeneration.Get(n.getRef()));
        assertEquals(2, n.receiveMessage(WAIT), "the agent's entity will start on Agent|mig-4.g2");
        assertEquals(new AgentId("mig-4.g2"), AgentGeneration.journalId(new AgentId("mig-4"), 2));
      } finally {
        kit.shutdownTestKit();
      }
    }
  }

  private static void resetClusterKillSwitch(TestDatabase db, String account, String by) {
    ActorTestKit kit = ActorTestKit.create("cluster-kill-switch-reset", JdbcJournalRoundTripTest.localJdbc(db));
    try {
      TestProbe<StatusReply<KillSwitchState>> p = kit.createTestProbe();
      kit.spawn(KillSwitch.create(account, kit.<CancelAllWorkingOrders>createTestProbe().getRef(), Clock.systemUTC()))
          .tell(new KillSwitch.Reset(by, p.getRef()));
      assertTrue(p.receiveMessage(WAIT).isSuccess());
    } finally {
      kit.shutdownTestKit();
    }
  }

  /** The cluster's kill switch for {@code account}, recovered from PostgreSQL as the account singleton would. */
  private static KillSwitchState clusterKillSwitch(TestDatabase db, String account) {
    ActorTestKit kit = ActorTestKit.create("cluster-kill-switch", JdbcJournalRoundTripTest.localJdbc(db));
    try {
      TestProbe<CancelAllWorkingOrders> cancels = kit.createTestProbe();
      ActorRef<KillSwitch.Command> k = kit.spawn(KillSwitch.create(account, cancels.getRef(), Clock.systemUTC()));
      TestProbe<KillSwitchState> p = kit.createTestProbe();
      k.tell(new KillSwitch.Get(p.getRef()));
      KillSwitchState s = p.receiveMessage(WAIT);
      if (s.engaged()) {
        cancels.expectMessageClass(CancelAllWorkingOrders.class, WAIT);
      }
      return s;
    } finally {
      kit.shutdownTestKit();
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
    writeToLevelDb(leveldb, PersistenceId.of("Agent", agentId), events);
  }

  private static void writeToLevelDb(Path leveldb, PersistenceId id, List<? extends JournalSerializable> events) {
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
      append(kit, "pekko.persistence.journal.leveldb", "pekko.persistence.snapshot-store.local", id, events);
    } finally {
      kit.shutdownTestKit();
    }
  }

  private static void append(ActorTestKit kit, String journal, String snapshots, String agentId,
      List<AgentEvent> events) {
    append(kit, journal, snapshots, PersistenceId.of("Agent", agentId), events);
  }

  private static void append(ActorTestKit kit, String journal, String snapshots, PersistenceId id,
      List<? extends JournalSerializable> events) {
    ActorRef<JournalCopier.Append> w = kit.spawn(JournalCopier.create(id, journal, snapshots));
    TestProbe<Long> done = kit.createTestProbe();
    w.tell(new JournalCopier.Append(events, done.getRef()));
    assertEquals((long) events.size(), done.receiveMessage(WAIT));
  }
}
