package kis.actors.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import kis.actors.agent.Agent;
import kis.actors.agent.AgentConfig;
import kis.actors.agent.AgentSettings;
import kis.actors.agent.OrderPort;
import kis.actors.agent.Recoveries;
import kis.actors.agent.RecoveryGiveUps;
import kis.actors.handle.AgentView;
import kis.actors.handle.DeskControls;
import kis.journal.Symbol;
import kis.journal.calendar.SessionSchedule;
import kis.journal.risk.RiskLimits;
import kis.strategies.StrategyContext;
import kis.journal.AgentId;
import kis.journal.state.AgentState;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.testkit.PersistenceTestKitSnapshotPlugin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A recovery that is merely slow is not damage: the journal answers late (its circuit breaker times
 * the read out, then fails fast while open), as with a hundred full replays on a loaded machine,
 * and the agent keeps recovering past {@code max-recovery-failures} tries, never trading meanwhile,
 * and runs once the journal answers. The breaker's call timeout is 50 ms here and the journal holds
 * its reads until released, so every try before the release times out whatever the machine's load.
 * What it holds is whole, unless a test makes its reads fail: that is damage, slow tries or not.
 */
class SlowRecoveryTest {
  static final ActorTestKit KIT = ActorTestKit.create(StalledReadsJournal.config(50)
      .withFallback(PersistenceTestKitSnapshotPlugin.getInstance().config())
      .withFallback(ConfigFactory.parseString("pekko.loglevel = ERROR")));
  static final AtomicInteger runs = new AtomicInteger();

  @AfterEach
  void answerEveryRead() {
    StalledReadsJournal.release();
  }

  @AfterAll
  static void shutdown() {
    KIT.shutdownTestKit();
  }

  /** Backoff 20..100 ms, stopped as damaged after 3 failed recoveries in a row (the shipped default). */
  static AgentSettings settings(AgentId id) {
    return new AgentSettings(id, AgentSettings.of(id).costs(), 500, 2, Duration.ofMillis(20), Duration.ofMillis(100),
        0.1, 3);
  }

  static int reads(AgentId id) {
    return StalledReadsJournal.reads(Agent.persistenceId(id).id());
  }

  @Test
  void aRecoveryTheJournalsBreakerTimesOutIsRetriedPastTheDamageLimitAndCompletesOnceTheJournalAnswers()
      throws InterruptedException {
    AgentId id = new AgentId("slow" + runs.incrementAndGet());
    StalledReadsJournal.stall();
    TestProbe<OrderPort> port = KIT.createTestProbe(OrderPort.class);
    ActorRef<Agent.Command> agent = KIT.spawn(Agent.create(settings(id), port.getRef(), Clock.systemUTC()));

    // Twice the damage limit: each of these tries timed out on the breaker or met it open.
    LiveHarness.awaitTrue(() -> "6 recovery tries of " + id + " (seen " + reads(id) + ")", Duration.ofSeconds(20),
        () -> reads(id) >= 6);
    assertTrue(RecoveryGiveUps.get(KIT.system()).of(id).isEmpty(), () -> "a slow journal is not damage: "
        + RecoveryGiveUps.get(KIT.system()).of(id).orElse(""));
    Recoveries.Recovering shown = Recoveries.get(KIT.system()).of(id).orElseThrow();
    assertTrue(shown.slowTries() >= 5, shown.toString());
    assertTrue(shown.describe().contains("slow") && shown.describe().contains("not damage"), shown.describe());

    StalledReadsJournal.release();
    TestProbe<AgentState> state = KIT.createTestProbe();
    agent.tell(new Agent.GetState(state.getRef())); // stashed until the agent has recovered
    assertEquals(id.value(), state.receiveMessage(Duration.ofSeconds(20)).agentId());
    assertTrue(RecoveryGiveUps.get(KIT.system()).of(id).isEmpty());
    assertTrue(Recoveries.get(KIT.system()).of(id).isEmpty(), "no longer shown recovering");
    port.expectNoMessage(Duration.ofMillis(50)); // nothing was sent while recovering
  }

  @Test
  void aReadFailureIsStillDamageAfterSlowTriesWhichNeitherCountNorBreakTheRun() throws InterruptedException {
    AgentId id = new AgentId("slow" + runs.incrementAndGet());
    StalledReadsJournal.stall();
    TestProbe<OrderPort> port = KIT.createTestProbe(OrderPort.class);
    ActorRef<Agent.Command> agent = KIT.spawn(Agent.create(settings(id), port.getRef(), Clock.systemUTC()));
    LiveHarness.awaitTrue(() -> "4 recovery tries of " + id, Duration.ofSeconds(20), () -> reads(id) >= 4);

    StalledReadsJournal.failReads(Agent.persistenceId(id).id());
    StalledReadsJournal.release();
    TestProbe<Object> watcher = KIT.createTestProbe();
    watcher.expectTerminated(agent, Duration.ofSeconds(20));
    String why = RecoveryGiveUps.get(KIT.system()).of(id).orElseThrow();
    assertTrue(why.contains("recovery failed 3 times in a row") && why.contains("000123.sst"), why);
  }

  @Test
  void whileItsRecoveryIsSlowTheRunnerShowsItRecoveringWithItsTriesAndTheAccountNeverHearsItDamaged()
      throws InterruptedException {
    AgentId id = new AgentId("slow" + runs.incrementAndGet());
    StalledReadsJournal.stall();
    Queue<AccountDesk.Command> heard = new ConcurrentLinkedQueue<>();
    ActorRef<AccountDesk.Command> account = KIT.spawn(Behaviors.receiveMessage(m -> {
      heard.add(m);
      return Behaviors.same();
    }));
    AgentConfig config = new AgentConfig(id, Symbol.of("005930"), TimerTrader.class.getName(),
        Map.of("symbol", "005930", "every-ms", 1_000), AgentConfig.RiskLimits.NONE, 10_000_000);
    AgentRunner.Setup setup = new AgentRunner.Setup(List.of(config), SlowRecoveryTest::settings,
        RiskLimits.defaults(), account, Clock.systemUTC(), SessionSchedule.alwaysOpen(StrategyContext.KST), 5,
        Duration.ofMinutes(10), Duration.ofSeconds(30), GenerationFile.inMemory());
    ActorRef<AgentRunner.Command> runner = KIT.spawn(AgentRunner.create(id.value(), setup));
    LiveHarness.awaitTrue(() -> "5 recovery tries of " + id, Duration.ofSeconds(20), () -> reads(id) >= 5);

    TestProbe<AgentRunner.Status> status = KIT.createTestProbe();
    runner.tell(new AgentRunner.GetStatus(status.getRef()));
    AgentRunner.Status slow = status.receiveMessage(Duration.ofSeconds(5)); // answered at once, not timed out
    assertTrue(slow.recovering() && slow.damage().isEmpty(), slow.toString());
    assertTrue(slow.idleReason().contains("recovering its journal, slow") && slow.idleReason().contains("tries"),
        slow.idleReason());
    AgentView row = DeskControls.view(config, slow, null);
    assertTrue(row.recovering() && !row.running() && !row.damaged(), row.toString());

    StalledReadsJournal.release();
    LiveHarness.awaitTrue("the runner's agent recovered", Duration.ofSeconds(20), () -> {
      runner.tell(new AgentRunner.GetStatus(status.getRef()));
      return !status.receiveMessage(Duration.ofSeconds(10)).recovering();
    });
    assertTrue(heard.stream().noneMatch(m -> m instanceof AccountDesk.AgentDamaged), heard.toString());
  }
}
