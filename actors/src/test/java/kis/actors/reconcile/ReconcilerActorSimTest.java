package kis.actors.reconcile;

import static kis.actors.live.LiveHarness.WAIT;
import static kis.actors.live.LiveHarness.awaitTrue;
import static kis.actors.live.LiveHarness.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import kis.actors.agent.Agent;
import kis.actors.live.LiveHarness;
import kis.connector.rest.OrderCashRequest;
import kis.connector.rest.OrderOutcome;
import kis.connector.rest.OrderSide;
import kis.journal.ClientOrderId;
import kis.journal.OrderSpec;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.state.Order;
import kis.journal.state.OrderStatus;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The reconciler actor's gap fill and external-order finding against kis-sim. */
@ExtendWith(LogCapturingExtension.class)
class ReconcilerActorSimTest {
  static final Symbol KAKAO = Symbol.of("035720");
  LiveHarness h;

  @BeforeEach
  void start() throws Exception {
    h = new LiveHarness("");
    h.feedNotices();
  }

  @AfterEach
  void stop() {
    h.close();
  }

  ReconcileReport run() {
    return h.reconcile();
  }

  @Test
  void fillsWhoseNoticesWereLostAreBookedFromTheInquiryAndTheReportIsKept() throws Exception {
    ActorRef<Agent.Command> agent = h.agent("r1");
    long px = join(h.kis.rest().inquirePrice(KAKAO.code())).stckPrpr();
    TestProbe<StatusReply<ClientOrderId>> placed = h.kit.createTestProbe();
    agent.tell(new Agent.PlaceOrder(OrderSpec.limit(KAKAO, Side.BUY, 5, px), "test", placed.getRef()));
    ClientOrderId id = placed.receiveMessage(WAIT).getValue();
    awaitTrue("accepted", () -> h.state(agent).order(id).map(o -> o.status() == OrderStatus.WORKING).orElse(false));
    h.sim.faults().loseNotices(Integer.MAX_VALUE);

    h.trade(KAKAO.code(), px, 5);
    awaitTrue("the sim's fill", () -> h.sim.account().todaysFills().stream().mapToLong(f -> f.qty()).sum() == 5);
    assertEquals(0, h.state(agent).order(id).orElseThrow().filledQuantity(), "no notice came");
    ReconcileReport report = run();

    assertEquals(1, report.eventsFor("r1").size(), report.toString());
    awaitTrue("filled", () -> h.state(agent).order(id).map(o -> o.status() == OrderStatus.FILLED).orElse(false));
    Order o = h.state(agent).order(id).orElseThrow();
    assertEquals(5 * px, o.filledValue());
    assertEquals(5, h.state(agent).position(KAKAO).quantity());
    assertTrue(o.seenExecKeys().stream().allMatch(k -> k.startsWith("inq:")), o.seenExecKeys().toString());
    TestProbe<Optional<ReconcileReport>> last = h.kit.createTestProbe();
    h.reconciler.tell(new ReconcilerActor.GetLastReport(last.getRef()));
    assertEquals(Optional.of(report), last.receiveMessage(WAIT));
    assertTrue(run().eventsFor("r1").isEmpty(), "a second run finds nothing more");
  }

  @Test
  void anOrderNoAgentPlacedIsReportedAsExternal() throws Exception {
    h.agent("r2");
    long px = join(h.kis.rest().inquirePrice(KAKAO.code())).stckPrpr();
    OrderOutcome.Accepted byHand = (OrderOutcome.Accepted) join(h.kis.rest().orderCash(
        OrderCashRequest.limit("KRX", OrderSide.BUY, KAKAO.code(), 1, px)));

    ReconcileReport report = run();

    assertTrue(report.externalOrders().stream().anyMatch(o -> o.orderNo().value().equals(byHand.odno())),
        report.toString());
    assertTrue(report.eventsFor("r2").isEmpty());
  }
}
