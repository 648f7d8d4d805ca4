package kis.actors.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import kis.actors.agent.Agent;
import kis.actors.agent.AgentConfig;
import kis.actors.agent.AgentSettings;
import kis.journal.calendar.SessionSchedule;
import kis.journal.risk.RiskLimits;
import kis.journal.AgentId;
import kis.journal.Symbol;
import kis.strategies.StrategyContext;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.JournalOperation;
import org.apache.pekko.persistence.testkit.PersistenceTestKitPlugin;
import org.apache.pekko.persistence.testkit.ProcessingPolicy;
import org.apache.pekko.persistence.testkit.ProcessingResult;
import org.apache.pekko.persistence.testkit.ProcessingSuccess;
import org.apache.pekko.persistence.testkit.ReadSeqNum;
import org.apache.pekko.persistence.testkit.StorageFailure;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The agent runner (the cluster's sharding entity) whose agent gives up its recovery shows the
 * agent DAMAGED to the account, which stops reconciling it, and refuses operators' controls with
 * the reason, instead of running a host on a dead agent or restarting into the same failures.
 */
class AgentRunnerDamageTest {
  static final ActorTestKit KIT = ActorTestKit.create(PersistenceTestKitPlugin.getInstance().config()
      .withFallback(ConfigFactory.parseString("pekko.loglevel = ERROR")));
  static final AgentId BROKEN = new AgentId("broken-1");

  /** Every replay of the broken agent's journal fails, as an unreadable table file would make it. */
  static final ProcessingPolicy<JournalOperation> UNREADABLE = new ProcessingPolicy<>() {
    @Override
    public ProcessingResult tryProcess(String persistenceId, JournalOperation op) {
      return op == ReadSeqNum.getInstance() && persistenceId.equals(Agent.persistenceId(BROKEN).id())
          ? StorageFailure.create(new IllegalStateException("corruption in table file 000123.sst"))
          : ProcessingSuccess.getInstance();
    }
  };

  static {
    PersistenceTestKit.create(KIT.system()).withPolicy(UNREADABLE);
  }

  @AfterAll
  static void stop() {
    KIT.shutdownTestKit();
  }

  @Test
  void anAgentWhoseRecoveryGivesUpIsReportedDamagedAndItsRunnerStaysUpRefusingControls() {
    TestProbe<AccountDesk.Command> account = KIT.createTestProbe();
    AgentConfig config = new AgentConfig(BROKEN, Symbol.of("005930"), TimerTrader.class.getName(),
        Map.of("symbol", "005930", "every-ms", 1_000), AgentConfig.RiskLimits.NONE, 10_000_000);
    AgentRunner.Setup setup = new AgentRunner.Setup(List.of(config),
        id -> new AgentSettings(id, AgentSettings.of(id).costs(), 500, 2, Duration.ofMillis(20),
            Duration.ofMillis(100), 0.1, 3),
        RiskLimits.defaults(), account.getRef(), Clock.systemUTC(), SessionSchedule.alwaysOpen(StrategyContext.KST),
        5, Duration.ofMinutes(10), Duration.ofSeconds(30), GenerationFile.inMemory());
    ActorRef<AgentRunner.Command> runner = KIT.spawn(AgentRunner.create(BROKEN.value(), setup));

    AccountDesk.Command reported = account.fishForMessage(Duration.ofSeconds(15),
        m -> m instanceof AccountDesk.AgentDamaged ? FishingOutcomes.complete()
            : FishingOutcomes.continueAndIgnore()).get(0);
    AccountDesk.AgentDamaged damaged = (AccountDesk.AgentDamaged) reported;
    assertEquals(BROKEN, damaged.agentId());
    assertEquals(BROKEN, damaged.journalId());
    assertTrue(damaged.why().contains("000123.sst"), damaged.why());

    TestProbe<StatusReply<Done>> park = KIT.createTestProbe();
    runner.tell(new AgentRunner.Park("operator", park.getRef()));
    StatusReply<Done> refused = park.receiveMessage(Duration.ofSeconds(5));
    assertTrue(refused.isError() && refused.getError().getMessage().contains("damaged"), refused.toString());
    runner.tell(new AgentRunner.Wake()); // still up: a stopped runner would not answer the next control
    TestProbe<StatusReply<String>> fresh = KIT.createTestProbe();
    runner.tell(new AgentRunner.FreshStart("operator", fresh.getRef()));
    assertTrue(fresh.receiveMessage(Duration.ofSeconds(5)).isError());
  }
}
