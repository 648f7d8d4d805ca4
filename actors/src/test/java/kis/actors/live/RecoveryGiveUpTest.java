package kis.actors.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import kis.actors.agent.Agent;
import kis.actors.agent.AgentConfig;
import kis.actors.agent.AgentSettings;
import kis.actors.agent.OrderPort;
import kis.actors.agent.RecoveryGiveUps;
import kis.journal.calendar.SessionSchedule;
import kis.journal.risk.RiskLimits;
import kis.journal.AgentId;
import kis.journal.Symbol;
import kis.journal.state.AgentState;
import kis.strategies.StrategyContext;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.persistence.testkit.JournalOperation;
import org.apache.pekko.persistence.testkit.ProcessingPolicy;
import org.apache.pekko.persistence.testkit.ProcessingResult;
import org.apache.pekko.persistence.testkit.ProcessingSuccess;
import org.apache.pekko.persistence.testkit.PersistenceTestKitPlugin;
import org.apache.pekko.persistence.testkit.ReadSeqNum;
import org.apache.pekko.persistence.testkit.StorageFailure;
import org.apache.pekko.persistence.testkit.WriteEvents;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A journal that breaks after the start check: an agent whose recovery keeps failing stops for good
 * after {@code max-recovery-failures} tries and shows as damaged; it never loops, the others trade on.
 */
class RecoveryGiveUpTest {
  static final ActorTestKit testKit = ActorTestKit.create(PersistenceTestKitPlugin.getInstance().config()
      .withFallback(ConfigFactory.parseString("pekko.loglevel = ERROR")));
  static final AtomicInteger runs = new AtomicInteger();

  /** Fails every replay of the listed persistence ids (as an unreadable table file would) and counts them. */
  static final class BrokenReplays implements ProcessingPolicy<JournalOperation> {
    final Map<String, Integer> remaining = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> reads = new ConcurrentHashMap<>();
    final Map<String, Integer> writesToFail = new ConcurrentHashMap<>();

    @Override
    public ProcessingResult tryProcess(String persistenceId, JournalOperation op) {
      if (op == ReadSeqNum.getInstance()) { // every recovery reads it, even of an empty journal
        reads.computeIfAbsent(persistenceId, p -> new AtomicInteger()).incrementAndGet();
        Integer left = remaining.computeIfPresent(persistenceId, (p, n) -> n - 1);
        if (left != null && left >= 0) {
          return StorageFailure.create(new IllegalStateException("corruption in table file 000123.sst"));
        }
      }
      if (op instanceof WriteEvents) {
        Integer left = writesToFail.computeIfPresent(persistenceId, (p, n) -> n - 1);
        if (left != null && left >= 0) {
          return StorageFailure.create(new IllegalStateException("disk full"));
        }
      }
      return ProcessingSuccess.getInstance();
    }

    int reads(AgentId id) {
      AtomicInteger n = reads.get(Agent.persistenceId(id).id());
      return n == null ? 0 : n.get();
    }
  }

  static final BrokenReplays policy = new BrokenReplays();

  static {
    PersistenceTestKit.create(testKit.system()).withPolicy(policy);
  }

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  static AgentSettings settings(AgentId id) {
    return new AgentSettings(id, AgentSettings.of(id).costs(), 500, 2, Duration.ofMillis(20), Duration.ofMillis(100),
        0.1, 3);
  }

  static void breakReplays(AgentId id, int times) {
    policy.remaining.put(Agent.persistenceId(id).id(), times);
  }

  @Test
  void anAgentWhoseRecoveryFailsThreeTimesInARowStopsForGoodAndIsRecordedAsDamaged() {
    AgentId id = new AgentId("g" + runs.incrementAndGet());
    breakReplays(id, Integer.MAX_VALUE);
    TestProbe<OrderPort> port = testKit.createTestProbe(OrderPort.class);
    ActorRef<Agent.Command> agent = testKit.spawn(Agent.create(settings(id), port.getRef(), Clock.systemUTC()));
    TestProbe<Object> watcher = testKit.createTestProbe();
    watcher.expectTerminated(agent, Duration.ofSeconds(10));
    assertEquals(3, policy.reads(id), "one replay per try, and none after the third failure");
    String why = RecoveryGiveUps.get(testKit.system()).of(new AgentId(id.value())).orElseThrow();
    assertTrue(why.contains("recovery failed 3 times in a row"), why);
    assertTrue(why.contains("000123.sst"), why);
  }

  @Test
  void recoveryFailuresBelowTheLimitAreRetriedAndTheAgentRuns() {
    AgentId id = new AgentId("g" + runs.incrementAndGet());
    breakReplays(id, 2);
    TestProbe<OrderPort> port = testKit.createTestProbe(OrderPort.class);
    ActorRef<Agent.Command> agent = testKit.spawn(Agent.create(settings(id), port.getRef(), Clock.systemUTC()));
    TestProbe<AgentState> state = testKit.createTestProbe();
    agent.tell(new Agent.GetState(state.getRef()));
    assertEquals(id.value(), state.receiveMessage(Duration.ofSeconds(10)).agentId());
    assertEquals(3, policy.reads(id));
    assertTrue(RecoveryGiveUps.get(testKit.system()).of(id).isEmpty());
  }

