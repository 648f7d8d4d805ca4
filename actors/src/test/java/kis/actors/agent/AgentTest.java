package kis.actors.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import kis.journal.CostModel;
import kis.journal.OrderNo;
import kis.journal.OrderSpec;
import kis.journal.RejectReason;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.Venue;
import kis.journal.event.AgentEvent;
import kis.journal.event.CancelRequested;
import kis.journal.event.FillSource;
import kis.journal.event.OrderAccepted;
import kis.journal.event.OrderDenied;
import kis.journal.event.OrderExpired;
import kis.journal.event.OrderFilled;
import kis.journal.event.OrderInDoubt;
import kis.journal.event.OrderRequested;
import kis.journal.state.AgentState;
import kis.journal.state.Order;
import kis.journal.state.OrderStatus;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Commands → events → state, with a test probe standing in for the order gateway. */
@ExtendWith(LogCapturingExtension.class)
class AgentTest {
  static final ActorTestKit testKit = ActorTestKit.create(AgentTestKits.config());
  static final Symbol SAMSUNG = Symbol.of("005930");
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T01:00:00Z"), ZoneId.of("Asia/Seoul"));
  static final AgentId A1 = new AgentId("a1");

  final TestProbe<OrderPort> port = testKit.createTestProbe(OrderPort.class);
  final EventSourcedBehaviorTestKit<Agent.Command, AgentEvent, AgentState> es =
      EventSourcedBehaviorTestKit.create(testKit.system(), Agent.create(AgentSettings.of(A1), port.getRef(), CLOCK));

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void clear() {
    es.clear();
  }

  private EventSourcedBehaviorTestKit.CommandResultWithReply<Agent.Command, AgentEvent, AgentState,
      StatusReply<ClientOrderId>> place(OrderSpec spec) {
    return es.runCommand(r -> new Agent.PlaceOrder(spec, "test", r));
  }

  private ClientOrderId placeAndAccept(OrderSpec spec, int odno) {
    ClientOrderId id = place(spec).reply().getValue();
    port.expectMessageClass(OrderPort.SendOrder.class);
    es.runCommand(new Agent.BrokerAccepted(id, OrderNo.of(String.valueOf(odno)), "06010", "090000", false));
    return id;
  }

  private static RejectReason reason(StatusReply<?> reply) {
    assertTrue(reply.isError(), "expected a refusal, got " + reply);
    return OrderRefused.reasonOf(reply.getError()).orElseThrow();
  }

  private Order order(ClientOrderId id) {
    return es.getState().order(id).orElseThrow();
  }

  @Test
  void placeJournalsTheIntentBeforeHandingTheOrderToThePort() {
    OrderSpec spec = OrderSpec.limit(SAMSUNG, Side.BUY, 10, 70_000);
    var result = place(spec);
    ClientOrderId id = result.reply().getValue();
    assertEquals(new ClientOrderId("a1-1"), id);
    assertEquals(new OrderRequested(id, spec, "test", CLOCK.instant()), result.event());
    OrderPort.SendOrder sent = port.expectMessageClass(OrderPort.SendOrder.class);
    assertEquals(id, sent.orderId());
    assertEquals(spec, sent.spec());
    assertEquals(OrderStatus.REQUESTED, result.state().order(id).orElseThrow().status());
  }

  @Test
  void aRiskGuardDenialIsJournaledWithItsReasonUsesUpTheIdAndIsNeverSent() {
    // The tick grid and the ±30 % band are the risk guard's (RiskGuardTest); its denial lands here.
    OrderSpec offGrid = OrderSpec.limit(SAMSUNG, Side.BUY, 10, 70_050);
    var result = es.<StatusReply<ClientOrderId>>runCommand(
        r -> new Agent.DenyOrder(offGrid, RejectReason.KRX_TICK_SIZE, "70050 is off the 100-won tick grid", r));
    assertEquals(RejectReason.KRX_TICK_SIZE, reason(result.reply()));
    assertEquals(OrderDenied.class, result.event().getClass());
    Order denied = result.state().order(new ClientOrderId("a1-1")).orElseThrow();
    assertEquals(OrderStatus.DENIED, denied.status());
    assertTrue(denied.lastMessage().startsWith("KRX_TICK_SIZE"), denied.lastMessage());
    port.expectNoMessage(Duration.ofMillis(100));
    assertEquals(new ClientOrderId("a1-2"), place(OrderSpec.limit(SAMSUNG, Side.BUY, 1, 70_000)).reply().getValue());
  }

