package kis.actors.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import kis.actors.agent.Agent;
import kis.actors.agent.OrderPort;
import kis.actors.risk.KillSwitchState;
import kis.connector.rest.OrderOutcome;
import kis.journal.AgentId;
import kis.journal.ClientOrderId;
import kis.journal.OrderNo;
import kis.journal.OrderSpec;
import kis.journal.OrderType;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.Venue;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The gateway's states (waiting for the kill switch, open, latched, closed), through the agents'
 * port. Without a REST client: a message the gateway lets through reaches its REST call, which
 * cannot be made, so it comes back refused {@code NOT_SENT} and counts in {@link OrderGateway.Stats#sent()};
 * a message the state refuses comes back with the state's code and is never counted as sent.
 */
@ExtendWith(LogCapturingExtension.class)
class OrderGatewayStatesTest {
  static final ActorTestKit kit = ActorTestKit.create();
  static final Symbol SAMSUNG = Symbol.of("005930");
  static final AgentId A = new AgentId("g1");
  static final KillSwitchState ENGAGED = new KillSwitchState(true, "drill", "tester", Instant.EPOCH, null, null);
  static final Duration QUIET = Duration.ofMillis(200);

  final TestProbe<Agent.Command> agent = kit.createTestProbe();
  final ActorRef<Object> both = kit.spawn(OrderGateway.createWithPort(null, GatewaySettings.real(), Clock.systemUTC()));
  final ActorRef<OrderGateway.Command> gateway = both.narrow();
  final ActorRef<OrderPort> port = both.narrow();

  @AfterAll
  static void shutdown() {
    kit.shutdownTestKit();
  }

  OrderPort.SendOrder order(int n) {
    return new OrderPort.SendOrder(new ClientOrderId("g1-" + n), A, OrderSpec.limit(SAMSUNG, Side.BUY, 1, 70_000),
        agent.getRef());
  }

  OrderPort.SendRevise revise(int n) {
    return new OrderPort.SendRevise(new ClientOrderId("g1-" + n), A, OrderNo.of("900" + n), "06010", SAMSUNG,
        OrderType.LIMIT, 1, 69_900, agent.getRef(), Venue.KRX);
  }

  OrderPort.SendCancel cancel(int n) {
    return new OrderPort.SendCancel(new ClientOrderId("g1-" + n), A, OrderNo.of("900" + n), "06010", SAMSUNG,
        OrderType.LIMIT, 1, agent.getRef(), Venue.KRX);
  }

  long sent() {
    TestProbe<OrderGateway.Stats> stats = kit.createTestProbe();
    gateway.tell(new OrderGateway.GetStats(stats.getRef()));
    return stats.receiveMessage().sent();
  }

  /** The reply to an order the gateway sent (its REST call failed, so: not sent by the connector). */
  void expectSentOrder(int n) {
    Agent.BrokerRejected r = agent.expectMessageClass(Agent.BrokerRejected.class);
    assertEquals(new ClientOrderId("g1-" + n), r.orderId());
    assertEquals(OrderOutcome.NotSent.CODE, r.msgCd(), "it reached the REST call");
  }

  void expectSentModify(int n) {
    Agent.BrokerModifyRejected r = agent.expectMessageClass(Agent.BrokerModifyRejected.class);
    assertEquals(new ClientOrderId("g1-" + n), r.orderId());
    assertEquals(OrderOutcome.NotSent.CODE, r.msgCd(), "it reached the REST call");
  }

  void close() {
    TestProbe<Done> closed = kit.createTestProbe();
    gateway.tell(new OrderGateway.Close(closed.getRef()));
    closed.expectMessage(Done.getInstance());
  }

  @Test
  void ordersWaitUntilTheLatchIsKnownAndThenGoOutIfItIsOff() {
    port.tell(order(1));
    port.tell(cancel(2));
    expectSentModify(2);
    agent.expectNoMessage(QUIET);
    assertEquals(1, sent(), "cancels never wait; the order waits");
    gateway.tell(new OrderGateway.KillSwitchNow(KillSwitchState.OFF));
    expectSentOrder(1);
    assertEquals(2, sent());
  }

  @Test
  void ordersWaitingForTheLatchAreRefusedWhenItTurnsOutEngaged() {
    port.tell(order(1));
    agent.expectNoMessage(QUIET);
    gateway.tell(new OrderGateway.KillSwitchNow(ENGAGED));
    assertEquals("RISK_KILL_SWITCH", agent.expectMessageClass(Agent.BrokerRejected.class).msgCd());
    assertEquals(0, sent());
  }

  @Test
  void whileEngagedNewOrdersAndRevisesGoBackRefusedAndCancelsPassUntilTheReset() {
    gateway.tell(new OrderGateway.KillSwitchNow(ENGAGED));
    port.tell(order(1));
    Agent.BrokerRejected r = agent.expectMessageClass(Agent.BrokerRejected.class);
    assertEquals("RISK_KILL_SWITCH", r.msgCd());
    port.tell(revise(3));
    assertEquals("RISK_KILL_SWITCH", agent.expectMessageClass(Agent.BrokerModifyRejected.class).msgCd());
    assertEquals(0, sent(), "neither reached KIS");
    port.tell(cancel(2));
    expectSentModify(2);
    assertEquals(1, sent());

    gateway.tell(new OrderGateway.KillSwitchNow(
        new KillSwitchState(false, "drill", "tester", Instant.EPOCH, "operator", Instant.EPOCH)));
    port.tell(order(4));
    expectSentOrder(4);
    assertEquals(2, sent());
  }

  @Test
  void onceClosedEveryOrderReviseAndCancelGoesBackRefusedAsEngineStopping() {
    gateway.tell(new OrderGateway.KillSwitchNow(KillSwitchState.OFF));
    port.tell(order(1));
    expectSentOrder(1);
    close();
    port.tell(order(2));
    port.tell(revise(3));
    port.tell(cancel(4));
    assertEquals(GatewayState.ENGINE_STOPPING, agent.expectMessageClass(Agent.BrokerRejected.class).msgCd());
    assertEquals(GatewayState.ENGINE_STOPPING, agent.expectMessageClass(Agent.BrokerModifyRejected.class).msgCd());
    assertEquals(GatewayState.ENGINE_STOPPING, agent.expectMessageClass(Agent.BrokerModifyRejected.class).msgCd());
    assertEquals(1, sent(), "nothing after the close reached KIS");
    // Closed is for good: the kill switch's reset does not reopen it.
    gateway.tell(new OrderGateway.KillSwitchNow(KillSwitchState.OFF));
    port.tell(order(5));
    assertEquals(GatewayState.ENGINE_STOPPING, agent.expectMessageClass(Agent.BrokerRejected.class).msgCd());
    close();
  }

  @Test
  void closingRefusesWhatWaitsForTheLatchAndAnswersAfterRefusingIt() {
    port.tell(order(1));
    TestProbe<Done> closed = kit.createTestProbe();
    gateway.tell(new OrderGateway.Close(closed.getRef()));
    assertEquals(GatewayState.ENGINE_STOPPING, agent.expectMessageClass(Agent.BrokerRejected.class).msgCd());
    closed.expectMessage(Done.getInstance());
    gateway.tell(new OrderGateway.KillSwitchNow(KillSwitchState.OFF));
    agent.expectNoMessage(QUIET);
    assertEquals(0, sent());
  }
}
