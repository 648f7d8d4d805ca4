package kis.actors.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Map;
import java.util.Optional;
import kis.actors.agent.Agent;
import kis.actors.agent.OrderPort;
import kis.actors.risk.KillSwitchState;
import kis.adapter.BrokerReport;
import kis.adapter.Decoded;
import kis.adapter.KisNotices;
import kis.connector.rest.OrderSide;
import kis.connector.ws.KisFeedEvent.ExecutionNotice;
import kis.connector.ws.KisFeedEvent.NoticeKind;
import kis.journal.AgentId;
import kis.journal.ClientOrderId;
import kis.journal.OrderNo;
import kis.journal.OrderSpec;
import kis.journal.OrderType;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.Venue;
import kis.journal.event.FillSource;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Notice routing in the gateway actor, without REST: fills, confirmations, repeats, strays. The
 * notices are decoded by kis-adapter as the supervisor does; the gateway sees reports only.
 */
@ExtendWith(LogCapturingExtension.class)
class OrderGatewayNoticeTest {
  static final ActorTestKit kit = ActorTestKit.create();
  static final AgentId A = new AgentId("a");
  static final ClientOrderId ORDER = ClientOrderId.of(A, 1);

  final TestProbe<OrderGateway.Unrouted> reconciler = kit.createTestProbe();
  final TestProbe<Agent.Command> agent = kit.createTestProbe();
  // No order is sent in these tests, so no REST client is needed.
  final ActorRef<OrderGateway.Command> gateway = kit.spawn(OrderGateway.create(null, GatewaySettings.real(),
      Clock.systemUTC()));

  void watch() {
    gateway.tell(new OrderGateway.WatchUnrouted(reconciler.getRef()));
  }

