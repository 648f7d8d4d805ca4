package kis.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.time.Duration;
import kis.actors.agent.Agent;
import kis.actors.agent.StrategyHost;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import kis.engine.journal.EngineConfig;
import kis.journal.state.AgentState;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import kis.engine.journal.JournalFixture;
import kis.engine.journal.JournalMarks;
import org.fusesource.leveldbjni.JniDBFactory;
import org.iq80.leveldb.DB;
import org.iq80.leveldb.Options;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Each damage a disk, a bad copy or a careless person can do to a journal, on copies of one
 * written through the engine's journal plugin: {@code victim} (300 events, the last 150 in the
 * newest {@code .log}, the first 150 in a table) and {@code bystander} (50 events, in the table),
 * written in commits of 5 events; the first 200 with the journal's marks thread held until the last
 * of them was written, so their marks were appended in one go, as a marks thread behind under a CPU
 * hog appends them.
 * {@code journal verify} reports each; {@code run} refuses a journal that lost its CURRENT and
 * deletes nothing.
 */
@ExtendWith(LogCapturingExtension.class)
class JournalDamageTest {
  @TempDir static Path shared;
  static Path fixture;

  @TempDir Path dir;

  @BeforeAll
  static void writeFixture() {
    fixture = shared.resolve("fixture");
    Map<String, Integer> first = new LinkedHashMap<>();
    first.put("victim", 150);
    first.put("bystander", 50);
    JournalFixture.writeWithMarksLagging(fixture, first, 5);
    // Reopening turns the first .log into a table; the victim's later events go to a new .log.
    JournalFixture.write(fixture, Map.of("victim", 150), 5);
  }

  record Run(int exitCode, String out, String err) {}

