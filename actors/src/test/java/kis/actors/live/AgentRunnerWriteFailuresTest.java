package kis.actors.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import kis.actors.agent.Agent;
import kis.actors.agent.AgentConfig;
import kis.actors.agent.AgentSettings;
import kis.actors.live.SlowWritesJournal.Outcome;
import kis.journal.AgentId;
import kis.journal.Symbol;
import kis.journal.calendar.SessionSchedule;
import kis.journal.risk.RiskLimits;
import kis.journal.state.AgentState;
import kis.strategies.StrategyContext;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.PersistenceTestKitSnapshotPlugin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the agent runner's status (the dashboard's row, {@code status}) shows of an agent whose
 * journal writes fail for real: recovering, with the count toward parking, while each failure's
 * restart recovers; and an event the journal rejects (it cannot be serialized) counts the same and
 * ends the agent parked, its runner never stopped and restarted over it.
 */
class AgentRunnerWriteFailuresTest {
  static final ActorTestKit KIT = ActorTestKit.create(SlowWritesJournal.config(50)
      .withFallback(PersistenceTestKitSnapshotPlugin.getInstance().config())
      .withFallback(ConfigFactory.parseString("pekko.loglevel = ERROR")));
  static final AtomicInteger runs = new AtomicInteger();

  @AfterEach
  void answerEveryRead() {
    SlowWritesJournal.release();
  }

  @AfterAll
  static void stop() {
    KIT.shutdownTestKit();
  }

  static ActorRef<AgentRunner.Command> runner(AgentId id) {
    AgentConfig config = new AgentConfig(id, Symbol.of("005930"), TimerTrader.class.getName(),
        Map.of("symbol", "005930", "every-ms", 1_000), AgentConfig.RiskLimits.NONE, 10_000_000);
    AgentRunner.Setup setup = new AgentRunner.Setup(List.of(config),
        a -> new AgentSettings(a, AgentSettings.of(a).costs(), 500, 2, Duration.ofMillis(20),
            Duration.ofMillis(100), 0.1, 3),
        RiskLimits.defaults(), KIT.<AccountDesk.Command>createTestProbe().getRef(), Clock.systemUTC(),
        SessionSchedule.alwaysOpen(StrategyContext.KST), 5, Duration.ofMinutes(10), Duration.ofSeconds(30),
        GenerationFile.inMemory());
    ActorRef<AgentRunner.Command> runner = KIT.spawn(AgentRunner.create(id.value(), setup));
    books(runner); // recovered
    return runner;
  }

  static AgentState books(ActorRef<AgentRunner.Command> runner) {
    TestProbe<AgentState> state = KIT.createTestProbe();
    runner.tell(new AgentRunner.GetState(state.getRef()));
    return state.receiveMessage(Duration.ofSeconds(20));
  }

  static ActorRef<Agent.Command> agentOf(ActorRef<AgentRunner.Command> runner) {
    TestProbe<AgentRunner.Refs> refs = KIT.createTestProbe();
    runner.tell(new AgentRunner.GetRefs(refs.getRef()));
    return refs.receiveMessage(Duration.ofSeconds(10)).agent().orElseThrow();
  }

  /** The runner's status once {@code shows} holds of it (polled: the agent restarts and recovers meanwhile). */
  static AgentRunner.Status statusWhen(ActorRef<AgentRunner.Command> runner, String what,
      java.util.function.Predicate<AgentRunner.Status> shows) throws InterruptedException {
    TestProbe<AgentRunner.Status> status = KIT.createTestProbe();
    AgentRunner.Status[] last = {null};
    LiveHarness.awaitTrue(() -> "the runner's status shows " + what + ": " + last[0], Duration.ofSeconds(20), () -> {
      runner.tell(new AgentRunner.GetStatus(status.getRef()));
      last[0] = status.receiveMessage(Duration.ofSeconds(10));
      return shows.test(last[0]);
    });
    return last[0];
  }

  /** The runner's status while the agent's recovery after a failed write is held; then the recovery goes on. */
  static AgentRunner.Status statusWhileRecovering(ActorRef<AgentRunner.Command> runner, String expected)
      throws InterruptedException {
    AgentRunner.Status shown = statusWhen(runner, "'" + expected + "'",
        s -> s.recovering() && s.idleReason().contains(expected));
    SlowWritesJournal.release();
    return shown;
  }

