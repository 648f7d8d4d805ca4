package kis.actors.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import kis.actors.agent.Agent;
import kis.actors.agent.OrderPort;
import kis.journal.AgentId;
import kis.journal.ClientOrderId;
import kis.journal.OrderSpec;
import kis.journal.Side;
import kis.journal.Symbol;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * An agent's order route: through the runner until the runner opened it and handed on everything
 * the agent sent that way, then straight to the gateway; each message takes exactly one way, and
 * none overtakes one sent before it.
 */
class PortSwitchTest {
  static final ActorTestKit KIT = ActorTestKit.create();
  static final AgentId A = new AgentId("sw1");
  static final AgentId OLD = new AgentId("sw0");
  static final Duration QUIET = Duration.ofMillis(100);

  @AfterAll
  static void shutdown() {
    KIT.shutdownTestKit();
  }

  static OrderPort order(AgentId agent, int n) {
    ActorRef<Agent.Command> replyTo = KIT.system().ignoreRef();
    return new OrderPort.SendOrder(new ClientOrderId(agent.value() + "-" + n), agent,
        OrderSpec.market(Symbol.of("005930"), Side.BUY, 1), replyTo);
  }

  @Test
  void aClosedSwitchSendsEverythingThroughTheRunner() {
    TestProbe<OrderPort> runner = KIT.createTestProbe();
    PortSwitch route = new PortSwitch(A, runner.getRef());
    route.tell(order(A, 1));
    route.tell(order(A, 2));
    assertEquals(order(A, 1), runner.receiveMessage());
    assertEquals(order(A, 2), runner.receiveMessage());
  }

  @Test
  void anOpenSwitchWithNothingOutstandingGoesStraightToTheGateway() {
    TestProbe<OrderPort> runner = KIT.createTestProbe();
    TestProbe<OrderPort> gateway = KIT.createTestProbe();
    PortSwitch route = new PortSwitch(A, runner.getRef());
    route.open(gateway.getRef());
    route.tell(order(A, 1));
    assertEquals(order(A, 1), gateway.receiveMessage());
    runner.expectNoMessage(QUIET);
  }

  @Test
  void messagesKeepTakingTheRunnerUntilItHandedOnAllTheAgentSentThatWay() {
    TestProbe<OrderPort> runner = KIT.createTestProbe();
    TestProbe<OrderPort> gateway = KIT.createTestProbe();
    PortSwitch route = new PortSwitch(A, runner.getRef());
    route.tell(order(A, 1));
    // Opened while order 1 still waits in the runner's mailbox: order 2 must not overtake it.
    route.open(gateway.getRef());
    route.tell(order(A, 2));
    assertEquals(order(A, 1), runner.receiveMessage());
    assertEquals(order(A, 2), runner.receiveMessage());
    gateway.expectNoMessage(QUIET);

    route.handedOn();
    route.tell(order(A, 3));
    assertEquals(order(A, 3), runner.receiveMessage(), "order 2 is not handed on yet");
    route.handedOn();
    route.handedOn();
    route.tell(order(A, 4));
    assertEquals(order(A, 4), gateway.receiveMessage());
    runner.expectNoMessage(QUIET);
  }

  @Test
  void theRunnerCountsOnlyTheMessagesOfTheSwitchsOwnAgent() {
    PortSwitch route = new PortSwitch(A, KIT.system().ignoreRef());
    assertEquals(true, route.carries(order(A, 1)));
    assertEquals(false, route.carries(order(OLD, 1)), "a fresh start's old agent's messages are not this route's");
  }
}
