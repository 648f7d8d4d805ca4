package kis.journal.state;

import static kis.journal.state.OrderStatus.CANCELLED;
import static kis.journal.state.OrderStatus.DENIED;
import static kis.journal.state.OrderStatus.EXPIRED;
import static kis.journal.state.OrderStatus.FAILED;
import static kis.journal.state.OrderStatus.FILLED;
import static kis.journal.state.OrderStatus.IN_DOUBT;
import static kis.journal.state.OrderStatus.PARTIALLY_FILLED;
import static kis.journal.state.OrderStatus.PENDING_CANCEL;
import static kis.journal.state.OrderStatus.PENDING_REVISE;
import static kis.journal.state.OrderStatus.REJECTED;
import static kis.journal.state.OrderStatus.REQUESTED;
import static kis.journal.state.OrderStatus.WORKING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import kis.journal.Side;
import kis.journal.event.CancelRequested;
import kis.journal.event.InDoubtResolved;
import kis.journal.event.ModifyRejected;
import kis.journal.event.OrderAccepted;
import kis.journal.event.OrderCancelled;
import kis.journal.event.OrderEvent;
import kis.journal.event.OrderExpired;
import kis.journal.event.OrderInDoubt;
import kis.journal.event.OrderRejected;
import kis.journal.event.OrderRevised;
import kis.journal.event.ReviseRequested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every (status, event) pair of the order state machine, against a table written out here
 * independently of {@link OrderTransitions}: legal pairs move to the expected status, illegal ones
 * leave the order untouched and report an anomaly.
 */
class OrderTransitionsTest {

  /** The non-fill events, in a fixed order; fills are legal everywhere and tested apart. */
  private static final Map<Class<? extends OrderEvent>, Supplier<OrderEvent>> EVENTS = new LinkedHashMap<>();

  static {
    EVENTS.put(OrderAccepted.class, () -> Ev.accepted(1));
    EVENTS.put(OrderRejected.class, () -> Ev.rejected(1));
    EVENTS.put(OrderInDoubt.class, () -> Ev.inDoubt(1));
    EVENTS.put(InDoubtResolved.class, () -> Ev.found(1));
    EVENTS.put(ReviseRequested.class, () -> Ev.reviseRequested(1, 69_900));
    EVENTS.put(OrderRevised.class, () -> Ev.revised(1, 2001, 69_900));
    EVENTS.put(CancelRequested.class, () -> Ev.cancelRequested(1));
    EVENTS.put(OrderCancelled.class, () -> Ev.cancelled(1));
    EVENTS.put(ModifyRejected.class, () -> Ev.modifyRejected(1));
    EVENTS.put(OrderExpired.class, () -> Ev.expired(1));
  }

  /** status → (event → resulting status); a missing entry means illegal. */
  private static final Map<OrderStatus, Map<Class<? extends OrderEvent>, OrderStatus>> LEGAL =
      new EnumMap<>(OrderStatus.class);

  private static void legal(OrderStatus from, Class<? extends OrderEvent> e, OrderStatus to) {
    LEGAL.computeIfAbsent(from, k -> new LinkedHashMap<>()).put(e, to);
  }

  static {
    legal(REQUESTED, OrderAccepted.class, WORKING);
    legal(REQUESTED, OrderRejected.class, REJECTED);
    legal(REQUESTED, OrderInDoubt.class, IN_DOUBT);
    legal(REQUESTED, OrderExpired.class, EXPIRED);
    legal(IN_DOUBT, InDoubtResolved.class, WORKING);
    legal(IN_DOUBT, OrderAccepted.class, WORKING);
    legal(IN_DOUBT, OrderRejected.class, REJECTED);
    legal(IN_DOUBT, OrderExpired.class, EXPIRED);
    for (OrderStatus s : List.of(WORKING, PARTIALLY_FILLED)) {
      legal(s, ReviseRequested.class, PENDING_REVISE);
      legal(s, CancelRequested.class, PENDING_CANCEL);
      legal(s, OrderCancelled.class, CANCELLED);
      legal(s, OrderExpired.class, EXPIRED);
      legal(s, OrderRevised.class, s); // KIS confirmed a revise we only learnt of by reconciliation
      legal(s, OrderAccepted.class, s); // the acceptance reported twice
    }
    legal(PENDING_REVISE, OrderRevised.class, WORKING);
    legal(PENDING_REVISE, ModifyRejected.class, WORKING);
    legal(PENDING_REVISE, OrderCancelled.class, CANCELLED);
    legal(PENDING_REVISE, OrderExpired.class, EXPIRED);
    legal(PENDING_CANCEL, OrderCancelled.class, CANCELLED);
    legal(PENDING_CANCEL, ModifyRejected.class, WORKING);
    legal(PENDING_CANCEL, OrderExpired.class, EXPIRED);
    legal(FILLED, OrderCancelled.class, FILLED);
    legal(FILLED, ModifyRejected.class, FILLED);
    legal(FILLED, OrderExpired.class, FILLED);
  }

