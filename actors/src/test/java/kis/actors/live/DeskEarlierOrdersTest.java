package kis.actors.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kis.actors.agent.GenerationStore.LeftBehind;
import kis.actors.reconcile.EarlierOrders;
import kis.journal.AgentId;
import kis.journal.OrderNo;
import org.junit.jupiter.api.Test;

/** The cluster's account knows earlier generations' rows by the numbers their fresh starts recorded. */
class DeskEarlierOrdersTest {
  static final LocalDate TODAY = LocalDate.of(2026, 12, 4);
  static final AgentId A = new AgentId("fs-a");
  static final AgentId B = new AgentId("fs-b");

  @Test
  void aRecordedFreshStartNamesTheJournalLeftBehindAndMakesTheNewOneComplete() {
    EarlierOrders e = AccountDesk.earlierOrders(Map.of(A, new AgentId("fs-a.g1"), B, B),
        Map.of(A, List.of(new LeftBehind(1, TODAY, List.of(OrderNo.of("0000000008"), OrderNo.of("0000000011"))))),
        TODAY);
    assertEquals(Optional.of("fs-a"), e.journalOf(OrderNo.of("0000000008")));
    assertEquals(Optional.of("fs-a"), e.journalOf(OrderNo.of("0000000011")));
    assertTrue(e.isComplete("fs-a.g1"));
    assertTrue(e.isComplete("fs-b"), "never fresh-started: nothing to record");
  }

  @Test
  void anotherDaysNumbersAreNotListedAndAnUnrecordedGenerationLeavesTheJournalToTheHeuristics() {
    EarlierOrders e = AccountDesk.earlierOrders(Map.of(A, new AgentId("fs-a.g2")),
        Map.of(A, List.of(new LeftBehind(2, TODAY.minusDays(1), List.of(OrderNo.of("0000000003"))))), TODAY);
    assertEquals(Optional.empty(), e.journalOf(OrderNo.of("0000000003")));
    assertFalse(e.isComplete("fs-a.g2"), "generation 1 was moved to without a record");
  }
}
