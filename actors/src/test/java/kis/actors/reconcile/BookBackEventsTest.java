package kis.actors.reconcile;

import static kis.actors.reconcile.ReconcilerTest.COSTS;
import static kis.actors.reconcile.ReconcilerTest.SAMSUNG;
import static kis.actors.reconcile.ReconcilerTest.SEOUL;
import static kis.actors.reconcile.ReconcilerTest.TODAY;
import static kis.actors.reconcile.ReconcilerTest.account;
import static kis.actors.reconcile.ReconcilerTest.at;
import static kis.actors.reconcile.ReconcilerTest.no;
import static kis.actors.reconcile.ReconcilerTest.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import kis.actors.agent.BookBackEvents;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kis.actors.reconcile.ReconcilerTest.Agent;
import kis.adapter.account.AccountOrder;
import kis.adapter.account.Holding;
import kis.journal.Side;
import kis.journal.Venue;
import kis.journal.event.AgentEvent;
import kis.journal.event.OrderRequested;
import kis.journal.state.AgentState;
import kis.journal.state.Order;
import kis.journal.state.OrderStatus;
import org.junit.jupiter.api.Test;

/** Booking the account's orders back into an agent whose journal lost them. */
class BookBackEventsTest {
  /** a1's journal kept order 100 (4 filled) and lost the tail with order 101. */
  static Agent survivor() {
    return new Agent("a1").requested(1, Side.BUY, SAMSUNG, 4, 70_000, at("10:00:00")).accepted(1, 100, at("10:00:00"))
        .filled(1, 100, Side.BUY, SAMSUNG, 4, 70_000, "n1", at("10:00:01"));
  }

  static final AccountOrder OWN = row(100, Side.BUY, SAMSUNG, 4, 70_000, "10:00:00", 4, 280_000, 0, 0);

  static AgentState applied(AgentState s, List<AgentEvent> events) {
    for (AgentEvent e : events) {
      s = s.apply(e);
    }
    assertEquals(List.of(), s.anomalies(), "book-back events must be legal transitions");
    assertEquals(List.of(), s.invariantViolations());
    return s;
  }

  @Test
  void aLostFilledOrderIsBookedWithItsFillAndTheEvidenceAndTheBooksThenMatchTheAccount() {
    AgentState s = survivor().state();
    // 3 shares for 210,002 won: an average that is not a whole won.
    AccountOrder lost = row(101, Side.BUY, SAMSUNG, 5, 70_100, "10:30:00", 3, 210_002, 2, 0);

    List<AgentEvent> events = BookBackEvents.events(s, List.of(lost), TODAY, "asked by ops; run R", COSTS,
        at("11:00:00"), SEOUL);
    AgentState booked = applied(s, events);

    OrderRequested req = assertInstanceOf(OrderRequested.class, events.get(0));
    assertTrue(req.reason().contains("101") && req.reason().contains("asked by ops; run R")
        && req.reason().contains("210002 won"), req.reason());
    Order o = booked.orderByNo(no(101)).orElseThrow();
    assertEquals(OrderStatus.CANCELLED, o.status(), "KIS shows nothing remaining: the rest was cancelled");
    assertEquals(3, o.filledQuantity());
    assertEquals(210_002, o.filledValue());
    assertEquals(7, booked.position(SAMSUNG).quantity());
    assertTrue(events.stream().allMatch(e -> !(e instanceof kis.journal.event.OrderFilled f)
        || f.fromReconciliation()), "fills are marked as from the inquiry");

    ReconcileReport after = Reconciler.withDefaults(COSTS).reconcile(Map.of("a1", booked),
        account("11:01:00", List.of(new Holding(SAMSUNG, 7, 70_000)), OWN, lost));
    assertTrue(after.isClean() && after.externalOrders().isEmpty(), "nothing left to correct: " + after);
  }

  @Test
  void aRevisedLostOrderStillWorkingIsBookedUnderItsCurrentNumber() {
    AgentState s = survivor().state();
    AccountOrder original = row(101, Side.SELL, SAMSUNG, 4, 71_000, "10:30:00", 1, 71_000, 0, 0);
    AccountOrder revise = new AccountOrder(no(102), Optional.of(no(101)), AccountOrder.Kind.REVISE, "00950",
        Side.SELL, SAMSUNG, 3, 70_900, LocalTime.parse("10:31:00"), 1, 70_900, 0, 2);

    AgentState booked = applied(s, BookBackEvents.events(s, List.of(revise, original), TODAY, "e", COSTS,
        at("11:00:00"), SEOUL));

    Order o = booked.orderByNo(no(102)).orElseThrow();
    assertEquals(OrderStatus.PARTIALLY_FILLED, o.status());
    assertEquals(70_900, o.price());
    assertEquals(2, o.filledQuantity());
    assertEquals(2, booked.position(SAMSUNG).quantity());
    assertEquals(o, booked.orderByNo(no(101)).orElseThrow(), "the pre-revise number is known too");
  }

  @Test
  void aLostNxtOrderIsBookedBackOnNxtSoItsCancelGoesThere() {
    AgentState s = survivor().state();
    AccountOrder lost = row(103, Side.BUY, SAMSUNG, 5, 70_100, "17:30:00", 2, 140_200, 0, 3).on(Venue.NXT);

    AgentState booked = applied(s, BookBackEvents.events(s, List.of(lost), TODAY, "e", COSTS, at("17:40:00"), SEOUL));

    Order o = booked.orderByNo(no(103)).orElseThrow();
    assertEquals(Venue.NXT, o.spec().venue());
    assertEquals(OrderStatus.PARTIALLY_FILLED, o.status());
  }

  @Test
  void repeatingABookBackAddsNothing() {
    AgentState s = survivor().state();
    AccountOrder lost = row(101, Side.BUY, SAMSUNG, 5, 70_100, "10:30:00", 5, 350_500, 0, 0);
    AgentState once = applied(s, BookBackEvents.events(s, List.of(lost), TODAY, "e", COSTS, at("11:00:00"), SEOUL));

    assertEquals(List.of(), BookBackEvents.events(once, List.of(lost, OWN), TODAY, "e", COSTS, at("11:05:00"), SEOUL));
  }

  @Test
  void theBookedOrdersTakeTheAgentsNextIdsSoItsOwnOrdersNeverCollide() {
    AgentState s = survivor().state();
    List<AgentEvent> events = BookBackEvents.events(s, List.of(
        row(101, Side.BUY, SAMSUNG, 1, 70_000, "10:30:00", 1, 70_000, 0, 0),
        row(102, Side.BUY, SAMSUNG, 1, 70_000, "10:31:00", 1, 70_000, 0, 0)), TODAY, "e", COSTS, at("11:00:00"), SEOUL);
    AgentState booked = applied(s, events);

    assertEquals(s.nextOrderSeq() + 2, booked.nextOrderSeq());
    assertEquals(List.of(kis.journal.ClientOrderId.of(new kis.journal.AgentId("a1"), s.nextOrderSeq()),
            kis.journal.ClientOrderId.of(new kis.journal.AgentId("a1"), s.nextOrderSeq() + 1)),
        events.stream().filter(e -> e instanceof OrderRequested).map(e -> ((OrderRequested) e).orderId()).toList());
    assertTrue(s.order(((OrderRequested) events.get(0)).orderId()).isEmpty(), "a fresh id");
  }
}
