package kis.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import kis.actors.agent.Agent;
import kis.actors.agent.AgentSettings;
import kis.actors.agent.OrderPort;
import kis.actors.risk.CancelAllWorkingOrders;
import kis.actors.risk.KillSwitch;
import kis.actors.risk.KillSwitchState;
import kis.cluster.ClusterProfile;
import kis.cluster.TestDatabase;
import kis.cluster.migrate.JournalEvents;
import kis.compat.ReplayFixture.Books;
import kis.engine.Main;
import kis.journal.AgentId;
import kis.journal.state.AgentState;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixture's data dir moved to the cluster profile by {@code kis-trader journal migrate} (LevelDB
 * to PostgreSQL, on the embedded server the cluster tests use) replays from PostgreSQL alone to the
 * same books and state hashes {@link FixtureReplayTest#PINNED} pins, and the account's kill switch is
 * latched there too. Works on a copy of the fixture, in a schema of its own.
 */
@ExtendWith(LogCapturingExtension.class)
class MigratedFixtureReplayTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path tmp;

  @Test
  void journalMigrateCopiesTheFixtureToPostgresWhereEveryJournalReplaysToItsPinnedBooksAndTheKillSwitchStaysLatched()
      throws Exception {
    Path data = tmp.resolve("data");
    ReplayFixture.copy(ReplayFixture.DIR.resolve(ReplayFixture.DATA), data);
    try (TestDatabase db = TestDatabase.create()) {
      Path dbSettings = tmp.resolve("database.conf");
      Files.writeString(dbSettings, db.config().root().render(ConfigRenderOptions.concise()));

      String report = migrate(data, dbSettings);

      for (Books b : FixtureReplayTest.PINNED) {
        assertTrue(report.contains("OK   " + b.agentId() + ": " + b.events() + " events, " + b.events() + " copied")
            && report.contains("state hash " + b.stateHash()), () -> b.agentId() + " migrated with its hash: " + report);
      }
      assertTrue(report.contains(FixtureReplayTest.PINNED.size() + " agent(s) migrated, 0 failed"), report);
      assertTrue(report.contains("OK   fx-fresh: fresh starts"), report);

      Config cluster = ClusterProfile.over(ConfigFactory.parseString(
          "pekko.actor.provider = local\npekko.loglevel = WARNING").withFallback(db.config()));
      String account = cluster.getString("kis-trader.cluster.account");
      ActorTestKit kit = ActorTestKit.create("migrated-fixture", cluster);
      try {
        Config engine = ReplayFixture.engineConfig(data);
        AgentSettings template = AgentSettings.fromConfig(new AgentId("template"), engine.getConfig("kis-trader.agent"));
        TestProbe<OrderPort> port = kit.createTestProbe(OrderPort.class);
        for (Books b : FixtureReplayTest.PINNED) {
          AgentId id = new AgentId(b.agentId());
          // The journal tools' fold of the PostgreSQL events, and an agent recovering from them.
          AgentState folded = AgentState.fold(b.agentId(), JournalEvents.read(kit.system(), JournalEvents.JDBC,
              Agent.persistenceId(id).id(), WAIT));
          assertEquals(b, Books.of(folded), b.agentId() + " folded from PostgreSQL");
          var agent = kit.spawn(Agent.create(AgentSettings.fromConfig(id, template.costs(),
              engine.getConfig("kis-trader.agent")), port.getRef(), Clock.systemUTC()), "agent-" + b.agentId());
          TestProbe<AgentState> state = kit.createTestProbe(AgentState.class);
          agent.tell(new Agent.GetState(state.getRef()));
          assertEquals(b, Books.of(state.receiveMessage(WAIT)), b.agentId() + " recovered from PostgreSQL");
        }
        var killSwitch = kit.spawn(KillSwitch.create(account,
            kit.createTestProbe(CancelAllWorkingOrders.class).getRef(), Clock.systemUTC()), "kill-switch");
        TestProbe<KillSwitchState> latch = kit.createTestProbe(KillSwitchState.class);
        killSwitch.tell(new KillSwitch.Get(latch.getRef()));
        KillSwitchState ks = latch.receiveMessage(WAIT);
        assertTrue(ks.engaged(), "the account's kill switch is latched in the cluster: " + ks);
        assertEquals(ReplayFixture.KILL_REASON, ks.reason());
        assertEquals("fixture", ks.engagedBy());
      } finally {
        kit.shutdownTestKit();
      }
    }
  }

  /** {@code kis-trader journal migrate --dir <data> --config <database settings>}; its report. */
  private static String migrate(Path data, Path dbSettings) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cli = Main.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int rc = cli.execute("journal", "migrate", "--dir", data.toString(), "--config", dbSettings.toString());
    assertEquals(0, rc, () -> out + "\n" + err);
    return out.toString();
  }
}
