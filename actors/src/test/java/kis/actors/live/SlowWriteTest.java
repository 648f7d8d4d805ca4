package kis.actors.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import kis.actors.agent.Agent;
import kis.actors.agent.OrderPort;
import kis.actors.agent.Recoveries;
import kis.actors.agent.RecoveryGiveUps;
import kis.actors.live.SlowWritesJournal.Outcome;
import kis.journal.AgentId;
import kis.journal.ClientOrderId;
import kis.journal.OrderSpec;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.state.AgentState;
import kis.journal.state.OrderStatus;
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
 * A journal write that was not confirmed in time (the journal's circuit breaker timed it out, or
 * failed it fast while open) is no finding about the journal: the agent restarts, recovers its books
 * from the journal, and carries on, however many such writes come in a row; it is never parked for
 * them. A write that failed for real (a full disk, an event the journal rejected) still counts, and three
 * in a row park the agent; each such failure shows the agent recovering with its count toward parking.
 * Nothing of a failed write is handed on, and a timed-out write may still have landed: an order whose
 * request timed out is sent only if the recovery finds it journaled, and then it is in doubt for the
 * reconciler, as after a crash. The breaker's call timeout is 50 ms and the journal holds scripted
 * writes until the agent's next recovery reads it, so every such write times out whatever the load.
 */
class SlowWriteTest {
  static final ActorTestKit KIT = ActorTestKit.create(SlowWritesJournal.config(50)
      .withFallback(PersistenceTestKitSnapshotPlugin.getInstance().config())
      .withFallback(ConfigFactory.parseString("pekko.loglevel = ERROR")));
  static final AtomicInteger runs = new AtomicInteger();
  static final OrderSpec BUY = OrderSpec.limit(Symbol.of("005930"), Side.BUY, 1, 70_000);

  @AfterEach
  void answerEveryRead() {
    SlowWritesJournal.release();
  }

  @AfterAll
  static void shutdown() {
    KIT.shutdownTestKit();
  }

  static String journalOf(AgentId id) {
    return Agent.persistenceId(id).id();
  }

  static ActorRef<Agent.Command> recovered(AgentId id, TestProbe<OrderPort> port) {
    ActorRef<Agent.Command> agent = KIT.spawn(Agent.create(SlowRecoveryTest.settings(id), port.getRef(),
        Clock.systemUTC()));
    stateOf(agent);
    return agent;
  }

  static AgentState stateOf(ActorRef<Agent.Command> agent) {
    TestProbe<AgentState> state = KIT.createTestProbe();
    agent.tell(new Agent.GetState(state.getRef())); // stashed until the agent has recovered
    return state.receiveMessage(Duration.ofSeconds(20));
  }

  static void correct(ActorRef<Agent.Command> agent, int i, TestProbe<StatusReply<Done>> ack) {
    agent.tell(new Agent.CorrectPosition(Symbol.of("005930"), 10L * i, 70_000, "c" + i, "account", ack.getRef()));
  }

  @Test
  void writesTheJournalDidNotConfirmInTimeNeverParkTheAgentHoweverManyInARow() {
    AgentId id = new AgentId("slowwrite" + runs.incrementAndGet());
    TestProbe<OrderPort> port = KIT.createTestProbe(OrderPort.class);
    ActorRef<Agent.Command> agent = recovered(id, port);
    // Past the parking limit: each times out on the breaker or meets it open, and is lost.
    SlowWritesJournal.script(journalOf(id), Outcome.TIMES_OUT_AND_IS_LOST, Outcome.TIMES_OUT_AND_IS_LOST,
        Outcome.TIMES_OUT_AND_IS_LOST, Outcome.TIMES_OUT_AND_IS_LOST);
    TestProbe<StatusReply<Done>> ack = KIT.createTestProbe();
    for (int i = 1; i <= 4; i++) {
      correct(agent, i, ack); // each handled after the restart that follows the one before
    }

    AgentState after = stateOf(agent);
    assertEquals(4, SlowWritesJournal.writes(journalOf(id)));
    assertFalse(after.parked(), () -> "a slow journal is not a broken one: " + after.parkReason());
    assertEquals(0, after.eventCount(), "none of the lost writes is in the books");
    ack.expectNoMessage(Duration.ofMillis(20)); // a failed write is never acknowledged
    assertTrue(RecoveryGiveUps.get(KIT.system()).of(id).isEmpty());
    assertTrue(Recoveries.get(KIT.system()).of(id).isEmpty(), "recovered: no longer shown recovering");

    TestProbe<StatusReply<ClientOrderId>> reply = KIT.createTestProbe();
    agent.tell(new Agent.PlaceOrder(BUY, "x", reply.getRef()));
    assertTrue(reply.receiveMessage(Duration.ofSeconds(10)).isSuccess(), "the agent trades on");
    port.expectMessageClass(OrderPort.SendOrder.class);
  }

