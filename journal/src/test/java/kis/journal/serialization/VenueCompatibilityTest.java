package kis.journal.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import kis.journal.ClientOrderId;
import kis.journal.OrderNo;
import kis.journal.OrderSpec;
import kis.journal.RejectReason;
import kis.journal.Side;
import kis.journal.Symbol;
import kis.journal.Venue;
import kis.journal.event.AgentEvent;
import kis.journal.event.FillSource;
import kis.journal.event.OrderAccepted;
import kis.journal.event.OrderDenied;
import kis.journal.event.OrderFilled;
import kis.journal.event.OrderRequested;
import kis.journal.state.AgentState;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Journals written before orders had a venue carry no {@code venue} property: their orders and
 * fills must replay as KRX, and a snapshot of that time must load to the same state and hash.
 */
class VenueCompatibilityTest {
  @AutoClose static final OlderSchema schema = new OlderSchema("venue");
  static final Instant T = Instant.parse("2026-11-24T01:00:00Z");
  static final Symbol SAMSUNG = Symbol.of("005930");

  @Test
  void anOrderRequestedWrittenWithoutAVenueReplaysAsAKrxOrder() throws Exception {
    OrderRequested written = new OrderRequested(new ClientOrderId("a1-1"),
        OrderSpec.limit(SAMSUNG, Side.BUY, 10, 70_000), "entry", T);
    OrderRequested replayed = (OrderRequested) schema.load(schema.without(written, "venue"), OrderRequested.class);
    assertEquals(Venue.KRX, replayed.spec().venue());
    assertEquals(written, replayed);
  }

  @Test
  void anOrderDeniedWrittenWithoutAVenueReplaysAsAKrxOrder() throws Exception {
    OrderDenied written = new OrderDenied(new ClientOrderId("a1-2"), OrderSpec.market(SAMSUNG, Side.SELL, 3),
        RejectReason.RISK_MAX_NOTIONAL, "too big", T);
    OrderDenied replayed = (OrderDenied) schema.load(schema.without(written, "venue"), OrderDenied.class);
    assertEquals(Venue.KRX, replayed.spec().venue());
    assertEquals(written, replayed);
  }

  @Test
  void aFillWrittenWithoutAVenueReplaysAsAKrxFill() throws Exception {
    OrderFilled written = new OrderFilled(new ClientOrderId("a1-1"), OrderNo.of("1001"), SAMSUNG, Side.BUY, 10,
        70_000, 98, 0, "e1", "090001", FillSource.NOTICE, T);
    OrderFilled replayed = (OrderFilled) schema.load(schema.without(written, "venue"), OrderFilled.class);
    assertEquals(Venue.KRX, replayed.venue());
    assertEquals(written, replayed);
  }

  @Test
  void aSnapshotWrittenWithoutVenuesLoadsToTheSameStateAndHash() throws Exception {
    List<AgentEvent> events = List.of(
        new OrderRequested(new ClientOrderId("a1-1"), OrderSpec.limit(SAMSUNG, Side.BUY, 10, 70_000), "entry", T),
        new OrderAccepted(new ClientOrderId("a1-1"), OrderNo.of("1001"), "06010", "090001", false, T),
        new OrderRequested(new ClientOrderId("a1-2"), OrderSpec.market(SAMSUNG, Side.BUY, 2), "entry", T));
    AgentState s = AgentState.fold("a1", events);
    AgentState loaded = (AgentState) schema.load(schema.without(s, "venue"), AgentState.class);
    assertEquals(s, loaded);
    assertEquals(s.stateHash(), loaded.stateHash());
  }

  @Test
  void aKrxSpecRendersAsItDidBeforeVenuesAndAnotherVenueIsNamed() {
    OrderSpec krx = OrderSpec.limit(SAMSUNG, Side.BUY, 10, 70_000);
    assertEquals("OrderSpec[symbol=" + SAMSUNG + ", side=BUY, type=LIMIT, quantity=10, price=70000]", krx.toString());
    assertEquals(krx, new OrderSpec(SAMSUNG, Side.BUY, kis.journal.OrderType.LIMIT, 10, 70_000, null));
  }
}
