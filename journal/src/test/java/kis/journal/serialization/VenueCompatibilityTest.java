package kis.journal.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.ConfigFactory;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Journals written before orders had a venue carry no {@code venue} property: their orders and
 * fills must replay as KRX, and a snapshot of that time must load to the same state and hash.
 */
class VenueCompatibilityTest {
  static final ActorSystem system = ActorSystem.create("venue", ConfigFactory.load());
  static final Serialization serialization = SerializationExtension.get(system);
  static final ObjectMapper cbor = org.apache.pekko.serialization.jackson.JacksonObjectMapperProvider.get(system)
      .getOrCreate("jackson-cbor", Optional.empty());
  static final int JACKSON_CBOR = 33;
  static final Instant T = Instant.parse("2026-11-24T01:00:00Z");
  static final Symbol SAMSUNG = Symbol.of("005930");

  @AfterAll
  static void stop() {
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().join();
  }

  /** The CBOR bytes of {@code o} as an engine without venues wrote them: every {@code venue} property removed. */
  private static byte[] withoutVenue(Object o) throws Exception {
    ObjectNode tree = cbor.valueToTree(o);
    int removed = strip(tree);
    assertTrue(removed > 0, "the new schema writes a venue somewhere in " + o.getClass().getSimpleName());
    return cbor.writeValueAsBytes(tree);
  }

  private static int strip(com.fasterxml.jackson.databind.JsonNode node) {
    int n = 0;
    if (node instanceof ObjectNode obj && obj.remove("venue") != null) {
      n++;
    }
    for (com.fasterxml.jackson.databind.JsonNode child : node) {
      n += strip(child);
    }
    return n;
  }

  private static Object load(byte[] bytes, Class<?> type) {
    return serialization.deserialize(bytes, JACKSON_CBOR, type.getName()).get();
  }

  @Test
  void anOrderRequestedWrittenWithoutAVenueReplaysAsAKrxOrder() throws Exception {
    OrderRequested written = new OrderRequested(new ClientOrderId("a1-1"),
        OrderSpec.limit(SAMSUNG, Side.BUY, 10, 70_000), "entry", T);
    OrderRequested replayed = (OrderRequested) load(withoutVenue(written), OrderRequested.class);
    assertEquals(Venue.KRX, replayed.spec().venue());
    assertEquals(written, replayed);
  }

  @Test
  void anOrderDeniedWrittenWithoutAVenueReplaysAsAKrxOrder() throws Exception {
    OrderDenied written = new OrderDenied(new ClientOrderId("a1-2"), OrderSpec.market(SAMSUNG, Side.SELL, 3),
        RejectReason.RISK_MAX_NOTIONAL, "too big", T);
    OrderDenied replayed = (OrderDenied) load(withoutVenue(written), OrderDenied.class);
    assertEquals(Venue.KRX, replayed.spec().venue());
    assertEquals(written, replayed);
  }

  @Test
  void aFillWrittenWithoutAVenueReplaysAsAKrxFill() throws Exception {
    OrderFilled written = new OrderFilled(new ClientOrderId("a1-1"), OrderNo.of("1001"), SAMSUNG, Side.BUY, 10,
        70_000, 98, 0, "e1", "090001", FillSource.NOTICE, T);
    OrderFilled replayed = (OrderFilled) load(withoutVenue(written), OrderFilled.class);
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
    AgentState loaded = (AgentState) load(withoutVenue(s), AgentState.class);
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
