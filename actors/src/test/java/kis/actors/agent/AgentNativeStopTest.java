package kis.actors.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import kis.journal.AgentId;
import kis.journal.ClientOrderId;
import kis.journal.OrderNo;
import kis.journal.OrderType;
import kis.journal.ProtectiveId;
import kis.journal.ProtectiveSpec;
import kis.journal.RejectReason;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.event.AgentEvent;
import kis.journal.event.CancelRequested;
import kis.journal.event.FillSource;
import kis.journal.event.OrderRequested;
import kis.journal.event.ProtectiveArmed;
import kis.journal.event.ProtectiveCancelled;
import kis.journal.event.ProtectiveTriggered;
import kis.journal.state.AgentState;
import kis.journal.state.OrderStatus;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The agent's side of a native stop-limit: armed with its KIS order in one write and sent once;
 * its first fill journals the trigger; a crash after the write (a restart before KIS answered)
 * leaves the order in doubt, never re-sent, and the reconciler's verdict decides: found, it stays
 * armed and fires on its fill; not found, it is cancelled. Disarming cancels its order at KIS.
 */
class AgentNativeStopTest {
  static final ActorTestKit testKit = ActorTestKit.create(AgentTestKits.config());
  static final Symbol S = Symbol.of("005930");
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T01:00:00Z"), ZoneId.of("Asia/Seoul"));
  static final LocalDate DAY = LocalDate.of(2026, 11, 24);
  static final Instant CLOSE = Instant.parse("2026-11-24T06:30:00Z");
  static final ProtectiveId P1 = new ProtectiveId("a1-p1");
  static final ClientOrderId STOP_ORDER = new ClientOrderId("a1-1");
  static final ProtectiveSpec STOP = ProtectiveSpec.stopLimit(S, Side.SELL, 10, 69_000, 68_900);

  final TestProbe<OrderPort> port = testKit.createTestProbe(OrderPort.class);
  final EventSourcedBehaviorTestKit<Agent.Command, AgentEvent, AgentState> es = EventSourcedBehaviorTestKit.create(
      testKit.system(), Agent.create(AgentSettings.of(new AgentId("a1")), port.getRef(), CLOCK));

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void holdTen() {
    es.clear();
    es.<StatusReply<Done>>runCommand(r -> new Agent.CorrectPosition(S, 10, 70_000, "c1", "start", r));
  }

  private EventSourcedBehaviorTestKit.CommandResultWithReply<Agent.Command, AgentEvent, AgentState, StatusReply<Done>>
      armAtKis() {
    return es.runCommand(rt -> new Agent.ArmProtective(List.of(STOP), "stop", DAY, CLOSE, rt, true));
  }

  private void fill(long qty, String key) {
    es.runCommand(new Agent.BrokerFill(OrderNo.of("2"), qty, 68_900, key, "100000", FillSource.NOTICE));
  }

  @Test
  void armingJournalsTheStopAndItsKisOrderInOneWriteSendsItOnceAndItsFirstFillTriggersIt() {
    var r = armAtKis();
    assertEquals(2, r.events().size(), "one write: " + r.events());
    ProtectiveArmed armed = assertInstanceOf(ProtectiveArmed.class, r.events().get(0));
    assertEquals(STOP_ORDER, armed.venueOrder());
    OrderRequested order = assertInstanceOf(OrderRequested.class, r.events().get(1));
    assertEquals(OrderType.STOP_LIMIT, order.spec().type());
    assertEquals(69_000, order.spec().stopPrice());
    assertEquals(68_900, order.spec().price());
    OrderPort.SendOrder sent = port.expectMessageClass(OrderPort.SendOrder.class);
    assertEquals(STOP_ORDER, sent.orderId());
    assertEquals(order.spec(), sent.spec());
    port.expectNoMessage(Duration.ofMillis(100));

    es.runCommand(new Agent.BrokerAccepted(STOP_ORDER, OrderNo.of("2"), "06010", "090100", false));
    assertTrue(es.getState().protections().get(P1).isPresent(), "resting at KIS: armed");
    fill(4, "e1");
    assertTrue(es.getState().protections().armed().isEmpty(), "its first fill: it fired");
    assertEquals(1, es.getState().protections().fired());
    fill(6, "e2");
    assertEquals(OrderStatus.FILLED, es.getState().order(STOP_ORDER).orElseThrow().status());
    assertEquals(0, es.getState().position(S).quantity());
    port.expectNoMessage(Duration.ofMillis(100));
  }

