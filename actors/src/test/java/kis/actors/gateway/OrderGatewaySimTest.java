package kis.actors.gateway;

import static kis.actors.live.LiveHarness.WAIT;
import static kis.actors.live.LiveHarness.awaitTrue;
import static kis.actors.live.LiveHarness.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import kis.actors.agent.Agent;
import kis.actors.live.LiveHarness;
import kis.actors.reconcile.ReconcileReport;
import kis.journal.ClientOrderId;
import kis.journal.KrxTick;
import kis.journal.OrderSpec;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.state.AgentState;
import kis.journal.state.Order;
import kis.journal.state.OrderStatus;
import kis.sim.FaultControl;
import kis.sim.OrderLog;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Agent + order gateway + reconciler against kis-sim on 127.0.0.1. */
@ExtendWith(LogCapturingExtension.class)
class OrderGatewaySimTest {
  static final Symbol KAKAO = Symbol.of("035720");
  static final Symbol SAMSUNG = Symbol.of("005930");
  // One symbol per resting-order test: a print fills older resting orders at its price first.
  static final Symbol NAVER = Symbol.of("035420");
  static final Symbol HYNIX = Symbol.of("000660");
  static final Symbol HYUNDAI = Symbol.of("005380");
  static final Symbol SAMSUNG_PREF = Symbol.of("005935");
  static LiveHarness h;
  static int agents;

  @BeforeAll
  static void start() throws Exception {
    h = new LiveHarness("");
    h.feedNotices();
  }

  @AfterEach
  void clearFaults() {
    h.sim.faults().clear();
  }

  @AfterAll
  static void stop() {
    h.close();
  }

  static long lastPrice(Symbol s) throws Exception {
    return join(h.kis.rest().inquirePrice(s.code())).stckPrpr();
  }

  static long held(Symbol s) {
    return h.sim.account().holdings().getOrDefault(s, 0L);
  }

  ClientOrderId place(ActorRef<Agent.Command> agent, OrderSpec spec) {
    TestProbe<StatusReply<ClientOrderId>> p = h.kit.createTestProbe();
    agent.tell(new Agent.PlaceOrder(spec, "test", p.getRef()));
    StatusReply<ClientOrderId> r = p.receiveMessage(WAIT);
    assertTrue(r.isSuccess(), () -> "placed: " + r);
    return r.getValue();
  }

  Order awaitOrder(ActorRef<Agent.Command> agent, ClientOrderId id, String what,
      java.util.function.Predicate<Order> p) throws InterruptedException {
    awaitTrue(what, () -> h.state(agent).order(id).filter(p).isPresent());
    return h.state(agent).order(id).orElseThrow();
  }

  List<OrderLog.Entry> orderCallsSince(int before) {
    List<OrderLog.Entry> all = h.sim.orderLog().entries();
    return all.subList(before, all.size());
  }

  ReconcileReport runReconciler() {
    return h.reconcile();
  }

  ActorRef<Agent.Command> newAgent() throws Exception {
    return h.agent("g" + (++agents));
  }

  @Test
  void placedOrderIsAcceptedThenFilledByATradeAndTheBooksMatchTheAccount() throws Exception {
    ActorRef<Agent.Command> agent = newAgent();
    long px = lastPrice(KAKAO);
    long heldBefore = held(KAKAO);
    int calls = h.sim.orderLog().size();

    ClientOrderId id = place(agent, OrderSpec.limit(KAKAO, Side.BUY, 10, px));
    Order working = awaitOrder(agent, id, "accepted", o -> o.status() == OrderStatus.WORKING);
    h.trade(KAKAO.code(), px, 10);
    Order filled = awaitOrder(agent, id, "filled", o -> o.status() == OrderStatus.FILLED);

    assertEquals(working.orderNo().value(), orderCallsSince(calls).get(0).odno());
    assertEquals(1, orderCallsSince(calls).size(), "sent once");
    assertEquals(10, filled.filledQuantity());
    assertEquals(10 * px, filled.filledValue());
    AgentState s = h.state(agent);
    assertEquals(held(KAKAO) - heldBefore, s.position(KAKAO).quantity(), "agent's position = the account's change");
  }