  @Test
  void sellingSharesTheAgentDoesNotHoldIsDenied() {
    assertEquals(RejectReason.RISK_INSUFFICIENT_POSITION,
        reason(place(OrderSpec.limit(SAMSUNG, Side.SELL, 1, 70_000)).reply()));
  }

  @Test
  void aParkedAgentRefusesOrdersWithoutJournalingThem() {
    es.<StatusReply<Done>>runCommand(r -> new Agent.Park("operator", r));
    var result = place(OrderSpec.limit(SAMSUNG, Side.BUY, 1, 70_000));
    assertEquals(RejectReason.AGENT_PARKED, reason(result.reply()));
    assertTrue(result.hasNoEvents());
    es.<StatusReply<Done>>runCommand(r -> new Agent.Resume("operator", r));
    assertTrue(place(OrderSpec.limit(SAMSUNG, Side.BUY, 1, 70_000)).reply().isSuccess());
  }

  @Test
  void aBookBackIsRefusedUnlessParkedAndThenJournalsTheAccountsOrderInOneWriteWithoutSendingIt() {
    kis.adapter.account.AccountOrder lost = kis.adapter.account.AccountOrder.newOrder(OrderNo.of("0000777"), "06010",
        Side.BUY, SAMSUNG, 3, 70_000, java.time.LocalTime.parse("09:30:00"), 3, 210_000, 0, 0);
    LocalDate day = LocalDate.parse("2026-11-24");
    StatusReply<Integer> refused = es.<StatusReply<Integer>>runCommand(
        r -> new Agent.BookBack(List.of(lost), day, "asked by kim", r)).reply();
    assertTrue(refused.isError() && refused.getError().getMessage().contains("park"), refused.toString());

    es.<StatusReply<Done>>runCommand(r -> new Agent.Park("reconcile: unowned 0000777", r));
    var booked = es.<StatusReply<Integer>>runCommand(r -> new Agent.BookBack(List.of(lost), day, "asked by kim", r));

    assertEquals(1, booked.reply().getValue());
    assertTrue(booked.events().get(0) instanceof OrderRequested req && req.reason().contains("asked by kim"),
        booked.events().toString());
    assertEquals(3, booked.state().position(SAMSUNG).quantity());
    assertEquals(OrderStatus.FILLED, booked.state().orderByNo(OrderNo.of("0000777")).orElseThrow().status());
    port.expectNoMessage(Duration.ofMillis(100));
    var again = es.<StatusReply<Integer>>runCommand(r -> new Agent.BookBack(List.of(lost), day, "asked by kim", r));
    assertEquals(0, again.reply().getValue());
    assertTrue(again.hasNoEvents());
  }

  @Test
  void anOrderFilledAtSeveralPricesPaysFeeAndTaxRoundedOnceOnItsTotal() {
    ClientOrderId id = placeAndAccept(OrderSpec.limit(SAMSUNG, Side.BUY, 10, 70_300), 1001);
    es.runCommand(new Agent.BrokerFill(OrderNo.of("1001"), 3, 70_100, "e1", "090101", FillSource.NOTICE));
    es.runCommand(new Agent.BrokerFill(OrderNo.of("1001"), 3, 70_200, "e2", "090102", FillSource.NOTICE));
    es.runCommand(new Agent.BrokerFill(OrderNo.of("1001"), 4, 70_300, "e3", "090103", FillSource.NOTICE));
    long total = 3 * 70_100 + 3 * 70_200 + 4 * 70_300;
    assertEquals(total, order(id).filledValue());
    // Rounded per fill it would be 97 won; KIS rounds the order's 702,100 won once: 98.
    assertEquals(CostModel.KIS_2026.fee(total), es.getState().fees());
    assertEquals(98, es.getState().fees());
  }

