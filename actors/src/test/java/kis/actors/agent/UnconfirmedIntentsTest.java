package kis.actors.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import kis.journal.risk.DayCounters;
import kis.journal.AgentId;
import kis.journal.ClientOrderId;
import kis.journal.OrderNo;
import kis.journal.OrderSpec;
import kis.journal.RejectReason;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.event.CancelRequested;
import kis.journal.event.OrderAccepted;
import kis.journal.event.OrderDenied;
import kis.journal.event.OrderRequested;
import kis.journal.state.AgentState;
import kis.journal.state.OrderStatus;
import org.junit.jupiter.api.Test;

/** The host's own commands counted on the published books until a published state shows them, once. */
class UnconfirmedIntentsTest {
  static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
  static final AgentId AGENT = new AgentId("books");
  static final Symbol SAMSUNG = Symbol.of("005930");
  static final OrderSpec BUY = OrderSpec.limit(SAMSUNG, Side.BUY, 10, 70_000);
  static final Instant AT = Instant.parse("2026-03-02T01:00:00Z");
  static final LocalDate DAY = LocalDate.of(2026, 3, 2);

  final AgentState empty = AgentState.empty(AGENT.value());
  final DayCounters counters = DayCounters.startOf(DAY, empty);
  final UnconfirmedIntents unconfirmed = new UnconfirmedIntents(AGENT, SEOUL);

  static ClientOrderId id(long seq) {
    return ClientOrderId.of(AGENT, seq);
  }

  @Test
  void aPlacementIsOnTheBooksAndCountedTodayBeforeTheAgentAnswersOrPublishes() {
    unconfirmed.placed(empty, BUY, "r", AT);
    UnconfirmedIntents.Books view = unconfirmed.onto(empty, counters);
    assertEquals(OrderStatus.REQUESTED, view.state().order(id(1)).orElseThrow().status());
    assertEquals(2, view.state().nextOrderSeq());
    assertEquals(1, view.today().orders());
  }

  @Test
  void theReplyBeforeThePublicationKeepsTheOrderAndThePublicationThenCountsItOnce() {
    long key = unconfirmed.placed(empty, BUY, "r", AT);
    unconfirmed.accepted(key, id(1), empty);
    assertEquals(1, unconfirmed.onto(empty, counters).state().openOrders().size(), "still unpublished");

    OrderRequested requested = new OrderRequested(id(1), BUY, "r", AT);
    AgentState published = empty.apply(requested);
    unconfirmed.published(requested, published);
    UnconfirmedIntents.Books view = unconfirmed.onto(published, counters.apply(empty, requested, SEOUL));
    assertTrue(unconfirmed.isEmpty());
    assertEquals(1, view.state().openOrders().size());
    assertEquals(1, view.today().orders());
  }

  @Test
  void thePublicationBeforeTheReplyCountsTheOrderOnceAndTheLateReplyChangesNothing() {
    long key = unconfirmed.placed(empty, BUY, "r", AT);
    OrderRequested requested = new OrderRequested(id(1), BUY, "r", AT);
    AgentState published = empty.apply(requested);
    unconfirmed.published(requested, published);
    assertTrue(unconfirmed.isEmpty());
    unconfirmed.accepted(key, id(1), published);
    assertEquals(published, unconfirmed.onto(published, counters).state());
  }

  @Test
  void twoPlacementsInARowTakeConsecutiveIdsAndTheFirstPublicationLeavesTheSecondCounted() {
    unconfirmed.placed(empty, BUY, "a", AT);
    AgentState view = unconfirmed.onto(empty, counters).state();
    unconfirmed.placed(view, OrderSpec.limit(SAMSUNG, Side.BUY, 5, 69_900), "b", AT);
    assertEquals(3, unconfirmed.onto(empty, counters).state().nextOrderSeq());

    OrderRequested first = new OrderRequested(id(1), BUY, "a", AT);
    AgentState published = empty.apply(first);
    unconfirmed.published(first, published);
    assertEquals(1, unconfirmed.size());
    AgentState books = unconfirmed.onto(published, counters).state();
    assertEquals(2, books.openOrders().size());
    assertEquals(5, books.order(id(2)).orElseThrow().spec().quantity());
  }