  @Test
  void aNoticeThatBeatsTheOrderReplyIsHeldAndBookedOnce() throws Exception {
    h.sim.faults().noticeBeforeReply(true);
    ActorRef<Agent.Command> agent = newAgent();
    long heldBefore = held(SAMSUNG);
    int calls = h.sim.orderLog().size();

    // A market buy fills against the synthetic book at once: its fill notices precede the reply.
    ClientOrderId id = place(agent, OrderSpec.market(SAMSUNG, Side.BUY, 5));
    Order filled = awaitOrder(agent, id, "filled", o -> o.status() == OrderStatus.FILLED);

    assertEquals(5, filled.filledQuantity());
    assertEquals(5, held(SAMSUNG) - heldBefore);
    assertEquals(5, h.state(agent).position(SAMSUNG).quantity());
    assertEquals(1, orderCallsSince(calls).size());
    assertEquals(OrderLog.Outcome.ACCEPTED, orderCallsSince(calls).get(0).outcome());
  }

  @Test
  void duplicatedNoticesBookOnce() throws Exception {
    ActorRef<Agent.Command> agent = newAgent();
    long px = lastPrice(NAVER);
    long duplicatesBefore = h.stats().duplicates();
    ClientOrderId id = place(agent, OrderSpec.limit(NAVER, Side.BUY, 4, px));
    awaitOrder(agent, id, "accepted", o -> o.status() == OrderStatus.WORKING);
    h.sim.faults().duplicateNotices(Integer.MAX_VALUE);

    h.trade(NAVER.code(), px, 3);
    awaitOrder(agent, id, "partly filled", o -> o.filledQuantity() == 3);
    h.trade(NAVER.code(), px, 1);
    awaitOrder(agent, id, "filled", o -> o.status() == OrderStatus.FILLED);
    awaitTrue("duplicates seen", () -> h.stats().duplicates() >= duplicatesBefore + 2);

    Order o = h.state(agent).order(id).orElseThrow();
    assertEquals(4, o.filledQuantity());
    assertEquals(4, h.state(agent).position(NAVER).quantity());
    assertEquals(2, o.seenExecKeys().size(), "two executions, each booked once");
  }

  @Test
  void aTimedOutOrderThatKisAppliedIsInDoubtUntilTheReconcilerFindsItAndItsFills() throws Exception {
    h.sim.faults().restTimeout(Duration.ofSeconds(10)); // past the harness's 5 s order timeout
    h.sim.faults().failRest(FaultControl.RestFault.TIMEOUT, true, 1, "order-cash");
    // Its acceptance notice is lost: else, held past the gateway's 3 s hold while the call waits,
    // it starts a reconciliation that may find the order before the call times out.
    h.sim.faults().loseNotices(1);
    ActorRef<Agent.Command> agent = newAgent();
    long px = lastPrice(HYNIX);
    int calls = h.sim.orderLog().size();

    ClientOrderId id = place(agent, OrderSpec.limit(HYNIX, Side.BUY, 6, px));
    awaitOrder(agent, id, "in doubt", o -> o.status() == OrderStatus.IN_DOUBT);
    h.trade(HYNIX.code(), px, 2);
    List<OrderLog.Entry> sent = orderCallsSince(calls);
    assertEquals(1, sent.size(), "never re-sent");
    assertEquals(OrderLog.Outcome.FAULT_APPLIED, sent.get(0).outcome());
    awaitTrue("the sim's fill", () -> h.sim.account().todaysFills().stream()
        .anyMatch(f -> f.odno().equals(sent.get(0).odno())));

    runReconciler();
    Order o = awaitOrder(agent, id, "resolved and partly filled", x -> x.filledQuantity() == 2);
    assertEquals(sent.get(0).odno(), o.orderNo().value());
    assertEquals(OrderStatus.PARTIALLY_FILLED, o.status());

    // The reconciler told the gateway the number: later notices reach the agent directly.
    long routed = h.stats().routed();
    h.trade(HYNIX.code(), px, 4);
    o = awaitOrder(agent, id, "filled", x -> x.status() == OrderStatus.FILLED);
    assertTrue(h.stats().routed() > routed, "routed by notice");
    assertTrue(o.seenExecKeys().stream().anyMatch(k -> k.startsWith("n:")), o.seenExecKeys().toString());
    assertEquals(6, o.filledQuantity());
    assertEquals(6, h.state(agent).position(HYNIX).quantity());
    assertEquals(1, orderCallsSince(calls).size());
  }

