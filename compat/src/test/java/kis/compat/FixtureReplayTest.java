package kis.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import kis.actors.agent.Agent;
import kis.actors.agent.AgentSettings;
import kis.actors.agent.OrderPort;
import kis.actors.live.LiveEngine;
import kis.actors.live.GenerationFile;
import kis.actors.manager.JournalHealth;
import kis.actors.risk.CancelAllWorkingOrders;
import kis.actors.risk.KillSwitch;
import kis.actors.risk.KillSwitchState;
import kis.compat.ReplayFixture.Books;
import kis.engine.Main;
import kis.engine.journal.EngineConfig;
import kis.engine.journal.JournalStartCheck;
import kis.engine.journal.LevelDbBackend;
import kis.journal.AgentId;
import kis.journal.state.AgentState;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing a user has breaks: the data dir today's engine wrote ({@link ReplayFixture}, README in
 * the fixture folder) opens with the current code to the same books, to the won and to the state
 * hash. The expected values are literals copied from what the writer printed when the fixture was
 * written; they are never recomputed here. A change to what a journal, a snapshot or the state
 * hash holds (a renamed event, a new field in {@code OrderSpec} or {@code Position}, which the
 * hash renders through their {@code toString()}) fails here: then old data must still read the
 * same (schema evolution, a hash that renders the new field only when it is not the old default),
 * or the change is a deliberate break that needs a migration and a new fixture.
 *
 * <p>Every test works on a copy: opening LevelDB rewrites its files.
 */
@ExtendWith(LogCapturingExtension.class)
class FixtureReplayTest {
  /** Per journal, as the writer printed them for this fixture. */
  static final List<Books> PINNED = List.of(
      new Books("fx-doubt", "2fc82d19ea01d29a57eb1f247c6fb1a9666539cad258fa9e95a6da2bbb250e03", 6L,
          "{000660=2 sh cost 257000 realized 0}", -257036L, 0L, 36L, 0L, "", false, null),
      new Books("fx-fresh", "c2f44088e27b52aa2c10c769d31f42486e27c4fc1cab33694033925446e1754d", 4L,
          "{035420=3 sh cost 555000 realized 0}", -555077L, 0L, 77L, 0L, "", true, "fixture: before a fresh start"),
      new Books("fx-fresh.g1", "dcd33162ae368cbfc31be73c044afaebb3dd76eeb696a01208f79b0ac82e4122", 4L,
          "{035420=0 sh cost 0 realized 1500}", 555309L, 1500L, 78L, 1113L, "", false, null),
      new Books("fx-parked", "02cddf44c793f941a938ada37f78a6f4f2cf16da7a6a8e12c451bffce1f575c3", 4L,
          "{035720=7 sh cost 295050 realized 0}", -295091L, 0L, 41L, 0L, "", true, "fixture: parked by the operator"),
      new Books("fx-resting", "4a05eae1fd87ae60b10345c54c24a611a7b068776e886a98865bf3e2c91ec7b5", 2L, "{}", 0L, 0L,
          0L, 0L, "fx-resting-1 WORKING BUY 1 005380 @230000 filled 0 no 0000000011", false, null),
      new Books("fx-trade", "c59beb25ee304eef798ef753090200ab773de3618b94fabc91a458e5828662bc", 19L,
          "{005930=6 sh cost 426000 realized 1200}", -425509L, 1200L, 139L, 570L, "", false, null));

  private static final Map<String, Books> BY_ID =
      PINNED.stream().collect(Collectors.toMap(Books::agentId, Function.identity(), (a, b) -> a, TreeMap::new));

  @TempDir Path tmp;

  @Test
  void theCommittedFixtureIsByteForByteTheOneThePinsWereTakenFrom() throws Exception {
    Path folder = ReplayFixture.DIR;
    assertTrue(Files.isDirectory(folder.resolve(ReplayFixture.DATA)), "fixture at " + folder.toAbsolutePath());
    assertEquals(Files.readString(folder.resolve(ReplayFixture.SUMS)), ReplayFixture.sums(folder.resolve(ReplayFixture.DATA)),
        "the fixture's files changed (or were added or removed): a fixture is never rewritten; write a new one"
            + " (README in " + folder + ")");
  }

  @Test
  void theJournalToolsReplayEveryAgentToItsPinnedBooksAndStateHash() throws Exception {
    Map<String, AgentState> folded = ReplayFixture.foldAll(copy());

    assertEquals(BY_ID.keySet(), folded.keySet(), "agent journals in the fixture");
    folded.forEach((id, s) -> assertEquals(BY_ID.get(id), Books.of(s), id));
  }

