package kis.engine.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import kis.journal.event.AgentEvent;
import kis.journal.event.AgentParked;
import kis.journal.event.AgentResumed;
import kis.journal.state.AgentState;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.pattern.Patterns;
import org.apache.pekko.persistence.JournalProtocol;
import org.apache.pekko.persistence.Persistence;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link GroupCommitLeveldbJournal} under persistent actors, fsync on: a round trip and a
 * recovery, many writers sharing fsyncs, and a data dir moving between Pekko's LevelDB journal and
 * this one (both ways) with the same folded books ({@link AgentState#stateHash}).
 */
@ExtendWith(LogCapturingExtension.class)
class GroupCommitJournalTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Instant T = Instant.parse("2026-11-24T01:00:00Z");
  private static final String PEKKO = "org.apache.pekko.persistence.journal.leveldb.LeveldbJournal";

  record Write(int events, ActorRef<AgentState> replyTo) {}

  /** An agent's journal without its trading: parks and resumes, folded into the real books. */
  private static final class Scribe extends EventSourcedBehavior<Write, AgentEvent, AgentState> {
    private final String agent;

    Scribe(String agent) {
      super(PersistenceId.of("Agent", agent));
      this.agent = agent;
    }

    @Override
    public AgentState emptyState() {
      return AgentState.empty(agent);
    }

    @Override
    public CommandHandler<Write, AgentEvent, AgentState> commandHandler() {
      return newCommandHandlerBuilder().forAnyState().onCommand(Write.class, (s, w) -> {
        List<AgentEvent> evs = new ArrayList<>();
        for (int i = 0; i < w.events(); i++) {
          long seq = s.eventCount() + i + 1;
          evs.add(seq % 2 == 1 ? new AgentParked(agent + " park #" + seq, T.plusSeconds(seq))
              : new AgentResumed(agent + " resume #" + seq, T.plusSeconds(seq)));
        }
        return Effect().persist(evs).thenReply(w.replyTo(), n -> n);
      }).build();
    }

    @Override
    public EventHandler<AgentState, AgentEvent> eventHandler() {
      return newEventHandlerBuilder().forAnyState().onAnyEvent(AgentState::apply);
    }
  }

  static Behavior<Write> scribe(String agent) {
    return new Scribe(agent);
  }

  /** The engine's configuration with group commit (its default) or without, or with {@code journalClass}. */
  private static Config config(Path data, boolean groupCommit, String journalClass) {
    String cls = journalClass != null ? journalClass
        : (groupCommit ? GroupCommitLeveldbJournal.class : MarkedLeveldbJournal.class).getName();
    return ConfigFactory.parseString("pekko.persistence.journal.leveldb.class = \"" + cls + "\"")
        .withFallback(EngineConfig.load(Optional.empty(), Optional.of(data)));
  }

  /** Each agent writes {@code writes} single-event writes, all agents at once; their books after. */
  private static Map<String, AgentState> writeConcurrently(ActorTestKit kit, List<String> agents, int writes) {
    Map<String, TestProbe<AgentState>> probes = new LinkedHashMap<>();
    Map<String, ActorRef<Write>> refs = new LinkedHashMap<>();
    for (String a : agents) {
      probes.put(a, kit.createTestProbe());
      refs.put(a, kit.spawn(scribe(a)));
    }
    for (int i = 0; i < writes; i++) {
      for (String a : agents) {
        refs.get(a).tell(new Write(1, probes.get(a).getRef()));
      }
    }
    Map<String, AgentState> last = new LinkedHashMap<>();
    for (String a : agents) {
      for (int i = 0; i < writes; i++) {
        last.put(a, probes.get(a).receiveMessage(WAIT));
      }
    }
    return last;
  }

  /** Each agent recovered in a fresh scribe, its books as recovery folded them. */
  private static Map<String, AgentState> recover(ActorTestKit kit, List<String> agents) {
    Map<String, AgentState> books = new LinkedHashMap<>();
    for (String a : agents) {
      TestProbe<AgentState> p = kit.createTestProbe();
      kit.spawn(scribe(a)).tell(new Write(0, p.getRef()));
      books.put(a, p.receiveMessage(WAIT));
    }
    return books;
  }

  private static Map<String, String> hashes(Map<String, AgentState> books) {
    Map<String, String> h = new LinkedHashMap<>();
    books.forEach((a, s) -> h.put(a, s.eventCount() + ":" + s.stateHash()));
    return h;
  }

  private static List<String> agents(int n) {
    List<String> l = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      l.add("gc-" + i);
    }
    return l;
  }

  private static GroupCommitLeveldbJournal.Stats stats(ActorTestKit kit) throws Exception {
    org.apache.pekko.actor.ActorRef journal = Persistence.get(Adapter.toClassic(kit.system()))
        .journalFor("pekko.persistence.journal.leveldb", ConfigFactory.empty());
    return (GroupCommitLeveldbJournal.Stats) Patterns.ask(journal, GroupCommitLeveldbJournal.GetStats.INSTANCE, WAIT)
        .toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  @Test
  void eventsPersistedThroughGroupCommitRecoverIntoTheSameBooksAndPassTheJournalCheck(@TempDir Path dir)
      throws Exception {
    Path data = dir.resolve("data");
    List<String> agents = agents(10);
    // The engine's default configuration journals through group commit.
    Config c = EngineConfig.load(Optional.empty(), Optional.of(data));
    assertEquals(GroupCommitLeveldbJournal.class.getName(), c.getString("pekko.persistence.journal.leveldb.class"));
    ActorTestKit kit = ActorTestKit.create("gc-write", c);
    Map<String, AgentState> written;
    GroupCommitLeveldbJournal.Stats s;
    try {
      written = writeConcurrently(kit, agents, 30);
      s = stats(kit);
    } finally {
      kit.shutdownTestKit();
    }
    written.values().forEach(st -> assertEquals(30, st.eventCount()));
    assertEquals(300, s.requests());
    // Ten actors with a write each in flight: whatever queued behind an fsync shared the next one.
    assertTrue(s.commits() < s.requests(), "commits " + s.commits() + " of " + s.requests() + " writes");

    ActorTestKit again = ActorTestKit.create("gc-recover", config(data, true, null));
    try {
      assertEquals(hashes(written), hashes(recover(again, agents)));
    } finally {
      again.shutdownTestKit();
    }
    // The group-commit writer marked every event, and its marks agree with LevelDB: the start
    // check finds nothing to say (no damage, no mark to adopt or advance).
    Map<String, JournalMarks.Mark> marks = JournalMarks.load(JournalMarks.fileFor(data.resolve("journal"))).marks();
    assertEquals(agents.size(), marks.size());
    marks.values().forEach(m -> assertEquals(30, m.seq(), m.toString()));
    List<String> said = new ArrayList<>();
    JournalGate.Outcome o = JournalGate.check(data, data.resolve("journal"), LevelDbBackend.NATIVE, said::add);
    assertEquals(Map.of(), o.damaged());
    assertEquals(List.of(), said);
  }

  @Test
  void aReplayWithNothingToReplayEndsAtTheHighestNumberAndOneWithEventsReplaysThemThenEnds(@TempDir Path dir) {
    ActorTestKit kit = ActorTestKit.create("gc-replays", config(dir.resolve("data"), true, null));
    try {
      writeConcurrently(kit, List.of("gc-r"), 3);
      org.apache.pekko.actor.ActorRef journal = Persistence.get(Adapter.toClassic(kit.system()))
          .journalFor("pekko.persistence.journal.leveldb", ConfigFactory.empty());
      TestProbe<Object> recovering = kit.createTestProbe();
      org.apache.pekko.actor.ActorRef to = Adapter.toClassic(recovering.getRef());

      // After a snapshot at the last event (the journal answers it without Pekko's replay filter).
      journal.tell(new JournalProtocol.ReplayMessages(4, Long.MAX_VALUE, Long.MAX_VALUE, "Agent|gc-r", to), null);
      assertEquals(new JournalProtocol.RecoverySuccess(3), recovering.receiveMessage(WAIT));
      // An id never written, and a recovery that replays nothing by choice: the highest number still.
      journal.tell(new JournalProtocol.ReplayMessages(1, Long.MAX_VALUE, Long.MAX_VALUE, "Agent|nobody", to), null);
      assertEquals(new JournalProtocol.RecoverySuccess(0), recovering.receiveMessage(WAIT));
      journal.tell(new JournalProtocol.ReplayMessages(1, 0, Long.MAX_VALUE, "Agent|gc-r", to), null);
      assertEquals(new JournalProtocol.RecoverySuccess(3), recovering.receiveMessage(WAIT));
      // With events: Pekko's replay, in order, then the end.
      journal.tell(new JournalProtocol.ReplayMessages(2, Long.MAX_VALUE, Long.MAX_VALUE, "Agent|gc-r", to), null);
      List<Long> replayed = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        replayed.add(((JournalProtocol.ReplayedMessage) recovering.receiveMessage(WAIT)).persistent().sequenceNr());
      }
      assertEquals(List.of(2L, 3L), replayed);
      assertEquals(new JournalProtocol.RecoverySuccess(3), recovering.receiveMessage(WAIT));
      recovering.expectNoMessage(Duration.ofMillis(200));
    } finally {
      kit.shutdownTestKit();
    }
  }

  @Test
  void aDataDirWrittenByPekkosLevelDbJournalRecoversThroughGroupCommitAndBack(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("data");
    List<String> agents = agents(4);
    // Pekko's journal creates its dir but not the parent (MarkedLeveldbJournal does that).
    Files.createDirectories(data);
    ActorTestKit pekko = ActorTestKit.create("pekko-write", config(data, false, PEKKO));
    Map<String, AgentState> byPekko;
    try {
      byPekko = writeConcurrently(pekko, agents, 25);
    } finally {
      pekko.shutdownTestKit();
    }
    assertTrue(Files.notExists(JournalMarks.fileFor(data.resolve("journal"))), "Pekko's journal keeps no marks");

    ActorTestKit ours = ActorTestKit.create("gc-continue", config(data, true, null));
    Map<String, AgentState> continued;
    try {
      assertEquals(hashes(byPekko), hashes(recover(ours, agents)));
      continued = writeConcurrently(ours, agents, 5);
    } finally {
      ours.shutdownTestKit();
    }
    continued.values().forEach(st -> assertEquals(30, st.eventCount()));

    ActorTestKit back = ActorTestKit.create("pekko-read", config(data, false, PEKKO));
    try {
      assertEquals(hashes(continued), hashes(recover(back, agents)));
    } finally {
      back.shutdownTestKit();
    }
    // The offline reader (raw keys) folds the same books.
    try (JournalReader r = JournalReader.open(data, config(data, false, null))) {
      for (String a : agents) {
        List<AgentEvent> evs = r.events("Agent|" + a).stream().map(JournalReader.Entry::event).toList();
        assertEquals(continued.get(a).stateHash(), AgentState.fold(a, evs).stateHash());
      }
    }
  }

  @Test
  void aWriteIsConfirmedBeforeItsMarkAndAMarksFailureRefusesEveryLaterWrite(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("data");
    Path marksFile = JournalMarks.fileFor(data.resolve("journal"));
    ActorTestKit kit = ActorTestKit.create("gc-marks", config(data, true, null));
    try {
      assertEquals(5, writeConcurrently(kit, List.of("gc-m"), 5).get("gc-m").eventCount());
    } finally {
      kit.shutdownTestKit();
    }
    // A mark that contradicts LevelDB at #3: the marks thread's next chain rebuild refuses to mark over it.
    JournalMarks.rewrite(marksFile, List.of(new JournalMarks.Mark("Agent|gc-m", 3, "0".repeat(64))));

    ActorTestKit again = ActorTestKit.create("gc-marks-broken", config(data, true, null));
    try {
      TestProbe<AgentState> p = again.createTestProbe();
      ActorRef<Write> scribe = again.spawn(scribe("gc-m"));
      // #6 is confirmed once LevelDB holds it; its mark fails afterwards, on the marks thread.
      scribe.tell(new Write(1, p.getRef()));
      assertEquals(6, p.receiveMessage(WAIT).eventCount());
      // A recovery reads behind the writes and marks submitted before it, so the failure is known now.
      assertEquals(0, recover(again, List.of("gc-other")).get("gc-other").eventCount());
      scribe.tell(new Write(1, p.getRef()));
      p.expectTerminated(scribe, WAIT); // the persist failed: the write was refused
    } finally {
      again.shutdownTestKit();
    }
    JournalMarks.rewrite(marksFile, List.of());
    ActorTestKit third = ActorTestKit.create("gc-marks-after", config(data, true, null));
    try {
      assertEquals(6, recover(third, List.of("gc-m")).get("gc-m").eventCount(), "#6 durable, #7 never written");
    } finally {
      third.shutdownTestKit();
    }
  }

  @Test
  void thePureJavaLevelDbWorksUnderGroupCommit(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("data");
    List<String> agents = agents(3);
    Config java = ConfigFactory.parseString("pekko.persistence.journal.leveldb.native = off")
        .withFallback(config(data, true, null));
    ActorTestKit kit = ActorTestKit.create("gc-java", java);
    Map<String, AgentState> written;
    try {
      written = writeConcurrently(kit, agents, 10);
    } finally {
      kit.shutdownTestKit();
    }
    ActorTestKit again = ActorTestKit.create("gc-java-recover", java);
    try {
      assertEquals(hashes(written), hashes(recover(again, agents)));
    } finally {
      again.shutdownTestKit();
    }
  }
}