  @Test
  void fillsAreJournaledWithTheirCostsAndARepeatedReportChangesNothing() {
    ClientOrderId id = placeAndAccept(OrderSpec.limit(SAMSUNG, Side.BUY, 10, 70_000), 1001);
    var first = es.runCommand(new Agent.BrokerFill(OrderNo.of("1001"), 4, 70_000, "e1", "090101", FillSource.NOTICE));
    OrderFilled f = first.eventOfType(OrderFilled.class);
    assertEquals(CostModel.KIS_2026.fee(280_000), f.fee());
    assertEquals(0, f.tax());
    assertTrue(es.runCommand(new Agent.BrokerFill(OrderNo.of("1001"), 4, 70_000, "e1", "090101", FillSource.NOTICE))
        .hasNoEvents());
    assertEquals(4, order(id).filledQuantity());
    assertEquals(OrderStatus.PARTIALLY_FILLED, order(id).status());
    assertEquals(4, es.getState().position(SAMSUNG).quantity());
  }

  @Test
  void anInquiryFillComputedBeforeANoticeCountedTheSameSharesChangesNothing() {
    ClientOrderId id = placeAndAccept(OrderSpec.limit(SAMSUNG, Side.BUY, 10, 70_000), 1001);
    // The reconciler read the order with nothing filled and KIS reporting 4; the notice of those 4
    // lands before the reconciler's correction does.
    es.runCommand(new Agent.BrokerFill(OrderNo.of("1001"), 4, 70_000, "e1", "090101", FillSource.NOTICE));
    assertTrue(es.runCommand(new Agent.BrokerFill(OrderNo.of("1001"), 4, 70_000, "inq:0000001001:4", "090200",
        FillSource.INQUIRY, 0)).hasNoEvents());
    assertEquals(4, order(id).filledQuantity());
    assertEquals(4, es.getState().position(SAMSUNG).quantity());
    assertEquals(0, es.getState().anomalyCount());
    // A correction computed from the books as they are applies.
    es.runCommand(new Agent.BrokerFill(OrderNo.of("1001"), 6, 70_000, "inq:0000001001:10", "090300",
        FillSource.INQUIRY, 4));
    assertEquals(10, order(id).filledQuantity());
    assertEquals(OrderStatus.FILLED, order(id).status());
  }

  @Test
  void cancelSendsOnlyTheRemainderAndTheConfirmationClosesTheOrder() {
    ClientOrderId id = placeAndAccept(OrderSpec.limit(SAMSUNG, Side.BUY, 10, 70_000), 1001);
    es.runCommand(new Agent.BrokerFill(OrderNo.of("1001"), 4, 70_000, "e1", "090101", FillSource.NOTICE));
    var result = es.<StatusReply<Done>>runCommand(r -> new Agent.CancelOrder(id, "test", r));
    assertTrue(result.reply().isSuccess());
    assertEquals(CancelRequested.class, result.event().getClass());
    OrderPort.SendCancel cancel = port.expectMessageClass(OrderPort.SendCancel.class);
    assertEquals(6, cancel.remainingQuantity());
    assertEquals(OrderNo.of("1001"), cancel.orderNo());
    assertEquals("06010", cancel.branchNo());
    es.runCommand(new Agent.BrokerCancelled(id, false));
    assertEquals(OrderStatus.CANCELLED, order(id).status());
    assertEquals(6, order(id).cancelledQuantity());
    assertTrue(es.getState().openOrders().isEmpty());
    assertTrue(es.runCommand(new Agent.BrokerCancelled(id, false)).hasNoEvents(), "a repeated confirmation");
  }

