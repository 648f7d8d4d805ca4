package kis.journal.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import kis.journal.ClientOrderId;
import kis.journal.OrderNo;
import kis.journal.OrderSpec;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.event.AgentEvent;
import kis.journal.event.AgentParked;
import kis.journal.event.FillSource;
import kis.journal.event.OrderAccepted;
import kis.journal.event.OrderFilled;
import kis.journal.event.OrderRequested;
import org.junit.jupiter.api.Test;

/** The compact snapshot form: the same books back, and bytes it did not write are refused, never misread. */
class CompactAgentStateTest {
  static final Instant T = Instant.parse("2026-11-24T01:00:00.123456789Z");
  static final Symbol S = Symbol.of("005930");

  /** Past the closed window, with a fill for an unknown order (an anomaly) and a parked agent. */
  static AgentState busy() {
    List<AgentEvent> events = new ArrayList<>();
    for (int n = 1; n <= AgentState.CLOSED_KEPT + 25; n++) {
      ClientOrderId id = new ClientOrderId("a1-" + n);
      OrderNo no = OrderNo.of(String.valueOf(1000 + n));
      events.add(new OrderRequested(id, OrderSpec.limit(S, n % 2 == 0 ? Side.SELL : Side.BUY, 3, 70_000), "t", T));
      events.add(new OrderAccepted(id, no, "06010", "090000", false, T));
      events.add(new OrderFilled(id, no, S, n % 2 == 0 ? Side.SELL : Side.BUY, n % 3 == 0 ? 1 : 3, 70_000, 9, 0,
          "e" + n, "090001", FillSource.NOTICE, T.plusNanos(n)));
    }
    events.add(new OrderFilled(new ClientOrderId("a1-999"), OrderNo.of("9999"), S, Side.BUY, 1, 70_000, 9, 0, "x",
        "090002", FillSource.INQUIRY, T));
    events.add(new AgentParked("operator: 점검", T));
    return AgentState.fold("a1", events);
  }

  @Test
  void theBooksComeBackEqualWithTheSameStateHash() {
    AgentState s = busy();
    AgentState back = CompactAgentState.read(CompactAgentState.write(s));
    assertEquals(s, back);
    assertEquals(s.stateHash(), back.stateHash());
    assertEquals(AgentState.empty("x"), CompactAgentState.read(CompactAgentState.write(AgentState.empty("x"))));
  }

  @Test
  void theFoldGoesOnFromALoadedSnapshotAsFromTheOriginal() {
    AgentState s = busy();
    AgentState back = CompactAgentState.read(CompactAgentState.write(s));
    AgentEvent next = new OrderRequested(new ClientOrderId("a1-500"), OrderSpec.limit(S, Side.BUY, 1, 70_000), "t", T);
    assertEquals(s.apply(next).stateHash(), back.apply(next).stateHash());
  }

  @Test
  void anUnknownVersionOrBytesCutShortAreRefused() {
    byte[] bytes = CompactAgentState.write(busy());
    byte[] other = bytes.clone();
    other[0] = (byte) (CompactAgentState.VERSION + 1);
    assertThrows(IllegalArgumentException.class, () -> CompactAgentState.read(other));
    assertThrows(IllegalArgumentException.class, () -> CompactAgentState.read(Arrays.copyOf(bytes, bytes.length / 2)));
    byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
    assertThrows(IllegalArgumentException.class, () -> CompactAgentState.read(longer));
  }

  /** A day's orders all filled, 70 of them past the closed window: their numbers pruned, in two chunks. */
  static AgentState pruning() {
    List<AgentEvent> events = new ArrayList<>();
    for (int n = 1; n <= AgentState.CLOSED_KEPT + 70; n++) {
      ClientOrderId id = new ClientOrderId("a1-" + n);
      OrderNo no = OrderNo.of(String.valueOf(1000 + n));
      events.add(new OrderRequested(id, OrderSpec.limit(S, Side.BUY, 3, 70_000), "t", T));
      events.add(new OrderAccepted(id, no, "06010", "090000", false, T));
      events.add(new OrderFilled(id, no, S, Side.BUY, 3, 70_000, 9, 0, "e" + n, "090001", FillSource.NOTICE,
          T.plusNanos(n)));
    }
    return AgentState.fold("a1", events);
  }

  @Test
  void aSnapshotOfTheFirstVersionWithOrderNumbersAsStringsStillLoadsToTheSameBooks() {
    AgentState s = pruning();
    assertEquals(2, s.prunedOrderNos().chunks().size());
    byte[] first = CompactAgentState.write(s, CompactAgentState.STRING_ORDER_NOS);
    assertEquals(CompactAgentState.STRING_ORDER_NOS, first[0]);
    AgentState back = CompactAgentState.read(first);
    assertEquals(s, back);
    assertEquals(s.stateHash(), back.stateHash());
    AgentState again = CompactAgentState.read(CompactAgentState.write(back));
    assertEquals(s.stateHash(), again.stateHash());
  }

  @Test
  void loadedPrunedOrderNumbersAnswerTheReconcilerAsTheFoldedOnes() {
    AgentState s = pruning();
    LocalDate day = s.prunedOrderNos().day();
    List<OrderNo> folded = s.prunedOrderNos().of(day);
    assertEquals(70, folded.size());
    AgentState back = CompactAgentState.read(CompactAgentState.write(s));
    assertEquals(s, back);
    assertEquals(s.stateHash(), back.stateHash());
    assertEquals(folded, back.prunedOrderNos().of(day));
    assertTrue(folded.stream().allMatch(no -> back.prunedOrderNos().contains(no, day)));
    assertFalse(back.prunedOrderNos().contains(OrderNo.of("9999"), day));
    assertFalse(back.prunedOrderNos().contains(folded.get(0), day.plusDays(1)));
    // The fold goes on from the loaded numbers as from the folded ones (the last chunk grows).
    AgentState more = AgentState.fold("a1", List.of());
    for (AgentState from : List.of(s, back)) {
      ClientOrderId id = new ClientOrderId("a1-900");
      more = from.apply(new OrderRequested(id, OrderSpec.limit(S, Side.BUY, 3, 70_000), "t", T))
          .apply(new OrderAccepted(id, OrderNo.of("5000"), "06010", "090000", false, T))
          .apply(new OrderFilled(id, OrderNo.of("5000"), S, Side.BUY, 3, 70_000, 9, 0, "e900", "090001",
              FillSource.NOTICE, T));
      assertEquals(71, more.prunedOrderNos().of(day).size());
    }
    assertEquals(s.apply(new OrderRequested(new ClientOrderId("a1-901"), OrderSpec.limit(S, Side.BUY, 1, 1), "t", T))
        .stateHash(), back.apply(new OrderRequested(new ClientOrderId("a1-901"), OrderSpec.limit(S, Side.BUY, 1, 1),
        "t", T)).stateHash());
  }

  @Test
  void aPackedNumberOfMoreThanTenDigitsIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new PackedOrderNos(new long[] {1, PackedOrderNos.LIMIT}));
    assertThrows(IllegalArgumentException.class, () -> new PackedOrderNos(new long[] {-1}));
    assertEquals(List.of(OrderNo.of("0000000001"), OrderNo.of("9999999999")),
        new PackedOrderNos(new long[] {1, PackedOrderNos.LIMIT - 1}));
  }
}