  @Test
  void realWriteFailuresStillParkTheAgentAndASlowWriteBetweenThemNeitherCountsNorBreaksTheRun() {
    AgentId id = new AgentId("slowwrite" + runs.incrementAndGet());
    TestProbe<OrderPort> port = KIT.createTestProbe(OrderPort.class);
    ActorRef<Agent.Command> agent = recovered(id, port);
    SlowWritesJournal.script(journalOf(id), Outcome.FAILS, Outcome.FAILS, Outcome.TIMES_OUT_AND_IS_LOST,
        Outcome.FAILS);
    TestProbe<StatusReply<Done>> ack = KIT.createTestProbe();
    for (int i = 1; i <= 3; i++) {
      correct(agent, i, ack);
    }
    AgentState twoFailed = stateOf(agent);
    assertFalse(twoFailed.parked(), () -> "two real failures and a slow write: " + twoFailed.parkReason());

    correct(agent, 4, ack);
    AgentState parked = stateOf(agent);
    assertEquals(4, SlowWritesJournal.writes(journalOf(id)));
    assertTrue(parked.parked() && parked.parkReason().contains("journal writes failed 3 times in a row"),
        String.valueOf(parked.parkReason()));
    TestProbe<StatusReply<ClientOrderId>> reply = KIT.createTestProbe();
    agent.tell(new Agent.PlaceOrder(BUY, "x", reply.getRef()));
    StatusReply<ClientOrderId> refused = reply.receiveMessage(Duration.ofSeconds(10));
    assertTrue(refused.isError() && refused.getError().getMessage().startsWith("AGENT_PARKED"), refused.toString());
    port.expectNoMessage(Duration.ofMillis(20));
  }

  /** The recovery after each failed write is held until the test saw what the agent shows meanwhile. */
  static String shownWhileRecovering(AgentId id, String expected) throws InterruptedException {
    LiveHarness.awaitTrue(() -> "shown recovering with '" + expected + "': " + Recoveries.get(KIT.system()).of(id),
        Duration.ofSeconds(20), () -> Recoveries.get(KIT.system()).of(id)
            .map(r -> r.describe().contains(expected)).orElse(false));
    String shown = Recoveries.get(KIT.system()).of(id).orElseThrow().describe();
    SlowWritesJournal.release();
    return shown;
  }

  @Test
  void aRealWriteFailureShowsTheAgentRecoveringWithItsCountTowardParking() throws InterruptedException {
    AgentId id = new AgentId("slowwrite" + runs.incrementAndGet());
    TestProbe<OrderPort> port = KIT.createTestProbe(OrderPort.class);
    ActorRef<Agent.Command> agent = recovered(id, port);
    SlowWritesJournal.script(journalOf(id), Outcome.FAILS, Outcome.FAILS);
    TestProbe<StatusReply<Done>> ack = KIT.createTestProbe();

    SlowWritesJournal.holdReads(journalOf(id));
    correct(agent, 1, ack);
    String first = shownWhileRecovering(id, "write failed 1 of 3");
    assertTrue(first.contains("No space left on device") && first.contains("2 more failed in a row park it"), first);
    assertFalse(stateOf(agent).parked());
    assertTrue(Recoveries.get(KIT.system()).of(id).isEmpty(), "recovered: no longer shown recovering");

    SlowWritesJournal.holdReads(journalOf(id));
    correct(agent, 2, ack);
    String second = shownWhileRecovering(id, "write failed 2 of 3");
    assertTrue(second.contains("1 more failed in a row park it"), second);
    assertFalse(stateOf(agent).parked(), "two failures do not park");
    ack.expectNoMessage(Duration.ofMillis(20)); // a failed write is never acknowledged
  }

  @Test
  void aRejectedWriteCountsTowardParkingAndThreeInARowParkTheAgentVisiblyInsteadOfStoppingIt()
      throws InterruptedException {
    AgentId id = new AgentId("slowwrite" + runs.incrementAndGet());
    TestProbe<OrderPort> port = KIT.createTestProbe(OrderPort.class);
    ActorRef<Agent.Command> agent = recovered(id, port);
    // Each write's event fails to serialize, as a strategy's unserializable event would every time.
    SlowWritesJournal.script(journalOf(id), Outcome.REJECTED, Outcome.REJECTED, Outcome.REJECTED);
    TestProbe<StatusReply<Done>> ack = KIT.createTestProbe();

    SlowWritesJournal.holdReads(journalOf(id));
    correct(agent, 1, ack);
    String shown = shownWhileRecovering(id, "write failed 1 of 3");
    assertTrue(shown.contains("rejected the event, it could not be serialized"), shown);
    correct(agent, 2, ack);
    correct(agent, 3, ack);

    AgentState parked = stateOf(agent); // the same actor answers: it restarted, never stopped
    assertEquals(3, SlowWritesJournal.writes(journalOf(id)));
    assertTrue(parked.parked() && parked.parkReason().contains("journal writes failed 3 times in a row")
        && parked.parkReason().contains("could not be serialized"), String.valueOf(parked.parkReason()));
    assertEquals(0, parked.eventCount(), "nothing of a rejected write is in the books");
    TestProbe<StatusReply<ClientOrderId>> reply = KIT.createTestProbe();
    agent.tell(new Agent.PlaceOrder(BUY, "x", reply.getRef()));
    StatusReply<ClientOrderId> refused = reply.receiveMessage(Duration.ofSeconds(10));
    assertTrue(refused.isError() && refused.getError().getMessage().startsWith("AGENT_PARKED"), refused.toString());
    port.expectNoMessage(Duration.ofMillis(20));
  }