  void notice(ExecutionNotice n) {
    gateway.tell(new OrderGateway.ReportReceived(KisNotices.decode(n)));
  }

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
  }

  static ExecutionNotice fill(String odno, long qty, long price, String time) {
    return new ExecutionNotice(odno, "", OrderSide.BUY, "0", "00", "0", "005930", qty, price, LocalTime.parse(time),
        false, NoticeKind.FILL, "2", "06010", 10, 70_000);
  }

  static ExecutionNotice confirmation(String odno, String original, String rvseCncl, long orderPrice) {
    return new ExecutionNotice(odno, original, OrderSide.BUY, rvseCncl, "00", "0", "005930", 10, orderPrice,
        LocalTime.parse("09:01:00"), false, NoticeKind.ACCEPTANCE, "2", "06010", 10, orderPrice);
  }

  void own(String odno) {
    gateway.tell(new OrderGateway.RegisterAgent(A, agent.getRef()));
    gateway.tell(new OrderGateway.RegisterOrders(A, Map.of(OrderNo.of(odno), ORDER)));
  }

  @Test
  void aFillNoticeReachesTheOwningAgentOnceWithAKeyFromItsFields() {
    own("123");
    notice((fill("0000000123", 3, 70_000, "09:00:01")));
    notice((fill("0000000123", 3, 70_000, "09:00:01")));
    notice((fill("0000000123", 2, 70_100, "09:00:02")));

    Agent.BrokerFill first = agent.expectMessageClass(Agent.BrokerFill.class);
    assertEquals(new Agent.BrokerFill(OrderNo.of("123"), 3, 70_000, "n:0000000123:090001:3:70000", "090001",
        FillSource.NOTICE), first);
    assertEquals(2, agent.expectMessageClass(Agent.BrokerFill.class).quantity(), "the repeat was dropped");
    agent.expectNoMessage(Duration.ofMillis(100));
  }

  @Test
  void aFillNoticeTellsTheAgentTheBookItExecutedOn() {
    own("124");
    ExecutionNotice f = fill("0000000124", 3, 70_000, "17:00:01");
    notice(new ExecutionNotice(f.odno(), f.orgnOdno(), f.side(), f.rvseCnclCls(), f.ordDvsn(), f.ordCond(), f.symbol(),
        f.qty(), f.price(), f.time(), f.refused(), f.kind(), f.acptYn(), f.branchNo(), f.orderQty(), f.orderPrice(),
        "4")); // SOR routed to NXT

    assertEquals(Venue.NXT, agent.expectMessageClass(Agent.BrokerFill.class).venue());
  }

  @Test
  void reviseAndCancelConfirmationsNameTheOriginalsOrder() {
    own("200");
    notice((confirmation("201", "200", "1", 69_900)));
    assertEquals(new Agent.BrokerRevised(ORDER, OrderNo.of("201"), 69_900, false),
        agent.expectMessageClass(Agent.BrokerRevised.class));
    // The revised number now belongs to the same order: its cancel routes too.
    notice((confirmation("202", "201", "2", 0)));
    assertEquals(new Agent.BrokerCancelled(ORDER, false), agent.expectMessageClass(Agent.BrokerCancelled.class));
  }

  @Test
  void aNoticeNoAgentOwnsGoesToTheReconciler() {
    watch();
    notice((fill("0000000999", 1, 70_000, "09:00:03")));
    OrderGateway.Unrouted u = reconciler.receiveMessage();
    assertEquals(Optional.of(OrderNo.of("999")), u.report().orderNo());
    TestProbe<OrderGateway.Stats> stats = kit.createTestProbe();
    gateway.tell(new OrderGateway.GetStats(stats.getRef()));
    assertEquals(1, stats.receiveMessage().unrouted());
  }

  @Test
  void aReportUnroutedBeforeTheReconcilerWatchesIsHandedToItWhenItDoes() {
    notice((fill("0000000998", 1, 70_000, "09:00:04")));
    reconciler.expectNoMessage(Duration.ofMillis(100));
    watch();
    assertEquals(Optional.of(OrderNo.of("998")), reconciler.receiveMessage().report().orderNo());
  }

  @Test
  void aNoticeWithAnUnknownCodeGoesToTheReconcilerEvenForAnOwnedOrder() {
    own("300");
    watch();
    ExecutionNotice odd = new ExecutionNotice("300", "", OrderSide.BUY, "7", "00", "0", "005930", 10, 70_000,
        LocalTime.parse("09:02:00"), false, NoticeKind.ACCEPTANCE, "2", "06010", 10, 70_000);
    notice(odd);
    OrderGateway.Unrouted u = reconciler.receiveMessage();
    assertEquals(BrokerReport.Unreadable.class, u.report().getClass());
    assertEquals("unknown RCTF_CLS '7'", u.why());
    agent.expectNoMessage(Duration.ofMillis(100));
  }

  @Test
  void receiptsAndNewOrderConfirmationsChangeNothingForTheAgent() {
    own("400");
    watch();
    notice(new ExecutionNotice("400", "", OrderSide.BUY, "0", "00", "0", "005930", 10, 70_000,
        LocalTime.parse("09:03:00"), false, NoticeKind.ACCEPTANCE, "1", "06010", 10, 70_000));
    notice(confirmation("400", "", "0", 70_000));
    agent.expectNoMessage(Duration.ofMillis(100));
    reconciler.expectNoMessage(Duration.ZERO);
  }

  @Test
  void anOrderKisCannotTakeIsRefusedWithTheAdaptersReasonAndNeverSent() {
    // KIS takes no stop-limit through SOR; with no REST client here, a send would fail differently
    // (NOT_SENT), so the code proves nothing was attempted.
    TestProbe<Agent.Command> replies = kit.createTestProbe();
    gateway.tell(new OrderGateway.KillSwitchNow(KillSwitchState.OFF));
    gateway.tell(new OrderGateway.Send(new OrderPort.SendOrder(ORDER, A, new OrderSpec(Symbol.of("005930"), Side.BUY,
        OrderType.STOP_LIMIT, 1, 70_000, kis.journal.Venue.SOR, 69_000), replies.getRef())));
    Agent.BrokerRejected r = replies.expectMessageClass(Agent.BrokerRejected.class);
    assertEquals(Decoded.UNKNOWN_CODE, r.msgCd(), r.message());
    assertTrue(r.message().contains("SOR takes no stop-limit"), r.message());
  }
}
