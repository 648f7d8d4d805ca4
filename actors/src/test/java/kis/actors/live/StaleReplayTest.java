package kis.actors.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import kis.actors.agent.Agent;
import kis.actors.agent.AgentSettings;
import kis.actors.agent.OrderPort;
import kis.actors.agent.Recoveries;
import kis.actors.agent.RecoveryGiveUps;
import kis.actors.live.OverlappingReplaysJournal.Step;
import kis.journal.AgentId;
import kis.journal.Symbol;
import kis.journal.state.AgentState;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.PersistenceTestKitSnapshotPlugin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A replay the journal did not finish in time is not cancelled: it runs on and sends its events to
 * the same agent while the agent's next try replays, and Pekko folds whatever arrives. The agent
 * folds an event only if it is the next in sequence and completes only at the event its replay ended
 * at, so the books it recovers are the journal's fold, each event once, whatever a stale replay
 * sends; a try an earlier try's replay could reach is retried and not counted as damage, however
 * many tries that replay outlasts, and is shown in the agent's RECOVERING row. A real gap in what
 * the journal replays, seen on tries no earlier replay could reach, still ends the agent DAMAGED
 * after {@code max-recovery-failures} tries.
 */
class StaleReplayTest {
  static final ActorTestKit KIT = ActorTestKit.create(OverlappingReplaysJournal.config(300)
      .withFallback(PersistenceTestKitSnapshotPlugin.getInstance().config())
      .withFallback(ConfigFactory.parseString("pekko.loglevel = ERROR")));
  static final AtomicInteger runs = new AtomicInteger();

  @AfterAll
  static void shutdown() {
    KIT.shutdownTestKit();
  }

  /** Backoff 20..100 ms, stopped as damaged after 3 failed recoveries in a row (the shipped default). */
  static AgentSettings settings(AgentId id) {
    return new AgentSettings(id, AgentSettings.of(id).costs(), 500, 2, Duration.ofMillis(20), Duration.ofMillis(100),
        0.1, 3);
  }

  static String journalOf(AgentId id) {
    return Agent.persistenceId(id).id();
  }

  /** Journals seven events through a first run of the agent, stops it and returns its books: the true fold. */
  static AgentState journaled(AgentId id) {
    ActorRef<Agent.Command> agent = KIT.spawn(Agent.create(settings(id), KIT.<OrderPort>createTestProbe().getRef(),
        Clock.systemUTC()));
    TestProbe<StatusReply<Done>> ack = KIT.createTestProbe();
    for (int i = 1; i <= 3; i++) {
      agent.tell(new Agent.CorrectPosition(Symbol.of("005930"), 10L * i, 70_000 + i, "c" + i, "account", ack.getRef()));
      ack.receiveMessage(Duration.ofSeconds(10));
      agent.tell(new Agent.Park("check " + i, ack.getRef()));
      ack.receiveMessage(Duration.ofSeconds(10));
      if (i < 3) {
        agent.tell(new Agent.Resume("operator", ack.getRef()));
        ack.receiveMessage(Duration.ofSeconds(10));
      }
    }
    AgentState truth = stateOf(agent);
    assertEquals(8, truth.eventCount());
    KIT.stop(agent, Duration.ofSeconds(10));
    return truth;
  }

  static AgentState stateOf(ActorRef<Agent.Command> agent) {
    TestProbe<AgentState> state = KIT.createTestProbe();
    agent.tell(new Agent.GetState(state.getRef())); // stashed until the agent has recovered
    return state.receiveMessage(Duration.ofSeconds(20));
  }

  static ActorRef<Agent.Command> restart(AgentId id) {
    return KIT.spawn(Agent.create(settings(id), KIT.<OrderPort>createTestProbe().getRef(), Clock.systemUTC()));
  }

  @Test
  void aStaleReplaysEventsInterleavedWithTheNextTrysAreNeverFoldedAndTheBooksAreTheJournalsFold() {
    AgentId id = new AgentId("stale" + runs.incrementAndGet());
    AgentState truth = journaled(id);
    // Try 1 gets nothing in time and its replay runs on; try 2 receives each event twice, once from each.
    OverlappingReplaysJournal.script(journalOf(id), Step.HOLD, Step.INTERLEAVE_HELD);

    AgentState recovered = stateOf(restart(id));
    assertEquals(truth.stateHash(), recovered.stateHash(), () -> "folded " + recovered.eventCount() + " events");
    assertEquals(truth.eventCount(), recovered.eventCount(), "each event folded once");
    assertTrue(OverlappingReplaysJournal.replays(journalOf(id)) >= 3, "the overlapped try was failed and retried");
    assertTrue(RecoveryGiveUps.get(KIT.system()).of(id).isEmpty(), "interference is not damage");
  }

