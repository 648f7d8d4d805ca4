package kis.journal.serialization;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.ConfigFactory;
import java.util.Optional;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.jackson.JacksonObjectMapperProvider;

/**
 * The journal's serializer (jackson-cbor) on an actor system of the application's configuration,
 * for schema compatibility tests: what an older engine wrote (an event without a property added
 * since) and what the journal reads back.
 */
final class OlderSchema implements AutoCloseable {
  private static final int JACKSON_CBOR = 33;
  private final ActorSystem system;
  private final Serialization serialization;
  private final ObjectMapper cbor;

  OlderSchema(String systemName) {
    this.system = ActorSystem.create(systemName, ConfigFactory.load());
    this.serialization = SerializationExtension.get(system);
    this.cbor = JacksonObjectMapperProvider.get(system).getOrCreate("jackson-cbor", Optional.empty());
  }

  /** The CBOR bytes of {@code o} as an engine before {@code property} wrote them: every such property removed. */
  byte[] without(Object o, String property) throws Exception {
    ObjectNode tree = cbor.valueToTree(o);
    assertTrue(strip(tree, property) > 0,
        "the new schema writes " + property + " somewhere in " + o.getClass().getSimpleName());
    return cbor.writeValueAsBytes(tree);
  }

  private static int strip(JsonNode node, String property) {
    int n = node instanceof ObjectNode obj && obj.remove(property) != null ? 1 : 0;
    for (JsonNode child : node) {
      n += strip(child, property);
    }
    return n;
  }

  /** {@code bytes} read back as the journal reads a {@code type}. */
  Object load(byte[] bytes, Class<?> type) {
    return serialization.deserialize(bytes, JACKSON_CBOR, type.getName()).get();
  }

  /**
   * {@code o} written and read back by the serializer the journal binds to its class (jackson-cbor
   * for events, agent-state for the books' snapshots), as the journal stores the serializer id and
   * manifest with the bytes.
   */
  Object roundTrip(Object o) {
    org.apache.pekko.serialization.Serializer s = serialization.findSerializerFor(o);
    String manifest = org.apache.pekko.serialization.Serializers.manifestFor(s, o);
    return serialization.deserialize(serialization.serialize(o).get(), s.identifier(), manifest).get();
  }

  @Override
  public void close() {
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().join();
  }
}