  @Test
  void journalVerifyAnswersOkForEveryJournal() throws Exception {
    Path data = copy();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cli = Main.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));

    int rc = cli.execute("journal", "verify", "--dir", data.toString());

    String report = out.toString();
    assertEquals(0, rc, () -> report + err);
    for (Books b : PINNED) {
      assertTrue(report.contains("OK   " + b.agentId() + ": " + b.events() + " events, ") && report.contains(b.stateHash()),
          () -> b.agentId() + " verified OK with its hash: " + report);
    }
    assertTrue(report.contains(PINNED.size() + " agent(s) verified, 0 failed"), report);
    assertTrue(!report.contains("note: no marks file"), () -> "the fixture's marks are read: " + report);
  }

  @Test
  void theEngineRecoversEveryAgentFromJournalAndSnapshotsWithTheKillSwitchStillLatched() throws Exception {
    Path data = copy();
    Config c = ConfigFactory.parseString(String.join("\n",
            "pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off",
            "pekko.loglevel = WARNING", "pekko.stdout-loglevel = OFF"))
        .withFallback(ReplayFixture.engineConfig(data));
    // run's start check first: no journal is found damaged against its marks.
    StringWriter checkOut = new StringWriter();
    JournalHealth health = JournalStartCheck.run(data, EngineConfig.journalDir(c), LevelDbBackend.of(c),
        new PrintWriter(checkOut));
    for (Books b : PINNED) {
      assertEquals(java.util.Optional.empty(), health.damage(new AgentId(b.agentId())), () -> b.agentId() + ": " + checkOut);
    }
    // The fresh-started agent runs on its second journal; the others on their first.
    GenerationFile generations = GenerationFile.in(data);
    assertEquals(ReplayFixture.FRESH_G1, generations.current(ReplayFixture.FRESH));
    for (AgentId id : List.of(ReplayFixture.TRADE, ReplayFixture.DOUBT, ReplayFixture.PARKED, ReplayFixture.RESTING)) {
      assertEquals(id, generations.current(id));
    }

    ActorTestKit kit = ActorTestKit.create("fixture-replay", c);
    try {
      AgentSettings template = AgentSettings.fromConfig(new AgentId("template"), c.getConfig("kis-trader.agent"));
      TestProbe<OrderPort> port = kit.createTestProbe(OrderPort.class);
      Map<String, AgentState> recovered = new TreeMap<>();
      for (Books b : PINNED) {
        AgentId id = new AgentId(b.agentId());
        var agent = kit.spawn(Agent.create(AgentSettings.fromConfig(id, template.costs(), c.getConfig("kis-trader.agent")),
            port.getRef(), Clock.systemUTC()), "agent-" + b.agentId());
        TestProbe<AgentState> state = kit.createTestProbe(AgentState.class);
        agent.tell(new Agent.GetState(state.getRef()));
        AgentState s = state.receiveMessage(Duration.ofSeconds(30));
        recovered.put(b.agentId(), s);
        assertEquals(b, Books.of(s), b.agentId() + " recovered by the engine");
      }
      AgentState parked = recovered.get(ReplayFixture.PARKED.value());
      assertTrue(parked.parked(), "the parked agent stays parked");
      assertEquals(ReplayFixture.PARK_REASON, parked.parkReason());
      // The fresh start's new generation starts from the handed-over shares, and they were sold.
      assertEquals(0, recovered.get(ReplayFixture.FRESH_G1.value()).position(kis.journal.Symbol.of("035420")).quantity());
      assertEquals(1500, recovered.get(ReplayFixture.FRESH_G1.value()).realizedPnl());

      TestProbe<CancelAllWorkingOrders> cancelAll = kit.createTestProbe(CancelAllWorkingOrders.class);
      var killSwitch = kit.spawn(KillSwitch.create(LiveEngine.KILL_SWITCH_KEY, cancelAll.getRef(), Clock.systemUTC()),
          "kill-switch");
      TestProbe<KillSwitchState> latch = kit.createTestProbe(KillSwitchState.class);
      killSwitch.tell(new KillSwitch.Get(latch.getRef()));
      KillSwitchState ks = latch.receiveMessage(Duration.ofSeconds(30));
      assertTrue(ks.engaged(), "the kill switch stays latched: " + ks);
      assertEquals(ReplayFixture.KILL_REASON, ks.reason());
      assertEquals("fixture", ks.engagedBy());
      assertNotNull(ks.engagedAt());
    } finally {
      kit.shutdownTestKit();
    }
  }

  /** A copy of the fixture's data dir in this test's temporary directory. */
  private Path copy() throws Exception {
    Path data = tmp.resolve("data");
    ReplayFixture.copy(ReplayFixture.DIR.resolve(ReplayFixture.DATA), data);
    return data;
  }
}
