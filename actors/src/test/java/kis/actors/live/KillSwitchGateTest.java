package kis.actors.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import kis.actors.agent.Agent;
import kis.actors.agent.OrderPort;
import kis.actors.risk.KillSwitchState;
import kis.journal.AgentId;
import kis.journal.ClientOrderId;
import kis.journal.OrderNo;
import kis.journal.OrderSpec;
import kis.journal.OrderType;
import kis.journal.Side;
import kis.journal.Symbol;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class KillSwitchGateTest {
  static final ActorTestKit kit = ActorTestKit.create();
  static final Symbol SAMSUNG = Symbol.of("005930");
  static final AgentId A = new AgentId("g1");
  static final KillSwitchState ENGAGED = new KillSwitchState(true, "drill", "tester", Instant.EPOCH, null, null);

  final TestProbe<OrderPort> gateway = kit.createTestProbe();
  final TestProbe<Agent.Command> agent = kit.createTestProbe();
  final ActorRef<Object> gate = kit.spawn(KillSwitchGate.create(gateway.getRef()));

  @AfterAll
  static void shutdown() {
    kit.shutdownTestKit();
  }

  OrderPort.SendOrder order(int n) {
    return new OrderPort.SendOrder(new ClientOrderId("g1-" + n), A, OrderSpec.limit(SAMSUNG, Side.BUY, 1, 70_000),
        agent.getRef());
  }

  OrderPort.SendCancel cancel(int n) {
    return new OrderPort.SendCancel(new ClientOrderId("g1-" + n), A, OrderNo.of("900" + n), "06010", SAMSUNG,
        OrderType.LIMIT, 1, agent.getRef());
  }

  @Test
  void ordersWaitUntilTheLatchIsKnownAndThenGoOutIfItIsOff() {
    gate.tell(order(1));
    gate.tell(cancel(2));
    assertEquals(cancel(2), gateway.receiveMessage(), "cancels never wait");
    gateway.expectNoMessage(Duration.ofMillis(200));
    gate.tell(KillSwitchState.OFF);
    assertEquals(order(1), gateway.receiveMessage());
  }

  @Test
  void whileEngagedNewOrdersAndRevisesGoBackRefusedAndCancelsPassUntilTheReset() {
    gate.tell(ENGAGED);
    gate.tell(order(1));
    Agent.BrokerRejected r = agent.expectMessageClass(Agent.BrokerRejected.class);
    assertEquals("RISK_KILL_SWITCH", r.msgCd());
    gate.tell(new OrderPort.SendRevise(new ClientOrderId("g1-3"), A, OrderNo.of("9003"), "06010", SAMSUNG,
        OrderType.LIMIT, 1, 69_900, agent.getRef()));
    assertEquals("RISK_KILL_SWITCH", agent.expectMessageClass(Agent.BrokerModifyRejected.class).msgCd());
    gate.tell(cancel(2));
    assertEquals(cancel(2), gateway.receiveMessage());
    gateway.expectNoMessage(Duration.ofMillis(100));

    gate.tell(new KillSwitchState(false, "drill", "tester", Instant.EPOCH, "operator", Instant.EPOCH));
    gate.tell(order(4));
    assertEquals(order(4), gateway.receiveMessage());
  }
}