  /** An order of 10 shares brought into {@code status} by legal events only. */
  static Order orderIn(OrderStatus status) {
    Order o = Order.requested(Ev.id(1), Ev.buy(1, 10, 70_000).spec(), Ev.T);
    List<OrderEvent> path = new ArrayList<>();
    switch (status) {
      case REQUESTED -> { }
      case IN_DOUBT -> path.add(Ev.inDoubt(1));
      case WORKING -> path.add(Ev.accepted(1));
      case PARTIALLY_FILLED -> path.addAll(List.of(Ev.accepted(1), Ev.fill(1, Side.BUY, 3, 70_000, "x1")));
      case PENDING_REVISE -> path.addAll(List.of(Ev.accepted(1), Ev.reviseRequested(1, 69_900)));
      case PENDING_CANCEL -> path.addAll(List.of(Ev.accepted(1), Ev.cancelRequested(1)));
      case FILLED -> path.addAll(List.of(Ev.accepted(1), Ev.fill(1, Side.BUY, 10, 70_000, "x1")));
      case CANCELLED -> path.addAll(List.of(Ev.accepted(1), Ev.cancelled(1)));
      case REJECTED -> path.add(Ev.rejected(1));
      case EXPIRED -> path.addAll(List.of(Ev.accepted(1), Ev.expired(1)));
      case FAILED -> path.addAll(List.of(Ev.inDoubt(1), Ev.notFound(1)));
      case DENIED -> o = o.withStatus(DENIED, Ev.T);
      default -> throw new AssertionError(status);
    }
    for (OrderEvent e : path) {
      OrderTransitions.Step step = OrderTransitions.next(o, e);
      assertNull(step.anomaly(), () -> "setup path for " + status + " hit " + step.anomaly());
      o = step.order();
    }
    assertEquals(status, o.status(), "setup");
    return o;
  }

  static Stream<Arguments> everyPair() {
    List<Arguments> all = new ArrayList<>();
    for (OrderStatus s : OrderStatus.values()) {
      for (Class<? extends OrderEvent> e : EVENTS.keySet()) {
        all.add(Arguments.of(s, e.getSimpleName(), e));
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0} + {1}")
  @MethodSource("everyPair")
  void everyStatusEventPairFollowsTheTable(OrderStatus from, String name, Class<? extends OrderEvent> type) {
    OrderStatus expected = LEGAL.getOrDefault(from, Map.of()).get(type);
    assertEquals(expected != null, OrderTransitions.allows(from, type), "allows");
    Order before = orderIn(from);
    OrderTransitions.Step step = OrderTransitions.next(before, EVENTS.get(type).get());
    if (expected == null) {
      assertSame(before, step.order(), "an illegal event leaves the order untouched");
      assertNotNull(step.anomaly(), "an illegal event is reported as an anomaly");
    } else {
      assertNull(step.anomaly());
      assertEquals(expected, step.order().status());
    }
    assertEquals(0, step.filledQuantity());
  }

  @ParameterizedTest
  @MethodSource("statuses")
  void aFillIsAllowedInEveryStatusAndNeverOverfills(OrderStatus from) {
    assertEquals(true, OrderTransitions.allows(from, kis.journal.event.OrderFilled.class));
    Order before = orderIn(from);
    OrderTransitions.Step step = OrderTransitions.next(before, Ev.fill(1, Side.BUY, 4, 70_000, "fresh"));
    assertEquals(Math.min(4, before.quantity() - before.filledQuantity()), step.filledQuantity());
    Order after = step.order();
    assertEquals(true, after.filledQuantity() <= after.quantity());
    assertEquals(true, after.filledQuantity() + after.cancelledQuantity() <= after.quantity());
  }

  static Stream<OrderStatus> statuses() {
    return Stream.of(OrderStatus.values());
  }

  @Test
  void aReviseConfirmedByBothReplyAndNoticeIsAppliedOnce() {
    Order revised = OrderTransitions.next(orderIn(PENDING_REVISE), Ev.revised(1, 2001, 69_900)).order();
    assertEquals(WORKING, revised.status());
    assertSame(revised, OrderTransitions.next(revised, Ev.revised(1, 2001, 69_900)).order(),
        "the second confirmation is a repeat: the agent must not journal it");
    Order again = OrderTransitions.next(revised, Ev.revised(1, 2002, 69_800)).order();
    assertEquals(69_800, again.price(), "a revise KIS made that we only learn of now still applies");
  }

  @Test
  void resolvingAnInDoubtOrderThatKisNeverSawFailsIt() {
    Order o = OrderTransitions.next(orderIn(IN_DOUBT), Ev.notFound(1)).order();
    assertEquals(FAILED, o.status());
  }

  @Test
  void aFillOvertakingTheAcceptanceStillEndsWithTheKisNumbers() {
    Order o = orderIn(REQUESTED);
    o = OrderTransitions.next(o, Ev.fill(1, Side.BUY, 3, 70_000, "x1")).order();
    assertEquals(PARTIALLY_FILLED, o.status());
    assertEquals(Ev.no(1001), o.orderNo());
    o = OrderTransitions.next(o, Ev.accepted(1)).order();
    assertEquals(PARTIALLY_FILLED, o.status());
    assertEquals("06010", o.branchNo(), "the branch needed to revise or cancel comes with the acceptance");
  }
}
