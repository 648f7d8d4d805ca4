package kis.actors.live;

import static kis.actors.live.LiveHarness.SEOUL;
import static kis.actors.live.LiveHarness.WAIT;
import static kis.actors.live.LiveHarness.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import kis.actors.agent.Agent;
import kis.actors.agent.OrderPort;
import kis.journal.calendar.SessionSchedule;
import kis.actors.gateway.GatewaySettings;
import kis.actors.reconcile.ReconcilerSettings;
import kis.actors.risk.AccountLimits;
import kis.actors.supervisor.SupervisorSettings;
import kis.journal.AgentId;
import kis.journal.ClientOrderId;
import kis.journal.CostModel;
import kis.journal.OrderSpec;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.calendar.KrxCalendar;
import kis.journal.calendar.SessionClock;
import kis.sim.FaultControl;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The one account behaviour (both profiles run it: the cluster as its singleton) keeps the single
 * node's safety pieces: the order-flow gate the shutdown closes, and reconciliation failures in the
 * account's status, retried until a run succeeds.
 */
class AccountDeskTest {
  static final LiveHarness H = new LiveHarness("");
  static final Symbol SAMSUNG = Symbol.of("005930");
  static final Clock CLOCK = Clock.system(SEOUL);

  @AfterAll
  static void stop() {
    H.close();
  }

  private static ActorRef<AccountDesk.Command> desk(String name) {
    return H.kit.spawn(AccountDesk.create(new AccountDesk.Setup(name, H.kis, CLOCK, SessionSchedule.alwaysOpen(SEOUL),
        new SessionClock(KrxCalendar.defaults(), CLOCK), GatewaySettings.real(), SupervisorSettings.defaults(),
        ReconcilerSettings.defaults(CostModel.KIS_2026).withInterval(Duration.ZERO), AccountLimits.NONE)), name);
  }

  @Test
  void afterTheOrderFlowClosesEveryOrderIsRefusedBackToItsAgentAndNotSent() throws Exception {
    ActorRef<AccountDesk.Command> desk = desk("desk-flow");
    AgentId id = new AgentId("flow-1");
    TestProbe<Agent.Command> agent = H.kit.createTestProbe();
    TestProbe<AgentRunner.Command> runner = H.kit.createTestProbe();
    desk.tell(new AccountDesk.AgentUp(id, id, agent.getRef(), runner.getRef(), List.of(SAMSUNG)));
    AtomicReference<ActorRef<OrderPort>> port = new AtomicReference<>();
    runner.fishForMessage(WAIT, m -> {
      if (m instanceof AgentRunner.AccountReady r) {
        port.set(r.port());
        return FishingOutcomes.complete();
      }
      return FishingOutcomes.continueAndIgnore();
    });
    TestProbe<Done> closed = H.kit.createTestProbe();
    desk.tell(new AccountDesk.CloseOrderFlow(closed.getRef()));
    closed.expectMessage(WAIT, Done.getInstance());
    long sentBefore = H.sim.orderLog().size();

    port.get().tell(new OrderPort.SendOrder(ClientOrderId.of(id, 1), id, OrderSpec.limit(SAMSUNG, Side.BUY, 1, 70_000),
        agent.getRef()));

    Agent.Command reply = agent.fishForMessage(WAIT, m -> m instanceof Agent.BrokerRejected
        ? FishingOutcomes.complete()
        : FishingOutcomes.continueAndIgnore()).get(0);
    Agent.BrokerRejected refused = (Agent.BrokerRejected) reply;
    assertEquals(ClientOrderId.of(id, 1), refused.orderId());
    assertEquals(kis.actors.gateway.GatewayState.ENGINE_STOPPING, refused.msgCd());
    assertEquals(sentBefore, H.sim.orderLog().size(), "nothing reached the exchange");
  }

