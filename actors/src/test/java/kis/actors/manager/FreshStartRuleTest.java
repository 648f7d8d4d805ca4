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

  @Test
  void aPositionIsRefusedUnlessHandedOverAndTheHandoverCarriesEachSymbol() {
    AgentState holding = withPositions(books(true), new kis.journal.state.Position(Symbol.of("005930"), 10, 700_000, 0),
        new kis.journal.state.Position(Symbol.of("000660"), 0, 0, 5_000));
    String why = FreshStartRule.refusal(A, holding).orElseThrow();
    assertTrue(why.contains("it holds 10 share(s) of 005930") && why.contains("handover=true"), why);
    assertTrue(!why.contains("000660"), "a flat position is not held: " + why);
    assertEquals(Optional.empty(), FreshStartRule.refusal(A, holding, true));
    assertTrue(FreshStartRule.refusal(A, withPositions(books(false), holding.positions().values()
        .toArray(new kis.journal.state.Position[0])), true).orElseThrow().contains("park it first"),
        "a handover does not waive the other conditions");

    var carried = FreshStartRule.handover(A, FreshStartRule.held(holding), "kim", null);
    assertEquals(1, carried.size());
    assertEquals(10, carried.get(0).newQuantity());
    assertEquals(70_000, carried.get(0).newAveragePrice());
    assertEquals("handover:a:005930", carried.get(0).correctionId());
    assertTrue(carried.get(0).detail().contains("kim"), carried.get(0).detail());
  }

  private static AgentState withPositions(AgentState b, kis.journal.state.Position... ps) {
    Map<String, kis.journal.state.Position> m = new LinkedHashMap<>();
    for (kis.journal.state.Position p : ps) {
      m.put(p.symbol().code(), p);
    }
    return new AgentState(b.agentId(), b.eventCount(), b.nextOrderSeq(), b.openOrders(), b.closedOrders(), m,
        b.fees(), b.taxes(), b.cashFlow(), b.correctionCost(), b.parked(), b.parkReason(), b.anomalies(),
        b.anomalyCount(), b.appliedCorrections(), b.prunedOrderNos());
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
