package kis.actors.reconcile;

import static kis.actors.live.LiveHarness.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import kis.actors.agent.Agent;
import kis.actors.gateway.OrderGateway;
import kis.actors.live.LiveHarness;
import kis.journal.AgentId;
import kis.journal.CostModel;
import kis.journal.state.AgentState;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Which agents a run proves whole ({@link ReconcilerActor.RunEnded#covered}): those registered
 * before it asked KIS for the account, so their every order is in the account it read, whose books
 * its last read had. An agent that registers while a run reads the books is covered by that run; one
 * that registers after the account was asked for is left to the next run. A request for a run
 * joins the run in progress while that run has not asked for the account yet.
 */
@ExtendWith(LogCapturingExtension.class)
class RunCoverageSimTest {
  static final AgentId FIRST = new AgentId("cover-1");
  static final AgentId DURING = new AgentId("cover-2");
  static final AgentId LATE = new AgentId("cover-3");
  LiveHarness h;

  @BeforeEach
  void start() {
    h = new LiveHarness("");
  }

  @AfterEach
  void stop() {
    h.close();
  }

  /** A reconciler on the sim with no periodic runs, reporting each run's end to {@code runs}. */
  private ActorRef<ReconcilerActor.Command> reportingRuns(TestProbe<OrderGateway.FromReconciler> gateway,
      AgentDirectory agents, TestProbe<ReconcilerActor.RunEnded> runs) {
    ActorRef<ReconcilerActor.Command> reconciler = h.kit.spawn(ReconcilerActor.create(h.kis.rest(), gateway.getRef(),
        agents, ReconcilerSettings.defaults(CostModel.KIS_2026).withInterval(Duration.ZERO),
        Clock.system(LiveHarness.SEOUL)));
    reconciler.tell(new ReconcilerActor.ReportRuns(runs.getRef()));
    return reconciler;
  }

  @Test
  void anAgentRegisteredWhileTheRunReadsTheBooksIsCoveredAndOneRegisteredAfterTheAccountReadIsNot() {
    Map<AgentId, ActorRef<Agent.Command>> registered = new ConcurrentHashMap<>();
    TestProbe<Agent.Command> first = h.kit.createTestProbe();
    TestProbe<Agent.Command> during = h.kit.createTestProbe();
    TestProbe<Agent.Command> late = h.kit.createTestProbe();
    TestProbe<OrderGateway.FromReconciler> gateway = h.kit.createTestProbe();
    TestProbe<ReconcilerActor.RunEnded> runs = h.kit.createTestProbe();
    registered.put(FIRST, first.getRef());
    ActorRef<ReconcilerActor.Command> reconciler = reportingRuns(gateway, () -> Map.copyOf(registered), runs);
    TestProbe<StatusReply<ReconcileReport>> asked = h.kit.createTestProbe();
    reconciler.tell(new ReconcilerActor.RunNow(asked.getRef()));

    // The run reads the books before it asks for the account: an agent registering now is in time.
    Agent.GetState firstRead = first.expectMessageClass(Agent.GetState.class, WAIT);
    registered.put(DURING, during.getRef());
    firstRead.replyTo().tell(AgentState.empty(FIRST.value()));
    // The last read of the books comes after the account was read: an agent registering now is late.
    Agent.GetState lastRead = first.expectMessageClass(Agent.GetState.class, WAIT);
    registered.put(LATE, late.getRef());
    lastRead.replyTo().tell(AgentState.empty(FIRST.value()));
    during.expectMessageClass(Agent.GetState.class, WAIT).replyTo().tell(AgentState.empty(DURING.value()));

    assertTrue(asked.receiveMessage(WAIT).isSuccess());
    ReconcilerActor.RunEnded ended = runs.receiveMessage(WAIT);
    assertEquals(Map.of(FIRST, first.getRef(), DURING, during.getRef()), ended.covered());

    // The late one is proven by the next run, which asks for the account after it registered.
    reconciler.tell(new ReconcilerActor.RunNow(asked.getRef()));
    for (int read = 0; read < 2; read++) {
      first.expectMessageClass(Agent.GetState.class, WAIT).replyTo().tell(AgentState.empty(FIRST.value()));
      during.expectMessageClass(Agent.GetState.class, WAIT).replyTo().tell(AgentState.empty(DURING.value()));
      late.expectMessageClass(Agent.GetState.class, WAIT).replyTo().tell(AgentState.empty(LATE.value()));
    }
    assertTrue(asked.receiveMessage(WAIT).isSuccess());
    assertEquals(Map.of(FIRST, first.getRef(), DURING, during.getRef(), LATE, late.getRef()),
        runs.receiveMessage(WAIT).covered());
  }

  @Test
  void aRequestBeforeTheRunAsksForTheAccountJoinsItAndOneAfterGetsARunOfItsOwn() {
    TestProbe<Agent.Command> first = h.kit.createTestProbe();
    TestProbe<OrderGateway.FromReconciler> gateway = h.kit.createTestProbe();
    TestProbe<ReconcilerActor.RunEnded> runs = h.kit.createTestProbe();
    ActorRef<ReconcilerActor.Command> reconciler = reportingRuns(gateway,
        AgentDirectory.of(Map.of(FIRST, first.getRef())), runs);
    TestProbe<StatusReply<ReconcileReport>> agentsRun = h.kit.createTestProbe();
    TestProbe<StatusReply<ReconcileReport>> gapFill = h.kit.createTestProbe();
    TestProbe<StatusReply<ReconcileReport>> afterTheRead = h.kit.createTestProbe();
    reconciler.tell(new ReconcilerActor.RunNow(agentsRun.getRef()));

    // Still reading the books: the account this run reads is read after the second request too.
    Agent.GetState before = first.expectMessageClass(Agent.GetState.class, WAIT);
    reconciler.tell(new ReconcilerActor.RunNow(gapFill.getRef()));
    before.replyTo().tell(AgentState.empty(FIRST.value()));
    // The books again, after the account was read: a request now wants an account read after it.
    Agent.GetState after = first.expectMessageClass(Agent.GetState.class, WAIT);
    reconciler.tell(new ReconcilerActor.RunNow(afterTheRead.getRef()));
    after.replyTo().tell(AgentState.empty(FIRST.value()));
    assertTrue(agentsRun.receiveMessage(WAIT).isSuccess());
    assertTrue(gapFill.receiveMessage(WAIT).isSuccess());
    assertTrue(!runs.receiveMessage(WAIT).selfStarted());

    afterTheRead.expectNoMessage(Duration.ofMillis(200));
    for (int read = 0; read < 2; read++) {
      first.expectMessageClass(Agent.GetState.class, WAIT).replyTo().tell(AgentState.empty(FIRST.value()));
    }
    assertTrue(afterTheRead.receiveMessage(WAIT).isSuccess());
    assertEquals(Map.of(FIRST, first.getRef()), runs.receiveMessage(WAIT).covered());
    // Two runs for three requests: no third run follows.
    first.expectNoMessage(Duration.ofMillis(200));
  }

  @Test
  void aFailedRunCoversNoOne() {
    TestProbe<Agent.Command> first = h.kit.createTestProbe();
    TestProbe<OrderGateway.FromReconciler> gateway = h.kit.createTestProbe();
    TestProbe<ReconcilerActor.RunEnded> runs = h.kit.createTestProbe();
    ActorRef<ReconcilerActor.Command> reconciler = reportingRuns(gateway,
        AgentDirectory.of(Map.of(FIRST, first.getRef())), runs);
    h.sim.faults().failRest(kis.sim.FaultControl.RestFault.HTTP_500, false, 1_000, "inquire-balance");
    try {
      TestProbe<StatusReply<ReconcileReport>> asked = h.kit.createTestProbe();
      reconciler.tell(new ReconcilerActor.RunNow(asked.getRef()));
      first.expectMessageClass(Agent.GetState.class, WAIT).replyTo().tell(AgentState.empty(FIRST.value()));
      assertTrue(asked.receiveMessage(Duration.ofSeconds(60)).isError());
      ReconcilerActor.RunEnded ended = runs.receiveMessage(WAIT);
      assertTrue(!ended.succeeded() && ended.covered().isEmpty(), ended.toString());
    } finally {
      h.sim.faults().clear();
    }
  }
}