  @Test
  void aFailedReconciliationShowsInTheAccountsStatusUntilOneSucceeds() throws Exception {
    ActorRef<AccountDesk.Command> desk = desk("desk-reconcile");
    H.sim.faults().failRest(FaultControl.RestFault.HTTP_500, false, 1_000, "inquire-balance");
    try {
      TestProbe<StatusReply<String>> asked = H.kit.createTestProbe();
      desk.tell(new AccountDesk.RunReconcile(asked.getRef()));
      assertTrue(asked.receiveMessage(Duration.ofSeconds(60)).isError(), "the run fails while KIS answers 500");
      awaitTrue("the failure in the status", () -> status(desk).reconcileFailuresInRow() >= 1
          && !status(desk).lastReconcileFailure().isEmpty() && status(desk).lastReconcileFailureAt() != null);
    } finally {
      H.sim.faults().clear();
    }
    // Nobody asks again: the desk retries a failed run by itself, and a run that starts after the
    // fault is gone succeeds (an operator's reconcile may join a run that began under the fault).
    awaitTrue("a retried run succeeds and resets the count", Duration.ofSeconds(90),
        () -> status(desk).reconcileFailuresInRow() == 0);
    assertTrue(status(desk).reconcileFailures() >= 1, "the failures so far stay counted");
  }

  /**
   * An agent that finishes recovering while a reconcile run reads the books (here: while the run
   * waits for the first agent's books) trades when that run ends: the run asked for the account
   * after it registered and reconciled its books. It does not wait for a second run, which here
   * could never end, since the late agent answers only one read of its books.
   */
  @Test
  void anAgentThatRecoversDuringARunTradesWhenThatRunEndsWithoutWaitingForAnother() throws Exception {
    ActorRef<AccountDesk.Command> desk = desk("desk-late");
    // The supervisor's own run once connected comes first and ends before any agent registers.
    awaitTrue("connected and reconciled once", () -> "LIVE".equals(status(desk).connection())
        && status(desk).reconciledAt() != null);
    AgentId early = new AgentId("early-1");
    AgentId late = new AgentId("late-1");
    TestProbe<Agent.Command> earlyAgent = H.kit.createTestProbe();
    TestProbe<AgentRunner.Command> earlyRunner = H.kit.createTestProbe();
    TestProbe<Agent.Command> lateAgent = H.kit.createTestProbe();
    TestProbe<AgentRunner.Command> lateRunner = H.kit.createTestProbe();
    try {
      desk.tell(new AccountDesk.AgentUp(early, early, earlyAgent.getRef(), earlyRunner.getRef(), List.of()));
      Agent.GetState firstRead = earlyAgent.expectMessageClass(Agent.GetState.class, WAIT);
      // The run started for the early agent is reading the books: the late one registers now.
      desk.tell(new AccountDesk.AgentUp(late, late, lateAgent.getRef(), lateRunner.getRef(), List.of()));
      lateRunner.fishForMessage(WAIT, m -> m instanceof AgentRunner.AccountReady ? FishingOutcomes.complete()
          : FishingOutcomes.continueAndIgnore());
      firstRead.replyTo().tell(kis.journal.state.AgentState.empty(early.value()));
      earlyAgent.expectMessageClass(Agent.GetState.class, WAIT).replyTo()
          .tell(kis.journal.state.AgentState.empty(early.value()));
      lateAgent.expectMessageClass(Agent.GetState.class, WAIT).replyTo()
          .tell(kis.journal.state.AgentState.empty(late.value()));

      lateRunner.fishForMessage(WAIT, m -> m instanceof AgentRunner.EnableTrading ? FishingOutcomes.complete()
          : FishingOutcomes.continueAndIgnore());
      earlyRunner.fishForMessage(WAIT, m -> m instanceof AgentRunner.EnableTrading ? FishingOutcomes.complete()
          : FishingOutcomes.continueAndIgnore());
      assertTrue(status(desk).trading().containsAll(java.util.Set.of(early.value(), late.value())));
    } finally {
      H.kit.stop(desk);
    }
  }

  private static AccountDesk.DeskStatus status(ActorRef<AccountDesk.Command> desk) {
    TestProbe<AccountDesk.DeskStatus> p = H.kit.createTestProbe();
    desk.tell(new AccountDesk.GetStatus(p.getRef()));
    return p.receiveMessage(WAIT);
  }
}