  static Run cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int rc = Main.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    return new Run(rc, out.toString(), err.toString());
  }

  private Path copy() throws IOException {
    return JournalFixture.copy(fixture, dir.resolve("data"));
  }

  private static Run verify(Path data) {
    return cli("journal", "verify", "--dir", data.toString());
  }

  private static Path newestLog(Path data) throws IOException {
    List<Path> logs = JournalFixture.files(data.resolve("journal"), ".log");
    return logs.get(logs.size() - 1);
  }

  private static Path table(Path data) throws IOException {
    List<Path> t = JournalFixture.files(data.resolve("journal"), ".sst");
    t = t.isEmpty() ? JournalFixture.files(data.resolve("journal"), ".ldb") : t;
    assertEquals(1, t.size(), "the fixture has one table: " + t);
    return t.get(0);
  }

  private static void overwrite(Path file, long at, int length) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(at);
      f.write(new byte[length]);
    }
  }

  @Test
  void theUndamagedFixtureVerifiesAgainstItsMarks() throws IOException {
    Path data = copy();
    assertTrue(Files.exists(JournalMarks.fileFor(data.resolve("journal"))));
    Run r = verify(data);
    assertEquals(0, r.exitCode(), r.out() + r.err());
    assertTrue(r.out().contains("OK   victim: 300 events"), r.out());
    assertTrue(r.out().contains("mark #300"), r.out());
    assertTrue(r.out().contains("OK   bystander: 50 events"), r.out());
  }

  @Test
  void aTruncatedNewestLogIsALostTail() throws IOException {
    Path data = copy();
    Path log = newestLog(data);
    try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "rw")) {
      f.setLength(f.length() / 2);
    }
    Run r = verify(data);
    assertEquals(1, r.exitCode(), r.out() + r.err());
    assertTrue(r.out().contains("FAIL victim: DAMAGED"), r.out());
    assertTrue(r.out().contains("lost tail: the mark says #300 was written"), r.out());
    assertTrue(r.out().contains("OK   bystander: 50 events"), r.out());
  }

  @Test
  void repairBacksUpKeepsTheProvableEventsParksTheAgentAndVerifiesAfterwards() throws IOException {
    Path data = copy();
    Path log = newestLog(data);
    try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "rw")) {
      f.setLength(f.length() / 2);
    }
    long truncatedSize = Files.size(log);
    Run r = cli("journal", "repair", "--dir", data.toString());
    assertEquals(0, r.exitCode(), r.out() + r.err());
    assertTrue(r.out().contains("REPAIRED Agent|victim: kept #1.."), r.out());
    assertTrue(r.out().contains("was: lost tail"), r.out());
    assertTrue(r.out().contains("1 journal(s) repaired"), r.out());
    Path backup = Path.of(r.out().lines().filter(l -> l.startsWith("backup: ")).findFirst().orElseThrow().substring(8));
    assertEquals(truncatedSize, Files.size(backup.resolve("journal").resolve(log.getFileName())),
        "the backup holds the journal as it was before the repair");
    assertTrue(Files.exists(backup.resolve("journal.marks")));

    Run after = verify(data);
    assertEquals(0, after.exitCode(), after.out() + after.err());
    assertTrue(after.out().contains("OK   bystander: 50 events"), after.out());
    Run inspect = cli("journal", "inspect", "--dir", data.toString(), "--agent", "victim", "--state-only");
    assertTrue(inspect.out().contains("journal repaired"), "the repaired agent comes up parked: " + inspect.out());
  }

  @Test
  void repairOfAFlippedBitKeepsEveryCommitBeforeTheDamagedOneEvenWhenTheMarksThreadLagged() throws IOException {
    Path data = copy();
    flipBit(data.resolve("journal"), "Agent|victim", 100);
    Run r = cli("journal", "repair", "--dir", data.toString(), "--agent", "victim");
    assertEquals(0, r.exitCode(), r.out() + r.err());
    // Written in commits of 5 and marked per commit although the marks thread marked them all at
    // once: #100's commit (#96..#100) no longer matches its mark, every commit before it does.
    assertTrue(r.out().contains("REPAIRED Agent|victim: kept #1..#95, dropped 205 stored event(s)"), r.out());
    assertEquals(0, verify(data).exitCode());
  }

  @Test
  void aLogCorruptedMidFileIsFound() throws IOException {
    Path data = copy();
    Path log = newestLog(data);
    overwrite(log, Files.size(log) / 3, 64);
    Run r = verify(data);
    assertEquals(1, r.exitCode(), r.out() + r.err());
    assertTrue(r.out().contains("FAIL victim: DAMAGED"), r.out());
    assertTrue(r.out().contains("OK   bystander: 50 events"), r.out());
  }

  @Test
  void aCorruptedTableIsFound() throws IOException {
    Path data = copy();
    Path t = table(data);
    overwrite(t, Files.size(t) / 3, 64);
    Run r = verify(data);
    assertEquals(1, r.exitCode(), r.out() + r.err());
    assertTrue(r.out().contains("FAIL victim: DAMAGED"), r.out());
    assertTrue(r.out().contains("OK   bystander: 50 events"), r.out());
    Run export = cli("journal", "export", "--dir", data.toString(), "--agent", "victim");
    assertEquals(2, export.exitCode(), "export fails at once, naming the damage: " + export.err());
    assertTrue(export.err().contains("reading the journal failed after"), export.err());
  }

  /** A bit flipped before LevelDB's checksums saw it (in memory, by a copy tool): only the mark's hash tells. */
  @Test
  void aSingleFlippedBitIsFoundByTheMarksHash() throws IOException {
    Path data = copy();
    flipBit(data.resolve("journal"), "Agent|victim", 100);
    Run r = verify(data);
    assertEquals(1, r.exitCode(), r.out() + r.err());
    assertTrue(r.out().contains("FAIL victim: DAMAGED"), r.out());
    assertTrue(r.out().contains("differ from what was written"), r.out());
    assertTrue(r.out().contains("OK   bystander: 50 events"), r.out());
  }

  @Test
  void aDeletedCurrentIsRefusedByVerifyAndByRunWhichDeletesNothing() throws Exception {
    Path data = copy();
    Files.delete(data.resolve("journal/CURRENT"));
    List<Path> before = JournalFixture.files(data.resolve("journal"), "");
    Run r = verify(data);
    assertEquals(2, r.exitCode(), r.out() + r.err());
    assertTrue(r.err().contains("has no CURRENT file"), r.err());

    Path conf = dir.resolve("engine.conf");
    Files.writeString(conf, "kis-trader.agents = []\npekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off\n"
        + "kis.dashboard.port = 0\n");
    RunCommand.StartFailure e = assertThrows(RunCommand.StartFailure.class, () -> RunCommand.start(
        EngineConfig.load(Optional.of(conf), Optional.of(data)), new PrintWriter(new StringWriter())));
    assertEquals(RunCommand.UNAVAILABLE, e.exitCode);
    assertTrue(e.getMessage().contains("has journal history"), e.getMessage());
    assertTrue(e.getMessage().contains("CURRENT is missing"), e.getMessage());
    assertTrue(e.getMessage().contains(data.toAbsolutePath().toString()), e.getMessage());
    assertEquals(before, JournalFixture.files(data.resolve("journal"), ""), "nothing created or deleted");
    assertFalse(Files.exists(data.resolve("journal/CURRENT")));
  }

  @Test
  void theEngineNeverStartsADamagedAgentAndTheOthersTradeOn() throws Exception {
    Path data = copy();
    flipBit(data.resolve("journal"), "Agent|victim", 100);
    List<Path> tables = JournalFixture.files(data.resolve("journal"), ".sst");
    Path conf = dir.resolve("engine.conf");
    Files.writeString(conf, "kis-trader.agents = [\n"
        + agent("victim", "005930") + agent("bystander", "000660") + "]\n"
        + "pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off\nkis.dashboard.port = 0\n");
    StringWriter log = new StringWriter();
    RunCommand.Engine engine = RunCommand.start(EngineConfig.load(Optional.of(conf), Optional.of(data)),
        new PrintWriter(log));
    try {
      assertTrue(log.toString().contains("Journal of agent victim is DAMAGED; the agent is not started"), log.toString());
      // A bound, not a speed claim: at a load of 45 on 2 cores the first reconciliation took over 60 s.
      long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
      AgentState bystander = null;
      StrategyHost.HostStatus host = null;
      while (System.nanoTime() < deadline) {
        Optional<kis.actors.live.AgentRunner.Refs> b = kis.actors.live.LocalAgents.refs(engine.system,
            engine.handles.runners(), new kis.journal.AgentId("bystander"), Duration.ofSeconds(5))
            .toCompletableFuture().get().filter(r -> r.agent().isPresent());
        if (b.isPresent()) {
          bystander = AskPattern.<Agent.Command, AgentState>ask(b.get().agent().get(), Agent.GetState::new,
              Duration.ofSeconds(5), engine.system.scheduler()).toCompletableFuture().get();
          host = AskPattern.<StrategyHost.Command, StrategyHost.HostStatus>ask(b.get().host().get(),
              StrategyHost.GetStatus::new, Duration.ofSeconds(5), engine.system.scheduler()).toCompletableFuture().get();
          if (host.tradingEnabled() && (host.intents() > 0 || bystander.nextOrderSeq() > 1)) {
            break; // cleared to trade after the first reconcile, and its strategy is placing orders
          }
        }
        java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(200).toNanos()); // poll pacing, not a wait for time
      }
      assertTrue(host != null && host.tradingEnabled() && (host.intents() > 0 || bystander.nextOrderSeq() > 1),
          "the bystander trades on: " + host + " " + bystander + "\n" + log + "\nengine log:\n" + engineLog(data));
      kis.journal.AgentId victimId = new kis.journal.AgentId("victim");
      kis.actors.handle.AgentView victim = new kis.actors.handle.LocalEngineHandle(engine.system, engine.handles,
          java.time.Clock.systemUTC()).books(victimId).toCompletableFuture().get().orElseThrow();
      assertTrue(victim.damage().isPresent(), victim.toString());
      assertFalse(victim.running(), victim.toString());
      assertTrue(kis.actors.live.LocalAgents.refs(engine.system, engine.handles.runners(), victimId,
          Duration.ofSeconds(5)).toCompletableFuture().get().orElseThrow().agent().isEmpty(),
          "a damaged agent is never started");
    } finally {
      engine.stop();
    }
    for (Path t : tables) {
      assertTrue(Files.exists(t), "the engine deleted " + t);
    }
    assertEquals(1, verify(data).exitCode(), "the damage is still there to be repaired");
  }

  private static String agent(String id, String symbol) {
    return "{ id = " + id + ", symbol = \"" + symbol + "\", strategy { name = kis.actors.live.DemoRoundTrip, params {"
        + " symbol = \"" + symbol + "\", quantity = 1, hold-trades = 1 } } }\n";
  }

  /** Flips the lowest bit of one event's stored bytes through LevelDB, so its checksums still hold. */
  static void flipBit(Path journalDir, String pid, long seq) throws IOException {
    try (DB db = JniDBFactory.factory.open(journalDir.toFile(), new Options().createIfMissing(false))) {
      int nid = -1;
      try (var it = db.iterator()) {
        it.seek(key(1, 0, 10));
        while (it.hasNext()) {
          var e = it.next();
          ByteBuffer k = ByteBuffer.wrap(e.getKey());
          if (k.getInt() != 1) {
            break;
          }
          k.getLong();
          int mapped = k.getInt();
          if (new String(e.getValue(), java.nio.charset.StandardCharsets.UTF_8).equals(pid)) {
            nid = mapped;
          }
        }
      }
      byte[] key = key(nid, seq, 0);
      byte[] v = db.get(key);
      v[v.length / 2] ^= 1;
      db.put(key, v);
    }
  }

  static byte[] key(int nid, long seq, int mapping) {
    return ByteBuffer.allocate(20).putInt(nid).putLong(seq).putInt(mapping).array();
  }

  /** The engine's own log (INFO and up), for a failure's message: the test's capture keeps WARN and up only. */
  private static String engineLog(Path data) {
    try (var lines = Files.lines(data.resolve("log/kis-trader.log"))) {
      List<String> all = lines.toList();
      return String.join("\n", all.subList(Math.max(0, all.size() - 80), all.size()));
    } catch (IOException | java.io.UncheckedIOException e) {
      return "(unreadable: " + e + ")";
    }
  }
}