  @Test
  void reviseGoesOutAtTheNewPriceAndTheConfirmationMovesTheOrder() {
    ClientOrderId id = placeAndAccept(OrderSpec.limit(SAMSUNG, Side.BUY, 10, 70_000), 1001);
    assertTrue(es.<StatusReply<Done>>runCommand(r -> new Agent.ReviseOrder(id, 70_100, r)).reply().isSuccess());
    OrderPort.SendRevise revise = port.expectMessageClass(OrderPort.SendRevise.class);
    assertEquals(70_100, revise.newPrice());
    assertEquals(10, revise.remainingQuantity());
    assertEquals(OrderStatus.PENDING_REVISE, order(id).status());
    assertEquals(RejectReason.AGENT_ORDER_NOT_WORKING,
        reason(es.<StatusReply<Done>>runCommand(r -> new Agent.CancelOrder(id, "while revising", r)).reply()));
    es.runCommand(new Agent.BrokerRevised(id, OrderNo.of("2001"), 70_100, false));
    assertEquals(70_100, order(id).price());
    assertEquals(OrderStatus.WORKING, order(id).status());
    // A late fill under the pre-revise number still reaches the order.
    es.runCommand(new Agent.BrokerFill(OrderNo.of("1001"), 2, 70_000, "e1", "090101", FillSource.NOTICE));
    assertEquals(2, order(id).filledQuantity());
  }

  @Test
  void aReviseAndACancelGoToTheVenueTheOrderWasPlacedOn() {
    ClientOrderId id = placeAndAccept(OrderSpec.limit(SAMSUNG, Side.BUY, 10, 70_000).on(Venue.NXT), 1001);
    es.<StatusReply<Done>>runCommand(r -> new Agent.ReviseOrder(id, 70_100, r));
    assertEquals(Venue.NXT, port.expectMessageClass(OrderPort.SendRevise.class).venue());
    es.runCommand(new Agent.BrokerRevised(id, OrderNo.of("2001"), 70_100, false));

    es.<StatusReply<Done>>runCommand(r -> new Agent.CancelOrder(id, "test", r));
    assertEquals(Venue.NXT, port.expectMessageClass(OrderPort.SendCancel.class).venue());
    es.runCommand(new Agent.BrokerModifyRejected(id, "X", "refused for the test")); // working again

    ClientOrderId sor = placeAndAccept(OrderSpec.limit(SAMSUNG, Side.BUY, 5, 69_900).on(Venue.SOR), 1002);
    es.<StatusReply<Integer>>runCommand(r -> new Agent.CancelAllWorking("kill switch", r));
    java.util.Map<ClientOrderId, Venue> venues = new java.util.HashMap<>();
    for (int i = 0; i < 2; i++) {
      OrderPort.SendCancel c = port.expectMessageClass(OrderPort.SendCancel.class);
      venues.put(c.orderId(), c.venue());
    }
    assertEquals(java.util.Map.of(id, Venue.NXT, sor, Venue.SOR), venues);
  }

  @Test
  void aFillIsJournaledOnTheBookItsReportNamesElseOnTheOrdersVenue() {
    placeAndAccept(OrderSpec.limit(SAMSUNG, Side.BUY, 10, 70_000).on(Venue.SOR), 1001);

    var routed = es.runCommand(new Agent.BrokerFill(OrderNo.of("1001"), 4, 70_000, "e1", "090101", FillSource.NOTICE,
        -1, Venue.NXT));
    var unnamed = es.runCommand(new Agent.BrokerFill(OrderNo.of("1001"), 6, 70_000, "e2", "090102",
        FillSource.NOTICE));

    assertEquals(Venue.NXT, ((OrderFilled) routed.event()).venue());
    assertEquals(Venue.SOR, ((OrderFilled) unnamed.event()).venue());
  }

