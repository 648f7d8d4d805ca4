package kis.actors.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import kis.journal.AgentId;
import kis.journal.ClientOrderId;
import kis.journal.OrderNo;
import kis.journal.OrderSpec;
import kis.journal.OrderType;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.Venue;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The one way the order path says no: an order is rejected, a revise or cancel's modify is. */
class OrderPortRefusalTest {
  static final ActorTestKit kit = ActorTestKit.create();
  static final AgentId A = new AgentId("a");
  static final ClientOrderId ID = ClientOrderId.of(A, 7);
  static final Symbol S = Symbol.of("005930");

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
  }

  @Test
  void anOrderIsAnsweredBrokerRejectedAndAReviseOrCancelBrokerModifyRejected() {
    TestProbe<Agent.Command> agent = kit.createTestProbe();
    OrderPort.refuse(new OrderPort.SendOrder(ID, A, OrderSpec.limit(S, Side.BUY, 1, 70_000), agent.getRef()),
        "KT-X", "why");
    assertEquals(new Agent.BrokerRejected(ID, "KT-X", "why"), agent.receiveMessage());

    OrderPort.refuse(new OrderPort.SendRevise(ID, A, OrderNo.of("1"), "06010", S, OrderType.LIMIT, 1, 70_100,
        agent.getRef(), Venue.KRX), "KT-X", "why");
    assertEquals(new Agent.BrokerModifyRejected(ID, "KT-X", "why"), agent.receiveMessage());

    OrderPort.refuse(new OrderPort.SendCancel(ID, A, OrderNo.of("1"), "06010", S, OrderType.LIMIT, 1,
        agent.getRef(), Venue.KRX), "KT-X", "why");
    assertEquals(new Agent.BrokerModifyRejected(ID, "KT-X", "why"), agent.receiveMessage());
  }
}
