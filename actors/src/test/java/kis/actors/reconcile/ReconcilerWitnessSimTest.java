package kis.actors.reconcile;

import static kis.actors.live.LiveHarness.WAIT;
import static kis.actors.live.LiveHarness.awaitTrue;
import static kis.actors.live.LiveHarness.join;
import static kis.actors.reconcile.WitnessOnSim.buyFilled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import kis.actors.agent.Agent;
import kis.actors.live.LiveHarness;
import kis.connector.rest.OrderCashRequest;
import kis.connector.rest.OrderOutcome;
import kis.connector.rest.OrderSide;
import kis.journal.AgentId;
import kis.journal.OrderNo;
import kis.journal.Symbol;
import kis.journal.event.OrderRequested;
import kis.journal.state.AgentState;
import kis.journal.state.Order;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The reconciler actor with the account as a second witness, against kis-sim. */
@ExtendWith(LogCapturingExtension.class)
class ReconcilerWitnessSimTest {
  static final Symbol KAKAO = Symbol.of("035720");
  @AutoClose LiveHarness h;

  @BeforeEach
  void start() throws Exception {
    h = WitnessOnSim.harness();
  }

  ReconcileReport run() {
    return h.reconcile();
  }

  StatusReply<String> bookBack(String agent) {
    TestProbe<StatusReply<String>> p = h.kit.createTestProbe();
    h.reconciler.tell(new ReconcilerActor.BookBackOrders(new AgentId(agent), "ops", Optional.empty(), p.getRef()));
    return p.receiveMessage(WAIT);
  }

  @Test
  void anUnownedOrderOnAnAgentsSymbolParksItAndAnOperatorBooksItBackWithTheEvidence() throws Exception {
    ActorRef<Agent.Command> agent = h.agent("r1");
    long px = buyFilled(h, agent, KAKAO, 5);
    assertFalse(bookBack("r1").isSuccess(), "nothing unowned yet: nothing to book back");
    assertTrue(run().alarms().isEmpty(), "healthy books raise nothing");

    // The order the journal lost: KIS has it and its fill, the agent has neither.
    OrderOutcome.Accepted lost = (OrderOutcome.Accepted) join(h.kis.rest().orderCash(
        OrderCashRequest.limit("KRX", OrderSide.BUY, KAKAO.code(), 2, px)));
    h.trade(KAKAO.code(), px, 2);
    awaitTrue("the sim's fill", () -> h.sim.account().todaysFills().stream().mapToLong(f -> f.qty()).sum() == 7);
    ReconcileReport found = run();

    assertEquals(1, found.unowned().size(), found::toString);
    assertEquals(List.of("r1"), found.unowned().get(0).agents());
    assertTrue(found.alarms().get(0).contains(lost.odno()), found.alarms()::toString);
    awaitTrue("parked", () -> h.state(agent).parked());
    assertTrue(h.state(agent).parkReason().contains(lost.odno()), h.state(agent).parkReason());

    StatusReply<String> booked = bookBack("r1");
    assertTrue(booked.isSuccess(), booked::toString);
    assertTrue(booked.getValue().startsWith("booked 1 order(s) back into r1"), booked.getValue());
    AgentState s = h.state(agent);
    Order o = s.orderByNo(OrderNo.of(lost.odno())).orElseThrow();
    assertEquals(2, o.filledQuantity());
    assertEquals(7, s.position(KAKAO).quantity());
    assertTrue(s.parked(), "the operator resumes the agent once satisfied");

    ReconcileReport after = run();
    assertTrue(after.alarms().isEmpty() && after.unowned().isEmpty(), after::toString);
    StatusReply<String> again = bookBack("r1");
    assertFalse(again.isSuccess(), "a second book-back finds nothing: " + again);
    assertEquals(s.eventCount(), h.state(agent).eventCount());
  }

