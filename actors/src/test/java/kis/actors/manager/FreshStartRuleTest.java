package kis.actors.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import kis.journal.AgentId;
import kis.journal.ClientOrderId;
import kis.journal.OrderSpec;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.state.AgentState;
import kis.journal.state.Order;
import kis.journal.state.OrderStatus;
import org.junit.jupiter.api.Test;

/** The one rule for fresh starts, single node and cluster alike. */
class FreshStartRuleTest {
  static final AgentId A = new AgentId("a");

  @Test
  void aParkedAgentWithNoLiveOrderMayStartAfresh() {
    assertEquals(Optional.empty(), FreshStartRule.refusal(A, books(true)));
  }

  @Test
  void anAgentThatIsNotParkedIsRefusedEvenWithoutOrders() {
    String why = FreshStartRule.refusal(A, books(false)).orElseThrow();
    assertTrue(why.startsWith("a cannot start afresh") && why.contains("park it first"), why);
  }

  @Test
  void workingAndInDoubtOrdersAreEachNamedWithWhatToDo() {
    String why = FreshStartRule.refusal(A, books(true, OrderStatus.WORKING, OrderStatus.PENDING_CANCEL,
        OrderStatus.IN_DOUBT, OrderStatus.REQUESTED)).orElseThrow();
    assertTrue(why.contains("2 working order(s): cancel them first"), why);
    assertTrue(why.contains("2 order(s) in doubt or awaiting KIS's answer"), why);
    assertTrue(!why.contains("park it first"), why);
  }

  private static AgentState books(boolean parked, OrderStatus... open) {
    Map<String, Order> orders = new LinkedHashMap<>();
    for (int i = 0; i < open.length; i++) {
      ClientOrderId id = ClientOrderId.of(A, i + 1);
      orders.put(id.value(), new Order(id, OrderSpec.limit(Symbol.of("005930"), Side.BUY, 1, 70_000), 70_000,
          open[i], null, null, List.of(), 0, 0, 0, 0, Set.of(), 0, null, Instant.EPOCH, Instant.EPOCH));
    }
    AgentState e = AgentState.empty("a");
    return new AgentState("a", 0, open.length + 1, orders, List.of(), Map.of(), 0, 0, 0, 0, parked,
        parked ? "operator" : null, List.of(), 0, Set.of(), e.prunedOrderNos());
  }
}
