package kis.actors.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import kis.journal.AgentId;
import kis.journal.ClientOrderId;
import kis.journal.OrderNo;
import kis.journal.OrderType;
import kis.journal.Symbol;
import kis.journal.Venue;
import kis.journal.event.FillSource;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.jackson.JacksonObjectMapperProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The order port's revise and cancel, and the agent's fill command, gained a venue: one written
 * before (a node of another version, a message in flight across a restart) names none and must
 * read as KRX for a revise or cancel, and as "the order's venue" (null) for a fill.
 */
class OrderPortVenueCompatibilityTest {
  static final ActorTestKit kit = ActorTestKit.create();
  static final Serialization serialization = SerializationExtension.get(kit.system().classicSystem());
  static final ObjectMapper cbor = JacksonObjectMapperProvider.get(kit.system().classicSystem())
      .getOrCreate("jackson-cbor", Optional.empty());
  static final int JACKSON_CBOR = 33;
  static final AgentId A = new AgentId("a");
  static final ClientOrderId ID = ClientOrderId.of(A, 1);
  static final Symbol S = Symbol.of("005930");

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
  }

  /** {@code o} serialized as before venues existed: its {@code venue} property removed. */
  static Object withoutVenue(Object o) throws Exception {
    JsonNode tree = cbor.readTree(serialization.serialize(o).get());
    assertTrue(((ObjectNode) tree).remove("venue") != null, "the new schema writes a venue");
    byte[] old = cbor.writeValueAsBytes(tree);
    return serialization.deserialize(old, JACKSON_CBOR, o.getClass().getName()).get();
  }

  @Test
  void aReviseOrCancelWrittenWithoutAVenueReadsAsKrxAndOneWithAVenueKeepsIt() throws Exception {
    TestProbe<Agent.Command> agent = kit.createTestProbe();
    OrderPort.SendRevise revise = new OrderPort.SendRevise(ID, A, OrderNo.of("1"), "06010", S, OrderType.LIMIT, 1,
        70_100, agent.getRef(), Venue.NXT);
    OrderPort.SendCancel cancel = new OrderPort.SendCancel(ID, A, OrderNo.of("1"), "06010", S, OrderType.LIMIT, 1,
        agent.getRef(), Venue.SOR);

    assertEquals(Venue.KRX, ((OrderPort.SendRevise) withoutVenue(revise)).venue());
    assertEquals(Venue.KRX, ((OrderPort.SendCancel) withoutVenue(cancel)).venue());
    assertEquals(revise, serialization.deserialize(serialization.serialize(revise).get(), JACKSON_CBOR,
        OrderPort.SendRevise.class.getName()).get());
    assertEquals(cancel, serialization.deserialize(serialization.serialize(cancel).get(), JACKSON_CBOR,
        OrderPort.SendCancel.class.getName()).get());
  }

  @Test
  void aFillWrittenWithoutAVenueLeavesItToTheOrder() throws Exception {
    Agent.BrokerFill fill = new Agent.BrokerFill(OrderNo.of("1"), 3, 70_000, "e1", "170001", FillSource.NOTICE, -1,
        Venue.NXT);

    assertNull(((Agent.BrokerFill) withoutVenue(fill)).venue());
    assertEquals(fill, serialization.deserialize(serialization.serialize(fill).get(), JACKSON_CBOR,
        Agent.BrokerFill.class.getName()).get());
  }
}