  @Test
  void theBookBackJournalsWhoAskedTheRunAndTheProofWithTheOrder() throws Exception {
    TestProbe<Agent.Published> journaled = h.kit.createTestProbe();
    ActorRef<Agent.Command> agent = listenedAgent("r3", journaled.getRef());
    long px = buyFilled(h, agent, KAKAO, 5);
    OrderOutcome.Accepted lost = (OrderOutcome.Accepted) join(h.kis.rest().orderCash(
        OrderCashRequest.limit("KRX", OrderSide.BUY, KAKAO.code(), 1, px)));
    run();
    awaitTrue("parked", () -> h.state(agent).parked());
    TestProbe<StatusReply<String>> p = h.kit.createTestProbe();
    h.reconciler.tell(new ReconcilerActor.BookBackOrders(new AgentId("r3"), "kim",
        Optional.of("mark seq 40, journal 31"), p.getRef()));
    assertTrue(p.receiveMessage(WAIT).isSuccess());

    OrderRequested booked = journaled.fishForMessage(WAIT, m -> m.event() instanceof OrderRequested r
            && r.reason().startsWith("booked back") ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore())
        .stream().map(m -> (OrderRequested) m.event()).reduce((a, b) -> b).orElseThrow();
    String reason = booked.reason();
    assertTrue(reason.contains("asked by kim") && reason.contains("reconcile run at")
        && reason.contains("mark seq 40, journal 31") && reason.contains(lost.odno()), reason);
    Order o = h.state(agent).orderByNo(OrderNo.of(lost.odno())).orElseThrow();
    assertTrue(o.status().isLive(), "still working at KIS, as the account says: " + o.status());
  }

  /** As {@link LiveHarness#agent}, telling {@code listener} every journaled event. */
  private ActorRef<Agent.Command> listenedAgent(String id, ActorRef<Agent.Published> listener) throws Exception {
    AgentId aid = new AgentId(id);
    TestProbe<ActorRef<kis.actors.agent.OrderPort>> port = h.kit.createTestProbe();
    h.gateway.tell(new kis.actors.gateway.OrderGateway.GetOrderPort(port.getRef()));
    ActorRef<Agent.Command> a = h.kit.spawn(Agent.create(kis.actors.agent.AgentSettings.of(aid)
        .withCosts(kis.journal.CostModel.KIS_2026), port.receiveMessage(WAIT),
        java.time.Clock.system(LiveHarness.SEOUL), listener), "agent-" + id);
    h.gateway.tell(new kis.actors.gateway.OrderGateway.RegisterAgent(aid, a));
    h.agents.put(aid, a);
    return a;
  }

  @Test
  void aDifferenceThatLastsIsDriftAfterItsGraceAndParksTheAgent() throws Exception {
    ActorRef<Agent.Command> agent = h.agent("r2");
    long px = join(h.kis.rest().inquirePrice(KAKAO.code())).stckPrpr();
    // The books say 10 KAKAO; the account holds none and lists no order that would explain them.
    TestProbe<StatusReply<Done>> ack = h.kit.createTestProbe();
    agent.tell(new Agent.CorrectPosition(KAKAO, 10, px, "test-1", "books that lost their sale", ack.getRef()));
    assertTrue(ack.receiveMessage(WAIT).isSuccess());

    ReconcileReport first = run();
    assertTrue(first.drifts().isEmpty() && first.alarms().isEmpty(), "within its grace: " + first);
    assertEquals(1, first.pendingDrifts().size(), first::toString);
    assertFalse(h.state(agent).parked());

    ReconcileReport second = run();
    assertEquals(1, second.drifts().size(), second::toString);
    assertEquals(-10, second.drifts().get(0).difference());
    awaitTrue("parked", () -> h.state(agent).parked());
    assertTrue(h.state(agent).parkReason().contains("position drift"), h.state(agent).parkReason());
  }

  @Test
  void anOnDemandRunJoinsTheRunInProgressAndGetsItsReport() {
    TestProbe<StatusReply<ReconcileReport>> asked = h.kit.createTestProbe();
    TestProbe<StatusReply<ReconcileReport>> joined = h.kit.createTestProbe();
    h.reconciler.tell(new ReconcilerActor.RunNow(asked.getRef()));
    h.reconciler.tell(new ReconcilerActor.JoinRun(joined.getRef()));

    ReconcileReport a = asked.receiveMessage(WAIT).getValue();
    ReconcileReport j = joined.receiveMessage(WAIT).getValue();

    assertSame(a, j, "one run answered both");
  }
}