  @Test
  void theFirstFillsWriteCarriesTheTrigger() {
    armAtKis();
    es.runCommand(new Agent.BrokerAccepted(STOP_ORDER, OrderNo.of("2"), "06010", "090100", false));
    var r = es.runCommand(new Agent.BrokerFill(OrderNo.of("2"), 10, 68_900, "e1", "100000", FillSource.NOTICE));
    assertEquals(2, r.events().size(), r.events().toString());
    ProtectiveTriggered t = assertInstanceOf(ProtectiveTriggered.class, r.events().get(1));
    assertEquals(P1, t.protectiveId());
    assertEquals(STOP_ORDER, t.childOrderId());
    assertEquals(68_900, t.printPrice());
  }

  @Test
  void aRestartBeforeKisAnsweredLeavesTheOrderInDoubtNeverResentAndTheReconcilersFindKeepsItArmed() {
    armAtKis();
    port.expectMessageClass(OrderPort.SendOrder.class);
    es.restart(); // the process died after the write, before KIS's reply was journaled
    awaitStatus(OrderStatus.IN_DOUBT);
    port.expectNoMessage(Duration.ofMillis(200));
    assertTrue(es.getState().protections().get(P1).isPresent());
    var found = es.<StatusReply<Done>>runCommand(r -> new Agent.ResolveInDoubt(STOP_ORDER,
        Optional.of(OrderNo.of("2")), "06010", r));
    assertTrue(found.reply().isSuccess());
    assertTrue(es.getState().protections().get(P1).isPresent(), "found resting at KIS: still armed");
    var r = es.runCommand(new Agent.BrokerFill(OrderNo.of("2"), 10, 68_900, "e1", "100000", FillSource.NOTICE));
    assertInstanceOf(ProtectiveTriggered.class, r.events().get(1));
    port.expectNoMessage(Duration.ofMillis(100));
  }

  @Test
  void anOrderThatNeverReachedKisCancelsTheStopWithTheReason() {
    armAtKis();
    port.expectMessageClass(OrderPort.SendOrder.class);
    es.restart();
    awaitStatus(OrderStatus.IN_DOUBT);
    var r = es.<StatusReply<Done>>runCommand(rt -> new Agent.ResolveInDoubt(STOP_ORDER, Optional.empty(), null, rt));
    ProtectiveCancelled c = assertInstanceOf(ProtectiveCancelled.class, r.events().get(1));
    assertTrue(c.reason().contains(STOP_ORDER.value()), c.reason());
    assertTrue(es.getState().protections().armed().isEmpty());
    port.expectNoMessage(Duration.ofMillis(200));
  }

  @Test
  void disarmingCancelsItsOrderAtKisAndIsRefusedBeforeKisNumberedIt() {
    armAtKis();
    port.expectMessageClass(OrderPort.SendOrder.class);
    var early = es.<StatusReply<Done>>runCommand(rt -> new Agent.DisarmProtective(P1, "", rt));
    assertEquals(RejectReason.AGENT_ORDER_NOT_WORKING, OrderRefused.reasonOf(early.reply().getError()).orElseThrow());
    es.runCommand(new Agent.BrokerAccepted(STOP_ORDER, OrderNo.of("2"), "06010", "090100", false));
    var off = es.<StatusReply<Done>>runCommand(rt -> new Agent.DisarmProtective(P1, "", rt));
    assertInstanceOf(ProtectiveCancelled.class, off.events().get(0));
    assertEquals(STOP_ORDER, assertInstanceOf(CancelRequested.class, off.events().get(1)).orderId());
    OrderPort.SendCancel cancel = port.expectMessageClass(OrderPort.SendCancel.class);
    assertEquals(OrderType.STOP_LIMIT, cancel.type());
    es.runCommand(new Agent.BrokerCancelled(STOP_ORDER, false));
    assertEquals(OrderStatus.CANCELLED, es.getState().order(STOP_ORDER).orElseThrow().status());
  }

  @Test
  void aParkedAgentArmsTheStopEmulatedSayingWhy() {
    es.<StatusReply<Done>>runCommand(rt -> new Agent.Park("operator", rt));
    var r = armAtKis();
    ProtectiveArmed a = assertInstanceOf(ProtectiveArmed.class, r.event());
    assertNull(a.venueOrder());
    assertTrue(a.reason().contains("emulated"), a.reason());
    port.expectNoMessage(Duration.ofMillis(100));
    assertNotNull(es.getState().protections().get(P1).orElseThrow());
  }

  private void awaitStatus(OrderStatus status) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (es.getState().order(STOP_ORDER).orElseThrow().status() != status) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(STOP_ORDER + " never became " + status);
      }
      Thread.onSpinWait();
    }
  }
}
