package kis.engine;

import static kis.engine.CliRun.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import kis.actors.agent.Agent;
import kis.actors.agent.AgentSettings;
import kis.actors.agent.OrderPort;
import kis.actors.live.LiveEngine;
import kis.actors.risk.CancelAllWorkingOrders;
import kis.actors.risk.KillSwitch;
import kis.actors.risk.KillSwitchState;
import kis.cluster.TestPostgres;
import kis.engine.journal.EngineConfig;
import kis.journal.AgentId;
import kis.journal.ClientOrderId;
import kis.journal.OrderNo;
import kis.journal.OrderSpec;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.event.FillSource;
import kis.journal.state.AgentState;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --profile cluster} and {@code journal migrate} on the command line. */
@ExtendWith(LogCapturingExtension.class)
class ClusterCommandsTest {
  static final Duration T = Duration.ofSeconds(10);

  @TempDir Path dir;

  @Test
  void theClusterProfileRefusesTheEmbeddedSimulatorBecauseNodesMustShareOneExchange() {
    CliRun r = cli("run", "--profile", "cluster", "--data-dir", dir.resolve("node").toString());
    assertEquals(RunCommand.BAD_CONFIG, r.exitCode(), r.out() + r.err());
    assertTrue(r.err().contains("needs one exchange shared by every node"), r.err());
  }

  @Test
  void anUnknownProfileIsABadConfiguration() {
    CliRun r = cli("run", "--profile", "galaxy", "--data-dir", dir.resolve("node").toString());
    assertEquals(RunCommand.BAD_CONFIG, r.exitCode());
    assertTrue(r.err().contains("unknown profile 'galaxy'"), r.err());
  }

  @Test
  void journalMigrateCopiesEveryAgentToPostgresAndASecondRunOnlyVerifies() throws Exception {
    String base = TestPostgres.url();
    String schema = "t_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    sql(base, "CREATE SCHEMA " + schema);
    try {
      Path data = dir.resolve("data");
      // LevelDB creates only the last directory of its path; the snapshot store may or may not have made data/ yet.
      Files.createDirectories(data.resolve("journal"));
      ActorTestKit kit = ActorTestKit.create("writer", EngineConfig.load(Optional.empty(), Optional.of(data)));
      AgentState a0;
      try {
        a0 = trade(kit, "a0");
        trade(kit, "a1");
        // The single-node engine's kill switch, latched.
        TestProbe<StatusReply<KillSwitchState>> engaged = kit.createTestProbe();
        kit.spawn(KillSwitch.create(LiveEngine.KILL_SWITCH_KEY, kit.<CancelAllWorkingOrders>createTestProbe().getRef(),
            Clock.systemUTC())).tell(new KillSwitch.Engage("drill", "kim", engaged.getRef()));
        assertTrue(engaged.receiveMessage(T).isSuccess());
      } finally {
        kit.shutdownTestKit();
      }
      Files.writeString(data.resolve("agent-generations.properties"), "a1=1\n");
      Path conf = dir.resolve("pg.conf");
      Files.writeString(conf, "kis-trader.cluster.db { url = \"" + base + (base.contains("?") ? "&" : "?")
          + "currentSchema=" + schema + "\", user = \"\", password = \"\" }\n");

      CliRun first = cli("journal", "migrate", "--dir", data.toString(), "--config", conf.toString());
      assertEquals(0, first.exitCode(), first.out() + first.err());
      assertTrue(first.out().contains("OK   a0: 4 events, 4 copied (copied and verified), state hash "
          + a0.stateHash()), first.out());
      assertTrue(first.out().contains("2 agent(s) migrated, 0 failed"), first.out());
      assertTrue(first.out().contains("OK   kill switch KillSwitch|account -> KillSwitch|default: latched on the"
          + " single-node engine (drill, by kim at "), first.out());
      assertTrue(first.out().contains("OK   a1: fresh starts: moved to generation 1 (journal a1.g1)"), first.out());
      assertTrue(first.out().indexOf("kill switch") < first.out().indexOf("OK   a0:"), "the latch goes first");

      CliRun again = cli("journal", "migrate", "--dir", data.toString(), "--config", conf.toString(), "--agent", "a1");
      assertEquals(0, again.exitCode(), again.out() + again.err());
      assertTrue(again.out().contains("OK   a1: 4 events, 0 copied (already there, verified)"), again.out());
      assertTrue(again.out().contains("): latched in the cluster already"), again.out());
    } finally {
      sql(base, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }

  /** One order of 10 filled in two parts. */
  private static AgentState trade(ActorTestKit kit, String id) {
    TestProbe<OrderPort> port = kit.createTestProbe(OrderPort.class);
    TestProbe<StatusReply<ClientOrderId>> placed = kit.createTestProbe();
    TestProbe<AgentState> state = kit.createTestProbe();
    ActorRef<Agent.Command> agent = kit.spawn(Agent.create(AgentSettings.of(new AgentId(id)), port.getRef(),
        Clock.systemUTC()));
    agent.tell(new Agent.PlaceOrder(OrderSpec.limit(Symbol.of("005930"), Side.BUY, 10, 70_000), "t",
        placed.getRef()));
    ClientOrderId o = placed.receiveMessage(T).getValue();
    port.expectMessageClass(OrderPort.SendOrder.class);
    agent.tell(new Agent.BrokerAccepted(o, OrderNo.of("100"), "06010", "090000", false));
    agent.tell(new Agent.BrokerFill(OrderNo.of("100"), 4, 70_000, "e1", "0901", FillSource.NOTICE));
    agent.tell(new Agent.BrokerFill(OrderNo.of("100"), 6, 70_100, "e2", "0902", FillSource.NOTICE));
    agent.tell(new Agent.GetState(state.getRef()));
    return state.receiveMessage(T);
  }

  private static void sql(String url, String statement) throws SQLException {
    try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
      st.execute(statement);
    }
  }
}
