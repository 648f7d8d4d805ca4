package kis.journal.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import kis.journal.ClientOrderId;
import kis.journal.OrderSpec;
import kis.journal.ProtectiveId;
import kis.journal.ProtectiveSpec;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.Venue;
import kis.journal.event.AgentEvent;
import kis.journal.event.OrderRequested;
import kis.journal.event.ProtectiveArmed;
import kis.journal.protect.NativeStops;
import kis.journal.state.AgentState;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Journals written before native stop-limits carry no {@code stopPrice} on order specs and no
 * {@code venueOrder} on armings: they replay as orders without a stop and emulated armings, and a
 * native stop-limit's events and books round-trip.
 */
class StopLimitCompatibilityTest {
  @AutoClose static final OlderSchema schema = new OlderSchema("stoplimit");
  static final Instant T = Instant.parse("2026-11-24T01:00:00Z");
  static final Symbol SAMSUNG = Symbol.of("005930");

  @Test
  void anOrderAndAnArmingWrittenBeforeNativeStopsReplayAsBefore() throws Exception {
    OrderRequested order = new OrderRequested(new ClientOrderId("a1-1"),
        OrderSpec.limit(SAMSUNG, Side.BUY, 10, 70_000), "entry", T);
    assertEquals(order, schema.load(schema.without(order, "stopPrice"), OrderRequested.class));
    ProtectiveArmed armed = new ProtectiveArmed(new ProtectiveId("a1-p1"),
        ProtectiveSpec.stopLimit(SAMSUNG, Side.SELL, 10, 69_000, 68_900), null, null, T, "stop", T);
    ProtectiveArmed replayed = (ProtectiveArmed) schema.load(schema.without(armed, "venueOrder"),
        ProtectiveArmed.class);
    assertNull(replayed.venueOrder());
    assertEquals(armed, replayed);
  }

  @Test
  void aNativeStopsEventsAndBooksRoundTrip() {
    AgentState s = AgentState.fold("a1", List.of(new kis.journal.event.PositionCorrected(SAMSUNG, 10, 70_000, "c1",
        "t", T)));
    List<AgentEvent> events = NativeStops.arm(s, ProtectiveSpec.stopLimit(SAMSUNG, Side.SELL, 10, 69_000, 68_900)
        .on(Venue.NXT), "stop", T, T);
    for (AgentEvent e : events) {
      assertEquals(e, schema.roundTrip(e));
      s = s.apply(e);
    }
    AgentState loaded = (AgentState) schema.roundTrip(s);
    assertEquals(s, loaded);
    assertEquals(s.stateHash(), loaded.stateHash());
  }
}
