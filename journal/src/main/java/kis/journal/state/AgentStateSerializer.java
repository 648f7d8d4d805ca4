package kis.journal.state;

import java.io.NotSerializableException;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.serialization.SerializerWithStringManifest;

/**
 * Pekko's serializer for {@link AgentState}, the agents' snapshots (and the state an agent sends a
 * reconciler on another node): {@link CompactAgentState}, manifest {@code AgentState.v<version>}.
 * Bound in {@code reference.conf} ahead of the Jackson CBOR binding of every other journaled type.
 * Snapshots written before it carry Jackson CBOR's serializer id and the class name as manifest,
 * so Pekko still reads them with Jackson; the next snapshot an agent takes is in this form.
 */
public final class AgentStateSerializer extends SerializerWithStringManifest {
  /** Fixed for good: it is stored with every snapshot (Pekko reserves 0-40). */
  public static final int IDENTIFIER = 1717;
  static final String MANIFEST_V1 = "AgentState.v1";

  /** Pekko constructs it reflectively with the system. */
  public AgentStateSerializer(ExtendedActorSystem system) {
    // stateless: nothing of the system is needed
  }

  @Override
  public int identifier() {
    return IDENTIFIER;
  }

  @Override
  public String manifest(Object o) {
    return MANIFEST_V1;
  }

  @Override
  public byte[] toBinary(Object o) {
    if (o instanceof AgentState s) {
      return CompactAgentState.write(s);
    }
    throw new IllegalArgumentException("not an AgentState: " + o.getClass().getName());
  }

  @Override
  public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
    if (!MANIFEST_V1.equals(manifest)) {
      throw new NotSerializableException("unknown agent state manifest " + manifest);
    }
    try {
      return CompactAgentState.read(bytes);
    } catch (IllegalArgumentException e) {
      NotSerializableException n = new NotSerializableException(e.getMessage());
      n.initCause(e);
      throw n;
    }
  }
}