  @Test
  void modifyingAnUnknownOrNotYetAcceptedOrderIsRefused() {
    assertEquals(RejectReason.AGENT_UNKNOWN_ORDER, reason(es.<StatusReply<Done>>runCommand(
        r -> new Agent.CancelOrder(new ClientOrderId("a1-99"), "x", r)).reply()));
    ClientOrderId id = place(OrderSpec.limit(SAMSUNG, Side.BUY, 1, 70_000)).reply().getValue();
    assertEquals(RejectReason.AGENT_ORDER_NOT_WORKING,
        reason(es.<StatusReply<Done>>runCommand(r -> new Agent.CancelOrder(id, "x", r)).reply()));
  }

  @Test
  void anIllegalBrokerReportIsNotJournaled() {
    ClientOrderId id = place(OrderSpec.limit(SAMSUNG, Side.BUY, 1, 70_000)).reply().getValue();
    es.runCommand(new Agent.BrokerRejected(id, "40570000", "no money"));
    assertTrue(es.runCommand(new Agent.BrokerCancelled(id, false)).hasNoEvents());
    assertEquals(OrderStatus.REJECTED, order(id).status());
    assertEquals(0, es.getState().anomalyCount());
  }

  @Test
  void dayRollExpiresEveryLiveOrderInOneWrite() {
    ClientOrderId a = placeAndAccept(OrderSpec.limit(SAMSUNG, Side.BUY, 10, 70_000), 1001);
    ClientOrderId b = placeAndAccept(OrderSpec.limit(SAMSUNG, Side.BUY, 5, 69_900), 1002);
    es.runCommand(new Agent.BrokerFill(OrderNo.of("1001"), 10, 70_000, "e1", "090101", FillSource.NOTICE));
    var result = es.<StatusReply<Integer>>runCommand(r -> new Agent.ExpireWorkingOrders(LocalDate.of(2026, 11, 24), r));
    assertEquals(1, result.reply().getValue());
    assertEquals(List.of(OrderExpired.class), result.events().stream().map(Object::getClass).toList());
    assertEquals(OrderStatus.FILLED, order(a).status());
    assertEquals(OrderStatus.EXPIRED, order(b).status());
    assertEquals(0, es.<StatusReply<Integer>>runCommand(
        r -> new Agent.ExpireWorkingOrders(LocalDate.of(2026, 11, 24), r)).reply().getValue());
  }

  @Test
  void aRollNamingKrxsCloseExpiresTheKrxOrderAndLeavesTheNxtOneWorking() {
    // Requested at CLOCK's 10:00 KST; the 15:30 roll names KRX's close and NXT's last (Friday's 20:00).
    ClientOrderId krx = placeAndAccept(OrderSpec.limit(SAMSUNG, Side.BUY, 1, 70_000), 2001);
    ClientOrderId nxt = placeAndAccept(OrderSpec.limit(SAMSUNG, Side.BUY, 1, 69_900).on(kis.journal.Venue.NXT), 2002);
    java.util.Map<kis.journal.Venue, Instant> at1530 = new kis.journal.calendar.OrderLifetime(
        kis.journal.calendar.MarketCalendar.defaults()).closedBy(Instant.parse("2026-11-24T06:30:00Z"));
    var roll = es.<StatusReply<Integer>>runCommand(r -> new Agent.ExpireWorkingOrders(LocalDate.of(2026, 11, 24),
        at1530, r));
    assertEquals(1, roll.reply().getValue());
    assertEquals(OrderStatus.EXPIRED, order(krx).status());
    assertEquals(OrderStatus.WORKING, order(nxt).status(), "an NXT order outlives KRX's close");
    java.util.Map<kis.journal.Venue, Instant> at2000 = new kis.journal.calendar.OrderLifetime(
        kis.journal.calendar.MarketCalendar.defaults()).closedBy(Instant.parse("2026-11-24T11:00:00Z"));
    assertEquals(1, es.<StatusReply<Integer>>runCommand(r -> new Agent.ExpireWorkingOrders(LocalDate.of(2026, 11, 24),
        at2000, r)).reply().getValue());
    assertEquals(OrderStatus.EXPIRED, order(nxt).status(), "and ends at NXT's close");
  }