  @Test
  void failedRecoveriesAreNotCountedAsFailedWritesTowardsParking() {
    AgentId id = new AgentId("g" + runs.incrementAndGet());
    breakReplays(id, 2);
    TestProbe<OrderPort> port = testKit.createTestProbe(OrderPort.class);
    ActorRef<Agent.Command> agent = testKit.spawn(Agent.create(settings(id), port.getRef(), Clock.systemUTC()));
    TestProbe<AgentState> state = testKit.createTestProbe();
    agent.tell(new Agent.GetState(state.getRef()));
    state.receiveMessage(Duration.ofSeconds(10));
    String pid = Agent.persistenceId(id).id();
    TestProbe<org.apache.pekko.pattern.StatusReply<kis.journal.ClientOrderId>> reply = testKit.createTestProbe();
    kis.journal.OrderSpec buy = kis.journal.OrderSpec.limit(Symbol.of("005930"), kis.journal.Side.BUY, 1, 70_000);

    policy.writesToFail.put(pid, 1);
    agent.tell(new Agent.PlaceOrder(buy, "x", reply.getRef()));
    agent.tell(new Agent.GetState(state.getRef())); // answered after the restart that follows the failed write
    assertFalse(state.receiveMessage(Duration.ofSeconds(10)).parked(), "one failed write after two failed recoveries");

    policy.writesToFail.put(pid, 2);
    agent.tell(new Agent.PlaceOrder(buy, "x", reply.getRef()));
    agent.tell(new Agent.PlaceOrder(buy, "x", reply.getRef()));
    agent.tell(new Agent.GetState(state.getRef()));
    AgentState parked = state.receiveMessage(Duration.ofSeconds(10));
    assertTrue(parked.parked() && parked.parkReason().contains("journal writes failed 3 times in a row"),
        String.valueOf(parked.parkReason()));
  }

  @Test
  void theRunnerShowsTheAgentDamagedAndStaysDownWhileTheOthersTradeOn() {
    String prefix = "mg" + runs.incrementAndGet() + "-";
    AgentId broken = new AgentId(prefix + "a");
    AgentId whole = new AgentId(prefix + "b");
    breakReplays(broken, Integer.MAX_VALUE);
    LocalAgentsTest.Account account = LocalAgentsTest.account(testKit, prefix);
    AgentRunner.Setup setup = new AgentRunner.Setup(
        List.of(LocalAgentsTest.agent(broken.value(), "005930"), LocalAgentsTest.agent(whole.value(), "000660")),
        RecoveryGiveUpTest::settings, RiskLimits.defaults(), account.desk(), Clock.systemUTC(),
        SessionSchedule.alwaysOpen(StrategyContext.KST), 3, Duration.ofMinutes(1), Duration.ofSeconds(1),
        GenerationFile.inMemory());
    ActorRef<LocalAgents.Command> agents = testKit.spawn(LocalAgents.create(setup), "agents-" + prefix);

    AccountDesk.AgentDamaged damaged = (AccountDesk.AgentDamaged) account.others().fishForMessage(
        Duration.ofSeconds(10), m -> m instanceof AccountDesk.AgentDamaged
            ? org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.complete()
            : org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.continueAndIgnore()).get(0);
    assertEquals(broken, damaged.agentId());
    assertTrue(damaged.why().contains("recovery failed 3 times"), damaged.why());
    TestProbe<List<LocalAgents.Member>> members = testKit.createTestProbe();
    agents.tell(new LocalAgents.GetAgents(members.getRef()));
    ActorRef<AgentRunner.Command> runner = members.receiveMessage().stream()
        .filter(m -> m.config().id().equals(broken)).findFirst().orElseThrow().runner().orElseThrow();
    TestProbe<AgentRunner.Status> status = testKit.createTestProbe();
    runner.tell(new AgentRunner.GetStatus(status.getRef()));
    assertTrue(status.receiveMessage().damage().orElseThrow().contains("recovery failed 3 times"));

    ActorRef<AgentRunner.Command> other = LocalAgentsTest.registeredOn(account, whole).entity();
    other.tell(new AgentRunner.EnableTrading());
    OrderPort.SendOrder sent = LocalAgentsTest.placed(account, other, "000660");
    assertEquals(whole, sent.agentId());
    assertEquals(3, policy.reads(broken), "no recovery after the agent gave up, and its runner was not restarted");

    TestProbe<Object> watcher = testKit.createTestProbe();
    testKit.stop(agents, Duration.ofSeconds(5)); // a shutdown does not wait on a recovery loop
    watcher.expectTerminated(agents, Duration.ofSeconds(1));
  }
}
