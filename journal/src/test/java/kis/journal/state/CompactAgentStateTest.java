package kis.journal.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
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
}