  /** The runner's status once the agent has recovered (running, or parked): no longer recovering. */
  static AgentRunner.Status statusOnceRecovered(ActorRef<AgentRunner.Command> runner) throws InterruptedException {
    return statusWhen(runner, "the agent recovered", s -> !s.recovering());
  }

  @Test
  void aRealWriteFailureShowsInTheRunnersStatusAsRecoveringWithItsCountTowardParking() throws InterruptedException {
    AgentId id = new AgentId("runnerwrite" + runs.incrementAndGet());
    ActorRef<AgentRunner.Command> runner = runner(id);
    SlowWritesJournal.script(Agent.persistenceId(id).id(), Outcome.FAILS);
    SlowWritesJournal.holdReads(Agent.persistenceId(id).id());
    runner.tell(new AgentRunner.Park("operator", KIT.<StatusReply<Done>>createTestProbe().getRef()));

    AgentRunner.Status shown = statusWhileRecovering(runner, "write failed 1 of 3");
    assertTrue(shown.idleReason().contains("No space left on device"), shown.idleReason());
    assertFalse(books(runner).parked(), "one failure does not park, and the park itself was not written");
  }

  @Test
  void anAgentRunningAgainAfterAFailedWriteStillShowsItsCountCauseAndTimeAndNeverACredential()
      throws InterruptedException {
    AgentId id = new AgentId("runnerwrite" + runs.incrementAndGet());
    ActorRef<AgentRunner.Command> runner = runner(id);
    SlowWritesJournal.script(Agent.persistenceId(id).id(), Outcome.FAILS_QUOTING_A_SECRET);
    SlowWritesJournal.holdReads(Agent.persistenceId(id).id());
    runner.tell(new AgentRunner.Park("operator", KIT.<StatusReply<Done>>createTestProbe().getRef()));
    AgentRunner.Status recovering = statusWhileRecovering(runner, "write failed 1 of 3");
    assertFalse(recovering.idleReason().contains(SlowWritesJournal.SECRET), recovering.idleReason());

    AgentRunner.Status running = statusOnceRecovered(runner);
    String shown = running.idleReason();
    assertTrue(shown.contains("journal writes failed 1 time since the engine started, the last at "), shown);
    assertTrue(shown.contains(" KST (") && shown.contains("No space left on device"), shown);
    assertFalse(shown.contains(SlowWritesJournal.SECRET), "no credential shown: " + shown);
    assertFalse(books(runner).parked(), "one failure does not park");
  }

  @Test
  void anEventTheJournalRejectsEveryTimeEndsTheAgentParkedAndNeverStopsItsRunner() throws InterruptedException {
    AgentId id = new AgentId("runnerwrite" + runs.incrementAndGet());
    ActorRef<AgentRunner.Command> runner = runner(id);
    ActorRef<Agent.Command> agent = agentOf(runner);
    String journal = Agent.persistenceId(id).id();
    SlowWritesJournal.script(journal, Outcome.REJECTED, Outcome.REJECTED, Outcome.REJECTED);
    SlowWritesJournal.holdReads(journal);
    runner.tell(new AgentRunner.Park("operator", KIT.<StatusReply<Done>>createTestProbe().getRef()));
    AgentRunner.Status shown = statusWhileRecovering(runner, "write failed 1 of 3");
    assertTrue(shown.idleReason().contains("could not be serialized"), shown.idleReason());
    for (int i = 2; i <= 3; i++) {
      runner.tell(new AgentRunner.Park("operator", KIT.<StatusReply<Done>>createTestProbe().getRef()));
    }

    AgentState parked = books(runner); // handled after the third rejection's restart
    assertEquals(3, SlowWritesJournal.writes(journal));
    assertTrue(parked.parked() && parked.parkReason().contains("journal writes failed 3 times in a row")
        && parked.parkReason().contains("could not be serialized"), String.valueOf(parked.parkReason()));
    assertEquals(agent, agentOf(runner), "the same agent: neither it nor its runner was stopped and started again");
    String whileParked = statusOnceRecovered(runner).idleReason();
    assertTrue(whileParked.contains("journal writes failed 3 times since the engine started")
        && whileParked.contains("could not be serialized") && whileParked.contains("3 in a row, which parked it"),
        whileParked);
  }
}
