package kis.actors.gateway;

import static kis.actors.live.LiveHarness.WAIT;
import static kis.actors.live.LiveHarness.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import kis.actors.agent.Agent;
import kis.actors.agent.OrderPort;
import kis.actors.live.LiveHarness;
import kis.actors.risk.KillSwitchState;
import kis.connector.assembly.KisConnector;
import kis.journal.AgentId;
import kis.journal.ClientOrderId;
import kis.journal.OrderSpec;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.sim.FaultControl;
import kis.sim.OrderLog;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The gateway tells "not sent" from "in doubt": kis-sim stalls the one order on the wire (one
 * connection), the next waits in the connector's queue past its deadline. The first is in doubt;
 * the second is a definite refusal ({@code NOT_SENT}) and the sim's order log shows it never arrived.
 */
@ExtendWith(LogCapturingExtension.class)
class OrderGatewayNotSentSimTest {
  static final Symbol SAMSUNG = Symbol.of("005930");
  static final AgentId AGENT = new AgentId("a1");

  LiveHarness h;

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void anOrderStalledOnTheWireIsInDoubtAndOneStillQueuedAtItsDeadlineIsRefusedAsNotSent() throws Exception {
    h = new LiveHarness("");
    KisConnector kis = KisConnector.create(h.kit.system(),
        // Long enough for the connect deadline derived from it (3/4) on loaded cores: at 300 ms the
        // token call's connection failed at 225 ms under load, and at 2 s (a 1.5 s connect) the
        // stalled order's connection failed once at a load of 50 on 2 cores.
        h.config("max-connections = 1, order-timeout = 4s, order-queue-timeout = 5s, read-timeout = 6s"),
        h.credentials());
    join(kis.tokens().accessToken());
    ActorRef<OrderGateway.Command> gateway = h.kit.spawn(OrderGateway.create(kis.rest(),
        GatewaySettings.real().withRate(50, Duration.ofSeconds(1), 5), Clock.system(LiveHarness.SEOUL)), "gw-deadline");
    gateway.tell(new OrderGateway.KillSwitchNow(KillSwitchState.OFF));
    h.sim.faults().restTimeout(Duration.ofSeconds(10));
    h.sim.faults().failRest(FaultControl.RestFault.TIMEOUT, false, 1, "order-cash");

    TestProbe<Agent.Command> first = h.kit.createTestProbe();
    TestProbe<Agent.Command> second = h.kit.createTestProbe();
    gateway.tell(new OrderGateway.Send(new OrderPort.SendOrder(ClientOrderId.of(AGENT, 1), AGENT,
        OrderSpec.limit(SAMSUNG, Side.BUY, 11, 70_000), first.getRef())));
    gateway.tell(new OrderGateway.Send(new OrderPort.SendOrder(ClientOrderId.of(AGENT, 2), AGENT,
        OrderSpec.limit(SAMSUNG, Side.BUY, 12, 70_000), second.getRef())));

    List<Agent.Command> replies = List.of(first.receiveMessage(WAIT), second.receiveMessage(WAIT));
    Agent.Command doubt = replies.stream().filter(r -> r instanceof Agent.BrokerInDoubt).findFirst()
        .orElseThrow(() -> new AssertionError("one order in doubt: " + replies));
    Agent.BrokerRejected refused = (Agent.BrokerRejected) replies.stream()
        .filter(r -> r instanceof Agent.BrokerRejected).findFirst()
        .orElseThrow(() -> new AssertionError("one order refused as not sent: " + replies));
    assertEquals("NOT_SENT", refused.msgCd());
    assertTrue(refused.message().startsWith("not sent"), refused.message());

    // The stall ends; a fresh order goes through, and the refused one never reached the sim.
    // Until the stalled request ends, its connection stays taken: later orders are not sent either.
    long end = System.nanoTime() + WAIT.toNanos();
    Agent.Command fresh;
    long seq = 3;
    do {
      assertTrue(System.nanoTime() < end, "no order went through after the stall");
      TestProbe<Agent.Command> third = h.kit.createTestProbe();
      gateway.tell(new OrderGateway.Send(new OrderPort.SendOrder(ClientOrderId.of(AGENT, seq++), AGENT,
          OrderSpec.limit(SAMSUNG, Side.BUY, 13, 70_000), third.getRef())));
      fresh = third.receiveMessage(WAIT);
      if (fresh instanceof Agent.BrokerRejected r) {
        assertEquals("NOT_SENT", r.msgCd());
      }
    } while (!(fresh instanceof Agent.BrokerAccepted));
    List<OrderLog.Entry> log = h.sim.orderLog().entries();
    String refusedQty = refused.orderId().equals(ClientOrderId.of(AGENT, 1)) ? "\"11\"" : "\"12\"";
    assertTrue(log.stream().noneMatch(e -> e.body().contains("\"ORD_QTY\":" + refusedQty)),
        "the not-sent order never reached the sim: " + log);
    assertEquals(2, log.size(), "the stalled order and the fresh one: " + log);
    assertEquals(OrderLog.Outcome.FAULT_NOT_APPLIED, log.get(0).outcome());

    TestProbe<OrderGateway.Stats> stats = h.kit.createTestProbe();
    gateway.tell(new OrderGateway.GetStats(stats.getRef()));
    OrderGateway.Stats s = stats.receiveMessage(WAIT);
    assertEquals(1, s.inDoubt(), "only the stalled order is in doubt");
    assertEquals(s.notSent(), s.rejected(), "every refusal here is a not-sent one");
    assertEquals(1, s.accepted());
    assertTrue(doubt instanceof Agent.BrokerInDoubt);
  }
}