  @Test
  void aSessionRollLeavesOrdersKisHasNotAnsweredAndTheOvernightExpiryEndsThem() {
    ClientOrderId working = placeAndAccept(OrderSpec.limit(SAMSUNG, Side.BUY, 1, 70_000), 3001);
    ClientOrderId onItsWay = place(OrderSpec.limit(SAMSUNG, Side.BUY, 1, 69_900)).reply().getValue();
    port.expectMessageClass(OrderPort.SendOrder.class);
    ClientOrderId inDoubt = place(OrderSpec.limit(SAMSUNG, Side.BUY, 1, 69_800)).reply().getValue();
    port.expectMessageClass(OrderPort.SendOrder.class);
    es.runCommand(new Agent.BrokerInDoubt(inDoubt, "read timed out"));
    java.util.Map<kis.journal.Venue, Instant> at1530 = new kis.journal.calendar.OrderLifetime(
        kis.journal.calendar.MarketCalendar.defaults()).closedBy(Instant.parse("2026-11-24T06:30:00Z"));
    var roll = es.<StatusReply<Integer>>runCommand(r -> new Agent.ExpireWorkingOrders(LocalDate.of(2026, 11, 24),
        at1530, r));
    assertEquals(1, roll.reply().getValue());
    assertEquals(OrderStatus.EXPIRED, order(working).status());
    assertEquals(OrderStatus.REQUESTED, order(onItsWay).status(), "its answer may still come");
    assertEquals(OrderStatus.IN_DOUBT, order(inDoubt).status(), "the reconciler settles it");
    // A late acceptance makes it an order the agent owns, not one KIS holds for nobody.
    es.runCommand(new Agent.BrokerAccepted(onItsWay, OrderNo.of("3002"), "06010", "153000", false));
    assertEquals(OrderStatus.WORKING, order(onItsWay).status());
    var overnight = es.<StatusReply<Integer>>runCommand(r -> new Agent.ExpireWorkingOrders(LocalDate.of(2026, 11, 24), r));
    assertEquals(2, overnight.reply().getValue());
    assertEquals(OrderStatus.EXPIRED, order(onItsWay).status());
    assertEquals(OrderStatus.EXPIRED, order(inDoubt).status());
    assertEquals(0, es.getState().anomalyCount());
  }

  @Test
  void aPositionCorrectionIsJournaledOncePerFinding() {
    es.<StatusReply<Done>>runCommand(r -> new Agent.CorrectPosition(SAMSUNG, 5, 70_000, "rc-1", "balance", r));
    assertTrue(es.<StatusReply<Done>>runCommand(r -> new Agent.CorrectPosition(SAMSUNG, 5, 70_000, "rc-1", "balance", r))
        .hasNoEvents());
    assertEquals(5, es.getState().position(SAMSUNG).quantity());
  }

  @Test
  void restartRecoversTheSameState() {
    ClientOrderId id = placeAndAccept(OrderSpec.limit(SAMSUNG, Side.BUY, 10, 70_000), 1001);
    es.runCommand(new Agent.BrokerFill(OrderNo.of("1001"), 3, 70_000, "e1", "090101", FillSource.NOTICE));
    es.<StatusReply<Done>>runCommand(r -> new Agent.CancelOrder(id, "x", r));
    AgentState before = es.getState();
    AgentState after = es.restart().state();
    assertEquals(before, after);
    assertEquals(before.stateHash(), after.stateHash());
  }