  @Test
  void aPlacementTheAgentRefusedWithAJournaledDenialStaysADenialUntilPublished() {
    long key = unconfirmed.placed(empty, BUY, "r", AT);
    unconfirmed.refused(key, Optional.of(RejectReason.RISK_INSUFFICIENT_POSITION), "no shares", empty);
    AgentState view = unconfirmed.onto(empty, counters).state();
    assertTrue(view.openOrders().isEmpty());
    assertEquals(OrderStatus.DENIED, view.order(id(1)).orElseThrow().status());
    assertEquals(2, view.nextOrderSeq(), "the denial used up the id");

    OrderDenied denied = new OrderDenied(id(1), BUY, RejectReason.RISK_INSUFFICIENT_POSITION, "no shares", AT);
    unconfirmed.published(denied, empty.apply(denied));
    assertTrue(unconfirmed.isEmpty());
  }

  @Test
  void aPlacementRefusedWithoutAJournalWriteLeavesNothingBehind() {
    long key = unconfirmed.placed(empty, BUY, "r", AT);
    unconfirmed.refused(key, Optional.of(RejectReason.AGENT_PARKED), "parked", empty);
    assertTrue(unconfirmed.isEmpty());
    assertEquals(1, unconfirmed.onto(empty, counters).state().nextOrderSeq());
  }

  @Test
  void anUnansweredCommandIsForgottenAfterItsTimeout() {
    long key = unconfirmed.placed(empty, BUY, "r", AT);
    unconfirmed.refused(key, Optional.empty(), "timed out", empty);
    assertTrue(unconfirmed.isEmpty());
  }

  @Test
  void aCancelShowsAsPendingAndCountsOnceWhenItsRequestIsPublished() {
    AgentState working = empty.apply(new OrderRequested(id(1), BUY, "r", AT))
        .apply(new OrderAccepted(id(1), OrderNo.of("1001"), "06010", "090000", false, AT));
    unconfirmed.cancelled(id(1), "stale", AT);
    UnconfirmedIntents.Books view = unconfirmed.onto(working, counters);
    assertEquals(OrderStatus.PENDING_CANCEL, view.state().order(id(1)).orElseThrow().status());
    assertEquals(1, view.today().cancels());

    CancelRequested request = new CancelRequested(id(1), "stale", AT);
    AgentState published = working.apply(request);
    unconfirmed.published(request, published);
    assertTrue(unconfirmed.isEmpty());
    assertEquals(0, unconfirmed.onto(published, counters).state().anomalyCount());
  }

  @Test
  void aCancelOfAnOrderKisHasNotAcceptedIsNotFoldedTheAgentRefusesIt() {
    AgentState requested = empty.apply(new OrderRequested(id(1), BUY, "r", AT));
    unconfirmed.cancelled(id(1), "too early", AT);
    assertEquals(requested, unconfirmed.onto(requested, counters).state());
    assertFalse(unconfirmed.isEmpty(), "until the agent's refusal or a publication says otherwise");
  }

  @Test
  void aCommandCountsAsWithTheAgentUntilItsReplyOrItsPublicationWhicheverComesFirst() {
    long place = unconfirmed.placed(empty, BUY, "a", AT);
    long deny = unconfirmed.denied(unconfirmed.onto(empty, counters).state(), BUY, RejectReason.RISK_MAX_POSITION,
        "too much", AT);
    assertEquals(2, unconfirmed.unanswered());
    unconfirmed.refused(deny, Optional.of(RejectReason.RISK_MAX_POSITION), "too much", empty);
    assertEquals(1, unconfirmed.unanswered(), "the denial was written; it stays on the books, answered");
    assertEquals(2, unconfirmed.size());
    OrderRequested requested = new OrderRequested(id(1), BUY, "a", AT);
    unconfirmed.published(requested, empty.apply(requested));
    assertEquals(0, unconfirmed.unanswered());
    unconfirmed.accepted(place, id(1), empty.apply(requested));
    assertEquals(0, unconfirmed.unanswered());
  }
}
