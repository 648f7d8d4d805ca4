package kis.actors.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import kis.journal.AgentId;
import kis.journal.ClientOrderId;
import kis.journal.OrderSpec;
import kis.journal.ProtectiveId;
import kis.journal.ProtectiveSpec;
import kis.journal.RejectReason;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.TimeInForce;
import kis.journal.Trail;
import kis.journal.event.AgentEvent;
import kis.journal.event.OrderDenied;
import kis.journal.event.OrderRequested;
import kis.journal.event.ProtectiveArmed;
import kis.journal.event.ProtectiveCancelled;
import kis.journal.event.ProtectiveTriggered;
import kis.journal.state.AgentState;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The agent's protective-order commands: what each journals in one write, and what it sends after. */
class AgentProtectiveTest {
  static final ActorTestKit testKit = ActorTestKit.create(AgentTestKits.config());
  static final Symbol S = Symbol.of("005930");
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T01:00:00Z"), ZoneId.of("Asia/Seoul"));
  static final LocalDate DAY = LocalDate.of(2026, 11, 24);
  static final Instant CLOSE = Instant.parse("2026-11-24T06:30:00Z");
  static final ProtectiveId P1 = new ProtectiveId("a1-p1");

  final TestProbe<OrderPort> port = testKit.createTestProbe(OrderPort.class);
  final EventSourcedBehaviorTestKit<Agent.Command, AgentEvent, AgentState> es = EventSourcedBehaviorTestKit.create(
      testKit.system(), Agent.create(AgentSettings.of(new AgentId("a1")), port.getRef(), CLOCK));

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void clear() {
    es.clear();
  }

  private void hold(long shares) {
    es.<StatusReply<Done>>runCommand(r -> new Agent.CorrectPosition(S, shares, 70_000, "c1", "start", r));
  }

  private static ProtectiveStep fire(ProtectiveId id, long price) {
    return new ProtectiveStep(id, ProtectiveStep.Kind.FIRED, 0, 0, price, OrderSpec.market(S, Side.SELL, 10), null,
        null);
  }

  @Test
  void aBracketJournalsItsEntryAndExitsInOneWriteThenSendsTheEntry() {
    var r = es.<StatusReply<ClientOrderId>>runCommand(rt -> new Agent.PlaceBracket(OrderSpec.limit(S, Side.BUY, 10,
        70_000), List.of(ProtectiveSpec.stopMarket(S, Side.SELL, 10, 69_000),
        ProtectiveSpec.takeProfitMarket(S, Side.SELL, 10, 72_000)), "bracket", null, null, DAY, CLOSE, rt));
    assertEquals(3, r.events().size());
    OrderRequested entry = assertInstanceOf(OrderRequested.class, r.events().get(0));
    assertEquals(entry.orderId(), r.reply().getValue());
    ProtectiveArmed stop = assertInstanceOf(ProtectiveArmed.class, r.events().get(1));
    assertEquals(entry.orderId(), stop.parent());
    assertEquals(stop.ocoGroup(), ((ProtectiveArmed) r.events().get(2)).ocoGroup());
    assertEquals(DAY.plusDays(1).atStartOfDay(ZoneId.of("Asia/Seoul")).toInstant(), stop.expiresAt(), "DAY");
    assertEquals(entry.orderId(), port.expectMessageClass(OrderPort.SendOrder.class).orderId());
  }

  @Test
  void aBracketWhoseExitsCannotBeArmedIsJournaledAsTheEntrysDenialAndNothingIsSent() {
    var r = es.<StatusReply<ClientOrderId>>runCommand(rt -> new Agent.PlaceBracket(OrderSpec.limit(S, Side.BUY, 10,
        70_000), List.of(ProtectiveSpec.stopMarket(S, Side.SELL, 10, 69_050)), "bracket", null, null, DAY, CLOSE, rt));
    OrderDenied d = assertInstanceOf(OrderDenied.class, r.event());
    assertEquals(RejectReason.KRX_TICK_SIZE, d.reason());
    assertTrue(r.reply().isError());
    assertTrue(r.state().protections().armed().isEmpty());
    port.expectNoMessage(Duration.ofMillis(100));
  }

