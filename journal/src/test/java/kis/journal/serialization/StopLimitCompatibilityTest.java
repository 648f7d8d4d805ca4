package kis.journal.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.ConfigFactory;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Journals written before native stop-limits carry no {@code stopPrice} on order specs and no
 * {@code venueOrder} on armings: they replay as orders without a stop and emulated armings, and a
 * native stop-limit's events and books round-trip.
 */
class StopLimitCompatibilityTest {
  static final ActorSystem system = ActorSystem.create("stoplimit", ConfigFactory.load());
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

  private static byte[] without(Object o, String property) throws Exception {
    ObjectNode tree = cbor.valueToTree(o);
    assertTrue(strip(tree, property) > 0, "the new schema writes " + property);
    return cbor.writeValueAsBytes(tree);
  }

  private static int strip(JsonNode node, String property) {
    int n = node instanceof ObjectNode obj && obj.remove(property) != null ? 1 : 0;
    for (JsonNode child : node) {
      n += strip(child, property);
    }
    return n;
  }

  private static Object load(byte[] bytes, Class<?> type) {
    return serialization.deserialize(bytes, JACKSON_CBOR, type.getName()).get();
  }

  private static Object roundTrip(Object o) {
    byte[] b = serialization.serialize(o).get();
    return serialization.deserialize(b, JACKSON_CBOR, o.getClass().getName()).get();
  }

  @Test
  void anOrderAndAnArmingWrittenBeforeNativeStopsReplayAsBefore() throws Exception {
    OrderRequested order = new OrderRequested(new ClientOrderId("a1-1"),
        OrderSpec.limit(SAMSUNG, Side.BUY, 10, 70_000), "entry", T);
    assertEquals(order, load(without(order, "stopPrice"), OrderRequested.class));
    ProtectiveArmed armed = new ProtectiveArmed(new ProtectiveId("a1-p1"),
        ProtectiveSpec.stopLimit(SAMSUNG, Side.SELL, 10, 69_000, 68_900), null, null, T, "stop", T);
    ProtectiveArmed replayed = (ProtectiveArmed) load(without(armed, "venueOrder"), ProtectiveArmed.class);
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
      assertEquals(e, roundTrip(e));
      s = s.apply(e);
    }
    AgentState loaded = (AgentState) roundTrip(s);
    assertEquals(s, loaded);
    assertEquals(s.stateHash(), loaded.stateHash());
  }
}