  @Test
  void anOrderCaughtMidSendIsMarkedInDoubtAfterRestartAndBlocksNewOrdersUntilResolved() {
    ClientOrderId id = place(OrderSpec.limit(SAMSUNG, Side.BUY, 10, 70_000)).reply().getValue();
    port.expectMessageClass(OrderPort.SendOrder.class);
    es.restart();
    awaitStatus(id, OrderStatus.IN_DOUBT);
    port.expectNoMessage(Duration.ofMillis(100)); // never re-sent
    assertEquals(RejectReason.AGENT_NOT_RECONCILED,
        reason(place(OrderSpec.limit(SAMSUNG, Side.BUY, 1, 70_000)).reply()));
    var resolved = es.<StatusReply<Done>>runCommand(
        r -> new Agent.ResolveInDoubt(id, Optional.of(OrderNo.of("1001")), "06010", r));
    assertTrue(resolved.reply().isSuccess());
    assertEquals(OrderStatus.WORKING, order(id).status());
    assertTrue(place(OrderSpec.limit(SAMSUNG, Side.BUY, 1, 70_000)).reply().isSuccess());
  }

  private void awaitStatus(ClientOrderId id, OrderStatus status) {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (es.getState().order(id).orElseThrow().status() != status) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(id + " never became " + status + ": " + es.getState().order(id));
      }
      Thread.onSpinWait();
    }
    assertTrue(es.persistenceTestKit().persistedInStorage(Agent.persistenceId(A1).id()).stream()
        .anyMatch(e -> e instanceof OrderInDoubt));
  }

  @Test
  void anOrderWhoseIntentWasNotJournaledIsNeverHandedOn() {
    AgentId id = new AgentId("fails-once");
    TestProbe<OrderPort> gateway = testKit.createTestProbe(OrderPort.class);
    AgentSettings settings = new AgentSettings(id, CostModel.KIS_2026, 500, 2, Duration.ofMillis(10),
        Duration.ofMillis(50), 0.0);
    ActorRef<Agent.Command> agent = testKit.spawn(Agent.create(settings, gateway.getRef(), CLOCK));
    PersistenceTestKit journal = PersistenceTestKit.create(testKit.system());
    TestProbe<StatusReply<ClientOrderId>> reply = testKit.createTestProbe();
    journal.failNextPersisted();
    agent.tell(new Agent.PlaceOrder(OrderSpec.limit(SAMSUNG, Side.BUY, 1, 70_000), "x", reply.getRef()));
    reply.expectNoMessage(Duration.ofMillis(300));
    gateway.expectNoMessage(Duration.ofMillis(10));
    // After the backoff restart the agent works again.
    TestProbe<StatusReply<ClientOrderId>> again = testKit.createTestProbe();
    again.awaitAssert(Duration.ofSeconds(5), () -> {
      agent.tell(new Agent.PlaceOrder(OrderSpec.limit(SAMSUNG, Side.BUY, 1, 70_000), "x", again.getRef()));
      assertTrue(again.receiveMessage(Duration.ofMillis(500)).isSuccess());
      return null;
    });
    OrderPort.SendOrder sent = gateway.expectMessageClass(OrderPort.SendOrder.class);
    assertEquals(new ClientOrderId("fails-once-1"), sent.orderId(), "the failed intent used no id");
    gateway.expectNoMessage(Duration.ofMillis(100));
    journal.expectNextPersistedClass(Agent.persistenceId(id).id(), OrderRequested.class);
  }

  @Test
  void journalWritesFailingInARowParkTheAgentVisiblyWithoutARestartLoopUntilAnOperatorResumesIt() {
    AgentId id = new AgentId("disk-full");
    TestProbe<OrderPort> gateway = testKit.createTestProbe(OrderPort.class);
    AgentSettings settings = new AgentSettings(id, CostModel.KIS_2026, 500, 2, Duration.ofMillis(10),
        Duration.ofMillis(50), 0.0);
    ActorRef<Agent.Command> agent = testKit.spawn(Agent.create(settings, gateway.getRef(), CLOCK));
    PersistenceTestKit journal = PersistenceTestKit.create(testKit.system());
    journal.failNextNPersisted(Agent.PARK_AFTER_WRITE_FAILURES);
    TestProbe<StatusReply<ClientOrderId>> reply = testKit.createTestProbe();
    TestProbe<AgentState> state = testKit.createTestProbe();
    for (int i = 0; i < Agent.PARK_AFTER_WRITE_FAILURES; i++) {
      agent.tell(new Agent.PlaceOrder(OrderSpec.limit(SAMSUNG, Side.BUY, 1, 70_000), "x", reply.getRef()));
      reply.expectNoMessage(Duration.ofMillis(150)); // the write failed: no answer, nothing handed on
    }
    agent.tell(new Agent.GetState(state.getRef()));
    AgentState parked = state.receiveMessage(Duration.ofSeconds(5));
    assertTrue(parked.parked());
    assertTrue(parked.parkReason().contains("journal writes failed 3 times in a row"), parked.parkReason());

    // The journal would take writes again, but the agent does not try new orders until resumed.
    agent.tell(new Agent.PlaceOrder(OrderSpec.limit(SAMSUNG, Side.BUY, 1, 70_000), "x", reply.getRef()));
    StatusReply<ClientOrderId> refused = reply.receiveMessage(Duration.ofSeconds(5));
    assertTrue(refused.isError() && refused.getError().getMessage().startsWith("AGENT_PARKED"), refused.toString());
    gateway.expectNoMessage(Duration.ofMillis(50));
    journal.expectNothingPersisted(Agent.persistenceId(id).id());

    TestProbe<StatusReply<Done>> ack = testKit.createTestProbe();
    agent.tell(new Agent.Resume("kim", ack.getRef()));
    assertTrue(ack.receiveMessage(Duration.ofSeconds(5)).isSuccess());
    agent.tell(new Agent.PlaceOrder(OrderSpec.limit(SAMSUNG, Side.BUY, 1, 70_000), "x", reply.getRef()));
    assertTrue(reply.receiveMessage(Duration.ofSeconds(5)).isSuccess());
    gateway.expectMessageClass(OrderPort.SendOrder.class);
    agent.tell(new Agent.GetState(state.getRef()));
    assertTrue(!state.receiveMessage(Duration.ofSeconds(5)).parked());
  }

  @Test
  void cancelAllWorkingCancelsEveryOrderKisKnowsInOneWriteAndARepeatChangesNothing() {
    ClientOrderId a = placeAndAccept(OrderSpec.limit(SAMSUNG, Side.BUY, 10, 70_000), 1001);
    ClientOrderId b = placeAndAccept(OrderSpec.limit(SAMSUNG, Side.BUY, 5, 69_900), 1002);
    ClientOrderId awaiting = place(OrderSpec.limit(SAMSUNG, Side.BUY, 1, 69_800)).reply().getValue();
    port.expectMessageClass(OrderPort.SendOrder.class);

    var result = es.<StatusReply<Integer>>runCommand(r -> new Agent.CancelAllWorking("kill switch", r));
    assertEquals(2, result.reply().getValue());
    assertEquals(2, result.events().size());
    assertTrue(result.events().stream().allMatch(e -> e instanceof CancelRequested));
    java.util.Set<ClientOrderId> cancelled = java.util.Set.of(
        port.expectMessageClass(OrderPort.SendCancel.class).orderId(),
        port.expectMessageClass(OrderPort.SendCancel.class).orderId());
    assertEquals(java.util.Set.of(a, b), cancelled);
    assertEquals(OrderStatus.REQUESTED, order(awaiting).status(), "no order number yet: cancelled once accepted");

    var again = es.<StatusReply<Integer>>runCommand(r -> new Agent.CancelAllWorking("kill switch", r));
    assertEquals(0, again.reply().getValue());
    assertTrue(again.hasNoEvents());
    port.expectNoMessage(Duration.ofMillis(100));
  }
}