  @Test
  void aFireJournalsTheTriggerAndTheChildRequestTogetherSendsTheChildOnceAndNeverAgain() {
    hold(10);
    es.<StatusReply<Done>>runCommand(rt -> new Agent.ArmProtective(List.of(ProtectiveSpec.trailingStop(S, Side.SELL, 10, Trail.ticks(5))
        .until(TimeInForce.GOOD_TILL_CLOSE)), "trail", DAY, CLOSE, rt));
    assertEquals(CLOSE, es.getState().protections().get(P1).orElseThrow().expiresAt(), "GOOD_TILL_CLOSE");
    var first = es.<StatusReply<Done>>runCommand(rt -> new Agent.ApplyProtectiveSteps(List.of(fire(P1, 69_000)),
        CLOCK.instant(), rt));
    assertInstanceOf(ProtectiveTriggered.class, first.events().get(0));
    OrderRequested child = assertInstanceOf(OrderRequested.class, first.events().get(1));
    assertEquals(child.orderId(), port.expectMessageClass(OrderPort.SendOrder.class).orderId());
    var again = es.<StatusReply<Done>>runCommand(rt -> new Agent.ApplyProtectiveSteps(List.of(fire(P1, 68_900)),
        CLOCK.instant(), rt));
    assertEquals(List.of(), again.events());
    port.expectNoMessage(Duration.ofMillis(100));
  }

  @Test
  void aParkedAgentsFireIsJournaledWithItsChildDeniedAndNothingSent() {
    hold(10);
    es.<StatusReply<Done>>runCommand(rt -> new Agent.ArmProtective(List.of(ProtectiveSpec.stopMarket(S, Side.SELL, 10, 69_000)), "stop",
        DAY, CLOSE, rt));
    es.<StatusReply<Done>>runCommand(rt -> new Agent.Park("operator", rt));
    var r = es.<StatusReply<Done>>runCommand(rt -> new Agent.ApplyProtectiveSteps(List.of(fire(P1, 69_000)),
        CLOCK.instant(), rt));
    assertInstanceOf(ProtectiveTriggered.class, r.events().get(0));
    assertEquals(RejectReason.AGENT_PARKED, assertInstanceOf(OrderDenied.class, r.events().get(1)).reason());
    port.expectNoMessage(Duration.ofMillis(100));
  }

  @Test
  void aTrailDecidedOnOlderBooksIsLeftOutAndDisarmingTwiceIsRefused() {
    es.<StatusReply<Done>>runCommand(rt -> new Agent.ArmProtective(List.of(ProtectiveSpec.trailingStop(S, Side.SELL, 10,
        Trail.ticks(5))), "trail", DAY, CLOSE, rt));
    es.<StatusReply<Done>>runCommand(rt -> new Agent.ApplyProtectiveSteps(List.of(new ProtectiveStep(P1, ProtectiveStep.Kind.TRAILED,
        70_500, 71_000, 0, null, null, null)), CLOCK.instant(), rt));
    var back = es.<StatusReply<Done>>runCommand(rt -> new Agent.ApplyProtectiveSteps(List.of(new ProtectiveStep(P1,
        ProtectiveStep.Kind.TRAILED, 70_300, 70_800, 0, null, null, null)), CLOCK.instant(), rt));
    assertEquals(List.of(), back.events());
    assertEquals(70_500, es.getState().protections().get(P1).orElseThrow().trigger());
    var off = es.<StatusReply<Done>>runCommand(rt -> new Agent.DisarmProtective(P1, "", rt));
    assertEquals("disarmed", assertInstanceOf(ProtectiveCancelled.class, off.event()).reason());
    var twice = es.<StatusReply<Done>>runCommand(rt -> new Agent.DisarmProtective(P1, "", rt));
    assertEquals(RejectReason.AGENT_UNKNOWN_ORDER, OrderRefused.reasonOf(twice.reply().getError()).orElseThrow());
  }
}
