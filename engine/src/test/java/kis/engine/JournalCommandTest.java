package kis.engine;

import static kis.engine.CliRun.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import kis.actors.agent.Agent;
import kis.actors.agent.AgentSettings;
import kis.actors.agent.OrderPort;
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
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The journal tools on a journal written by real agents through the engine's own configuration. */
@ExtendWith(LogCapturingExtension.class)
class JournalCommandTest {
  static final Symbol SAMSUNG = Symbol.of("005930");
  static final Duration T = Duration.ofSeconds(10);

  @TempDir Path dir;

  /** Two agents trade a little; returns their final states. */
  private List<AgentState> writeJournal(ActorTestKit kit) {
    TestProbe<OrderPort> port = kit.createTestProbe(OrderPort.class);
    TestProbe<StatusReply<ClientOrderId>> placed = kit.createTestProbe();
    TestProbe<AgentState> state = kit.createTestProbe();
    AgentState[] states = new AgentState[2];
    for (int a = 0; a < 2; a++) {
      AgentId id = new AgentId("a" + a);
      ActorRef<Agent.Command> agent = kit.spawn(Agent.create(AgentSettings.of(id), port.getRef(), Clock.systemUTC()));
      agent.tell(new Agent.PlaceOrder(OrderSpec.limit(SAMSUNG, Side.BUY, 10, 70_000), "t", placed.getRef()));
      ClientOrderId o = placed.receiveMessage(T).getValue();
      port.expectMessageClass(OrderPort.SendOrder.class);
      OrderNo no = OrderNo.of(String.valueOf(100 + a));
      agent.tell(new Agent.BrokerAccepted(o, no, "06010", "090000", false));
      agent.tell(new Agent.BrokerFill(no, 4, 70_000, "e1", "0901", FillSource.NOTICE));
      agent.tell(new Agent.BrokerFill(no, 6, 70_100, "e2", "0902", FillSource.NOTICE));
      agent.tell(new Agent.GetState(state.getRef()));
      states[a] = state.receiveMessage(T);
    }
    return List.of(states);
  }

  @Test
  void theToolsReadAJournalThePureJavaLevelDbWroteWithEitherLevelDb() throws Exception {
    Path data = dir.resolve("data");
    Path javaConf = java.nio.file.Files.writeString(dir.resolve("java.conf"), "kis-trader.journal.native = off\n");
    Path auto = java.nio.file.Files.writeString(dir.resolve("auto.conf"), "kis-trader.journal.native = auto\n");
    // LevelDB creates only the last directory of its path, and the journal may start before the
    // snapshot store has made data/: make it, as `run` does before it opens the journal.
    java.nio.file.Files.createDirectories(data.resolve("journal"));
    ActorTestKit kit = ActorTestKit.create("writer", EngineConfig.load(Optional.of(javaConf), Optional.of(data)));
    List<AgentState> states;
    try {
      assertEquals(kis.engine.journal.LevelDbBackend.JAVA, kis.engine.journal.LevelDbBackend.of(kit.system().settings().config()));
      states = writeJournal(kit);
    } finally {
      kit.shutdownTestKit();
    }
    for (Path conf : List.of(javaConf, auto, javaConf)) {
      CliRun verify = cli("journal", "verify", "--dir", data.toString(), "--config", conf.toString());
      assertEquals(0, verify.exitCode(), conf + ": " + verify.out() + verify.err());
      assertTrue(verify.out().contains("OK   a0: 4 events") && verify.out().contains("hash " + states.get(0).stateHash()),
          conf + ": " + verify.out());
      assertTrue(verify.out().contains("2 agent(s) verified, 0 failed"), verify.out());
    }
  }

  @Test
  void inspectVerifyAndExportReadWhatTheAgentsJournaled() throws Exception {
    Path data = dir.resolve("data");
    java.nio.file.Files.createDirectories(data.resolve("journal")); // as above: LevelDB makes only the last one
    ActorTestKit kit = ActorTestKit.create("writer", EngineConfig.load(Optional.empty(), Optional.of(data)));
    List<AgentState> states;
    try {
      states = writeJournal(kit);
      CliRun locked = cli("journal", "verify", "--dir", data.toString());
      assertEquals(2, locked.exitCode(), "the journal is held by the running system");
      assertTrue(locked.err().contains("locked by another process"), locked.err());
    } finally {
      kit.shutdownTestKit();
    }

    CliRun inspect = cli("journal", "inspect", "--dir", data.toString(), "--agent", "a1");
    assertEquals(0, inspect.exitCode(), inspect.err());
    assertTrue(inspect.out().contains("== agent a1: 4 events"), inspect.out());
    assertTrue(inspect.out().contains("OrderRequested"), inspect.out());
    assertTrue(inspect.out().contains("OrderFilled"), inspect.out());
    assertTrue(inspect.out().contains("hash " + states.get(1).stateHash()), "inspect folds to the live state");
    assertTrue(inspect.out().contains("005930 qty 10"), inspect.out());
    assertTrue(inspect.out().contains("invariants: hold"), inspect.out());
    assertTrue(!inspect.out().contains("== agent a0"), "--agent selects one agent");

    CliRun verify = cli("journal", "verify", "--dir", data.toString());
    assertEquals(0, verify.exitCode(), verify.out() + verify.err());
    assertTrue(verify.out().contains("OK   a0: 4 events"), verify.out());
    assertTrue(verify.out().contains("hash " + states.get(0).stateHash()), verify.out());
    assertTrue(verify.out().contains("2 agent(s) verified, 0 failed"), verify.out());

    Path jsonl = dir.resolve("events.jsonl");
    CliRun export = cli("journal", "export", "--dir", data.toString(), "--out", jsonl.toString());
    assertEquals(0, export.exitCode(), export.err());
    List<String> lines = Files.readAllLines(jsonl, StandardCharsets.UTF_8);
    assertEquals(8, lines.size());
    ObjectMapper json = new ObjectMapper();
    JsonNode fill = json.readTree(lines.get(2));
    assertEquals("Agent|a0", fill.get("persistenceId").asText());
    assertEquals(3, fill.get("sequenceNr").asLong());
    assertEquals("OrderFilled", fill.get("type").asText());
    assertEquals(4, fill.get("event").get("quantity").asLong());
    assertEquals("0000000100", fill.get("event").get("orderNo").get("value").asText());

    CliRun unknown = cli("journal", "inspect", "--dir", data.toString(), "--agent", "nobody");
    assertEquals(1, unknown.exitCode());
    assertTrue(unknown.err().contains("no agent 'nobody'"), unknown.err());
  }

  @Test
  void theToolsRefuseADirectoryWithNoJournal() {
    CliRun r = cli("journal", "verify", "--dir", dir.resolve("empty").toString());
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("no journal at"), r.err());
  }
}