  @Test
  void aStaleReplaysEndDoesNotCompleteTheNextTryOnBooksMissingItsEvents() {
    AgentId id = new AgentId("stale" + runs.incrementAndGet());
    AgentState truth = journaled(id);
    // Try 1 gets nothing in time; try 2 hears try 1's replay end at #8 before any event of its own
    // (and its own replay is held in turn, to be interleaved with try 3's and end after it).
    OverlappingReplaysJournal.script(journalOf(id), Step.HOLD, Step.END_HELD, Step.INTERLEAVE_HELD);

    AgentState recovered = stateOf(restart(id));
    assertEquals(truth.stateHash(), recovered.stateHash(), () -> "folded " + recovered.eventCount() + " events");
    assertTrue(RecoveryGiveUps.get(KIT.system()).of(id).isEmpty(), "interference is not damage");
  }

  @Test
  void aGapInWhatTheJournalReplaysEndsTheAgentDamagedEvenAfterASlowTry() {
    AgentId id = new AgentId("stale" + runs.incrementAndGet());
    journaled(id);
    OverlappingReplaysJournal.skipAlways(journalOf(id), 4);
    // Try 2 meets the slow try 1's replay (let go), which then ends: the tries after it are clean.
    OverlappingReplaysJournal.script(journalOf(id), Step.HOLD, Step.INTERLEAVE_HELD);

    ActorRef<Agent.Command> agent = restart(id);
    KIT.createTestProbe().expectTerminated(agent, Duration.ofSeconds(20));
    String why = RecoveryGiveUps.get(KIT.system()).of(id).orElseThrow();
    assertTrue(why.contains("recovery failed 3 times in a row") && why.contains("replay out of sequence")
        && why.contains("event(s) skipped"), why);
    assertTrue(OverlappingReplaysJournal.replays(journalOf(id)) >= 5, "the slow try, the one let go, 3 counted");
  }

  @Test
  void aStaleReplayOutlastingMoreTriesThanTheDamageLimitIsNeverCountedAndItsTriesAreShownRecovering()
      throws InterruptedException {
    AgentId id = new AgentId("stale" + runs.incrementAndGet());
    AgentState truth = journaled(id);
    // Try 1 gets nothing in time and its replay runs on through four tries that meet it, and the
    // plain tries after them, until the journal finally ends it.
    OverlappingReplaysJournal.script(journalOf(id), Step.HOLD, Step.INTERLEAVE_HELD_RUNNING_ON,
        Step.INTERLEAVE_HELD_RUNNING_ON, Step.INTERLEAVE_HELD_RUNNING_ON, Step.INTERLEAVE_HELD_RUNNING_ON);
    ActorRef<Agent.Command> agent = restart(id);

    LiveHarness.awaitTrue(() -> "tries past the damage limit, or a give-up: " + Recoveries.get(KIT.system()).of(id),
        Duration.ofSeconds(20), () -> RecoveryGiveUps.get(KIT.system()).of(id).isPresent()
            || Recoveries.get(KIT.system()).of(id).map(r -> r.interferedTries() >= 6).orElse(false));
    assertTrue(RecoveryGiveUps.get(KIT.system()).of(id).isEmpty(), () -> "interference is not damage: "
        + RecoveryGiveUps.get(KIT.system()).of(id).orElse(""));
    String shown = Recoveries.get(KIT.system()).of(id).orElseThrow().describe();
    assertTrue(shown.contains("interfered") && shown.contains("still running") && shown.contains("not damage"), shown);

    OverlappingReplaysJournal.endHeld(journalOf(id));
    AgentState recovered = stateOf(agent);
    assertEquals(truth.stateHash(), recovered.stateHash(), () -> "folded " + recovered.eventCount() + " events");
    assertTrue(Recoveries.get(KIT.system()).of(id).isEmpty(), "recovered: no longer shown recovering");
  }
}
