package kis.actors.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import kis.actors.agent.OrderPort;
import kis.actors.risk.KillSwitchState;
import kis.journal.AgentId;
import kis.journal.ClientOrderId;
import kis.journal.OrderNo;
import kis.journal.OrderSpec;
import kis.journal.OrderType;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.Venue;
import org.junit.jupiter.api.Test;

/** The gateway's admission table, state by state and message kind by message kind. */
class GatewayStateTest {
  static final Symbol SAMSUNG = Symbol.of("005930");
  static final AgentId A = new AgentId("s1");
  static final KillSwitchState ENGAGED = new KillSwitchState(true, "drill", "tester", Instant.EPOCH, null, null);
  static final OrderPort ORDER = new OrderPort.SendOrder(new ClientOrderId("s1-1"), A,
      OrderSpec.limit(SAMSUNG, Side.BUY, 1, 70_000), null);
  static final OrderPort REVISE = new OrderPort.SendRevise(new ClientOrderId("s1-2"), A, OrderNo.of("9002"), "06010",
      SAMSUNG, OrderType.LIMIT, 1, 69_900, null, Venue.KRX);
  static final OrderPort CANCEL = new OrderPort.SendCancel(new ClientOrderId("s1-3"), A, OrderNo.of("9003"), "06010",
      SAMSUNG, OrderType.LIMIT, 1, null, Venue.KRX);

  @Test
  void aNewGatewayHoldsOrdersAndRevisesUntilTheKillSwitchSpeaksButLetsCancelsOut() {
    GatewayState s = GatewayState.initial();
    assertInstanceOf(GatewayState.Hold.class, s.admit(ORDER));
    assertInstanceOf(GatewayState.Hold.class, s.admit(REVISE));
    assertInstanceOf(GatewayState.Send.class, s.admit(CANCEL));
  }

  @Test
  void latchedRefusesOrdersAndRevisesWithWhoAndWhyAndLetsCancelsOut() {
    GatewayState s = GatewayState.initial().killSwitch(ENGAGED);
    GatewayState.Refuse r = assertInstanceOf(GatewayState.Refuse.class, s.admit(ORDER));
    assertEquals("RISK_KILL_SWITCH", r.code());
    assertTrue(r.why().contains("tester") && r.why().contains("drill"), r.why());
    assertInstanceOf(GatewayState.Refuse.class, s.admit(REVISE));
    assertInstanceOf(GatewayState.Send.class, s.admit(CANCEL));
    assertInstanceOf(GatewayState.Send.class, s.killSwitch(KillSwitchState.OFF).admit(ORDER), "the reset reopens");
  }

  @Test
  void closedRefusesEverythingAsEngineStoppingAndTheKillSwitchCannotReopenIt() {
    GatewayState closed = new GatewayState.Closed();
    for (OrderPort m : new OrderPort[] {ORDER, REVISE, CANCEL}) {
      GatewayState.Refuse r = assertInstanceOf(GatewayState.Refuse.class, closed.admit(m));
      assertEquals("ENGINE_STOPPING", r.code());
    }
    assertInstanceOf(GatewayState.Closed.class, closed.killSwitch(KillSwitchState.OFF));
    assertInstanceOf(GatewayState.Closed.class, closed.killSwitch(ENGAGED));
  }
}