  @Test
  void anOrderWhoseRequestTimedOutAndWasLostIsNeverSentAndItsIdGoesToTheNextOrder() {
    AgentId id = new AgentId("slowwrite" + runs.incrementAndGet());
    TestProbe<OrderPort> port = KIT.createTestProbe(OrderPort.class);
    ActorRef<Agent.Command> agent = recovered(id, port);
    SlowWritesJournal.script(journalOf(id), Outcome.TIMES_OUT_AND_IS_LOST);
    TestProbe<StatusReply<ClientOrderId>> reply = KIT.createTestProbe();
    agent.tell(new Agent.PlaceOrder(BUY, "x", reply.getRef()));

    AgentState after = stateOf(agent);
    assertTrue(after.openOrders().isEmpty() && after.eventCount() == 0, "the recovery found nothing of it");
    reply.expectNoMessage(Duration.ofMillis(20)); // no answer: the strategy host counts it unconfirmed
    port.expectNoMessage(Duration.ofMillis(20));

    agent.tell(new Agent.PlaceOrder(BUY, "x", reply.getRef()));
    ClientOrderId placed = reply.receiveMessage(Duration.ofSeconds(10)).getValue();
    assertEquals(ClientOrderId.of(id, 1), placed, "the lost request used no id");
    assertEquals(placed, port.expectMessageClass(OrderPort.SendOrder.class).orderId());
    port.expectNoMessage(Duration.ofMillis(50));
  }

  @Test
  void anOrderWhoseRequestTimedOutButLandedIsFoundInDoubtNeverSentAndLeftToTheReconciler()
      throws InterruptedException {
    AgentId id = new AgentId("slowwrite" + runs.incrementAndGet());
    TestProbe<OrderPort> port = KIT.createTestProbe(OrderPort.class);
    ActorRef<Agent.Command> agent = recovered(id, port);
    SlowWritesJournal.script(journalOf(id), Outcome.TIMES_OUT_AND_LANDS);
    SlowWritesJournal.holdReads(journalOf(id)); // the recovery after the write waits: watch it
    TestProbe<StatusReply<ClientOrderId>> reply = KIT.createTestProbe();
    agent.tell(new Agent.PlaceOrder(BUY, "x", reply.getRef()));

    LiveHarness.awaitTrue(() -> "shown recovering after the slow write: " + Recoveries.get(KIT.system()).of(id),
        Duration.ofSeconds(20), () -> Recoveries.get(KIT.system()).of(id).map(r -> r.slowWrites() == 1
            && r.describe().contains("journal slow, write retrying")).orElse(false));
    String shown = Recoveries.get(KIT.system()).of(id).orElseThrow().describe();
    assertTrue(shown.contains("not damage") && shown.contains("whether the write landed"), shown);
    port.expectNoMessage(Duration.ofMillis(20)); // not sent while its write is unconfirmed

    SlowWritesJournal.release();
    ClientOrderId first = ClientOrderId.of(id, 1);
    LiveHarness.awaitTrue("the recovered order marked in doubt", Duration.ofSeconds(20),
        () -> stateOf(agent).order(first).map(o -> o.status() == OrderStatus.IN_DOUBT).orElse(false));
    assertTrue(Recoveries.get(KIT.system()).of(id).isEmpty(), "recovered: no longer shown recovering");
    agent.tell(new Agent.PlaceOrder(BUY, "x", reply.getRef()));
    StatusReply<ClientOrderId> refused = reply.receiveMessage(Duration.ofSeconds(10));
    assertTrue(refused.isError() && refused.getError().getMessage().startsWith("AGENT_NOT_RECONCILED"),
        refused.toString());
    port.expectNoMessage(Duration.ofMillis(20));

    // The reconciler finds no such order at KIS (it never left): resolved, and the agent trades on.
    TestProbe<StatusReply<Done>> ack = KIT.createTestProbe();
    agent.tell(new Agent.ResolveInDoubt(first, Optional.empty(), "", ack.getRef()));
    assertTrue(ack.receiveMessage(Duration.ofSeconds(10)).isSuccess());
    agent.tell(new Agent.PlaceOrder(BUY, "x", reply.getRef()));
    ClientOrderId next = reply.receiveMessage(Duration.ofSeconds(10)).getValue();
    assertEquals(ClientOrderId.of(id, 2), next);
    assertEquals(next, port.expectMessageClass(OrderPort.SendOrder.class).orderId(), "the first order never went out");
    port.expectNoMessage(Duration.ofMillis(50));
  }
}