  @Test
  void aFailedOrderCallThatKisDidNotApplyIsResolvedAsFailed() throws Exception {
    h.sim.faults().failRest(FaultControl.RestFault.HTTP_500, false, 1, "order-cash");
    ActorRef<Agent.Command> agent = newAgent();
    long px = lastPrice(HYUNDAI);
    int calls = h.sim.orderLog().size();

    ClientOrderId id = place(agent, OrderSpec.limit(HYUNDAI, Side.BUY, 2, px));
    awaitOrder(agent, id, "in doubt", o -> o.status() == OrderStatus.IN_DOUBT);
    // Not found is a verdict only once the grace period for a late-listed order has passed.
    awaitTrue("failed", () -> {
      runReconciler();
      return h.state(agent).order(id).map(o -> o.status() == OrderStatus.FAILED).orElse(false);
    });

    assertEquals(1, orderCallsSince(calls).size(), "never re-sent");
    assertEquals(0, h.state(agent).position(HYUNDAI).quantity());
    // Resolved: the agent trades again.
    ClientOrderId next = place(agent, OrderSpec.limit(HYUNDAI, Side.BUY, 1, px));
    awaitOrder(agent, next, "accepted", o -> o.status() == OrderStatus.WORKING);
  }

  @Test
  void anOrderRefusedForTheRateLimitIsSentAgainUntilAccepted() throws Exception {
    ActorRef<Agent.Command> agent = newAgent();
    long px = lastPrice(KAKAO);
    int calls = h.sim.orderLog().size();
    h.sim.faults().rateLimitBurst(2, "order-cash"); // a reconciliation's inquiries may run meanwhile

    ClientOrderId id = place(agent, OrderSpec.limit(KAKAO, Side.BUY, 1, KrxTick.step(px, -20)));
    awaitOrder(agent, id, "accepted", o -> o.status() == OrderStatus.WORKING);

    List<OrderLog.Outcome> outcomes = orderCallsSince(calls).stream().map(OrderLog.Entry::outcome).toList();
    assertEquals(List.of(OrderLog.Outcome.REFUSED_AT_GATEWAY, OrderLog.Outcome.REFUSED_AT_GATEWAY,
        OrderLog.Outcome.ACCEPTED), outcomes, "accepted once, after two refusals");
  }

  @Test
  void anOrderStillRateLimitedAfterTheLastResendIsRejected() throws Exception {
    ActorRef<Agent.Command> agent = newAgent();
    long px = lastPrice(KAKAO);
    int calls = h.sim.orderLog().size();
    h.sim.faults().rateLimitBurst(10, "order-cash"); // a reconciliation's inquiries may run meanwhile

    ClientOrderId id = place(agent, OrderSpec.limit(KAKAO, Side.BUY, 1, KrxTick.step(px, -20)));
    awaitOrder(agent, id, "rejected", o -> o.status() == OrderStatus.REJECTED);

    assertEquals(4, orderCallsSince(calls).size(), "the first send and three resends");
    assertTrue(orderCallsSince(calls).stream().allMatch(e -> e.outcome() == OrderLog.Outcome.REFUSED_AT_GATEWAY));
  }

  @Test
  void aReviseMovesTheOrderToItsNewNumberAndACancelEndsIt() throws Exception {
    ActorRef<Agent.Command> agent = newAgent();
    long px = lastPrice(SAMSUNG_PREF);
    long lower = KrxTick.step(px, -2);
    ClientOrderId id = place(agent, OrderSpec.limit(SAMSUNG_PREF, Side.BUY, 3, px));
    Order working = awaitOrder(agent, id, "accepted", o -> o.status() == OrderStatus.WORKING);

    TestProbe<StatusReply<org.apache.pekko.Done>> ack = h.kit.createTestProbe();
    agent.tell(new Agent.ReviseOrder(id, lower, ack.getRef()));
    assertTrue(ack.receiveMessage(WAIT).isSuccess());
    Order revised = awaitOrder(agent, id, "revised", o -> o.status() == OrderStatus.WORKING && o.price() == lower);
    assertTrue(!revised.orderNo().equals(working.orderNo()), "a revise gets a new number");
    h.trade(SAMSUNG_PREF.code(), lower, 1);
    awaitOrder(agent, id, "partly filled at the new price", o -> o.filledQuantity() == 1);

    agent.tell(new Agent.CancelOrder(id, "test", ack.getRef()));
    assertTrue(ack.receiveMessage(WAIT).isSuccess());
    Order cancelled = awaitOrder(agent, id, "cancelled", o -> o.status() == OrderStatus.CANCELLED);
    assertEquals(1, cancelled.filledQuantity());
    assertEquals(2, cancelled.cancelledQuantity());
    assertEquals(1, h.state(agent).position(SAMSUNG_PREF).quantity());
    ReconcileReport after = runReconciler();
    assertTrue(after.eventsFor(agent.path().name().substring("agent-".length())).isEmpty(),
        () -> "nothing to correct: " + after);
  }
}
