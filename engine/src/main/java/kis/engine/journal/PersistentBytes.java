package kis.engine.journal;

import java.nio.charset.StandardCharsets;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.persistence.PersistentRepr;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import scala.util.DynamicVariable;

/**
 * The bytes Pekko's LevelDB journal stores for one event ({@code LeveldbStore.persistentToBytes}:
 * its {@code MessageSerializer}'s protobuf {@code PersistentMessage} around the payload's own
 * serializer's bytes), written straight into one array, byte for byte the same. Pekko's path builds
 * two protobuf builders, copies the event ({@code withTimestamp}) and the payload's bytes twice and
 * wraps each step in a {@code Try}; on the journal actor's one thread that was a fifth of its
 * serialization per event (the payload's own serializer, Jackson CBOR, is the rest and is called
 * as Pekko calls it). What this encoder does not cover (an event with metadata or a sender: the
 * journal's preparation drops senders, and the engine writes no metadata) goes through Pekko's path.
 *
 * <p>The wire form, from Pekko's {@code MessageFormats.proto} (fields in number order, as protobuf
 * writes them): {@code PersistentMessage} = payload (1, message), sequenceNr (2, int64),
 * persistenceId (3, string), manifest (12, string, when defined), writerUuid (13, string, when
 * defined), timestamp (14, sint64, when positive); {@code PersistentPayload} = serializerId (1,
 * int32), payload (2, bytes), payloadManifest (3, bytes, when not empty).
 */
final class PersistentBytes {
  private final Serialization serialization;

  PersistentBytes(Serialization serialization) {
    this.serialization = serialization;
  }

  /**
   * The stored bytes of {@code p} written at {@code timestamp} (ms since the epoch), as
   * {@code serialization.serialize(p.withTimestamp(timestamp)).get()}; throws what the payload's
   * serializer throws.
   */
  byte[] of(PersistentRepr p, long timestamp) throws Exception {
    if (p.metadata().isDefined() || (p.sender() != null && p.sender() != ActorRef.noSender())) {
      return serialization.serialize(p.withTimestamp(timestamp)).get();
    }
    Object payload = p.payload();
    Serializer serializer = serialization.findSerializerFor(payload);
    // As Pekko: the payload serialized with the system's transport information in scope (an actor
    // reference in it is written with the full address).
    byte[] data = withTransportInformation(serializer, payload);
    String payloadManifest = Serializers.manifestFor(serializer, payload);
    byte[] manifestBytes = payloadManifest.isEmpty() ? null : payloadManifest.getBytes(StandardCharsets.UTF_8);
    byte[] pid = utf8OrNull(p.persistenceId());
    byte[] manifest = utf8OrNull(p.manifest());
    byte[] writer = utf8OrNull(p.writerUuid());

    int inner = 1 + varintSize(serializer.identifier()) + 1 + varintSize(data.length) + data.length
        + (manifestBytes == null ? 0 : 1 + varintSize(manifestBytes.length) + manifestBytes.length);
    int size = 1 + varintSize(inner) + inner
        + 1 + varintSize(p.sequenceNr())
        + stringSize(1, pid) + stringSize(1, manifest) + stringSize(1, writer)
        + (timestamp > 0 ? 1 + varintSize(zigZag(timestamp)) : 0);
    Out out = new Out(size);
    out.tag(1, 2).varint(inner);
    out.tag(1, 0).varint(serializer.identifier());
    out.tag(2, 2).bytes(data);
    if (manifestBytes != null) {
      out.tag(3, 2).bytes(manifestBytes);
    }
    out.tag(2, 0).varint(p.sequenceNr());
    out.string(3, pid).string(12, manifest).string(13, writer);
    if (timestamp > 0) {
      out.tag(14, 0).varint(zigZag(timestamp));
    }
    return out.done();
  }

  /** As Pekko's (private) {@code Serialization.withTransportInformation} around the payload's serializer. */
  private byte[] withTransportInformation(Serializer serializer, Object payload) {
    DynamicVariable<Serialization.Information> current = org.apache.pekko.serialization.Serialization$.MODULE$.currentTransportInformation();
    Serialization.Information old = current.value();
    try {
      if (old == null) {
        current.value_$eq(serialization.system().provider().serializationInformation());
      }
      return serializer.toBinary(payload);
    } finally {
      current.value_$eq(old);
    }
  }

  /** Null for Pekko's undefined string (empty), which it leaves out. */
  private static byte[] utf8OrNull(String s) {
    return s == null || s.equals(PersistentRepr.Undefined()) ? null : s.getBytes(StandardCharsets.UTF_8);
  }

  /** A length-delimited field's size; its one-byte tag counted by {@code tagBytes}. */
  private static int stringSize(int tagBytes, byte[] s) {
    return s == null ? 0 : tagBytes + varintSize(s.length) + s.length;
  }

  private static long zigZag(long n) {
    return (n << 1) ^ (n >> 63);
  }

  /** Protobuf's varint length; an int32 that is negative takes ten bytes (sign-extended), as protobuf writes it. */
  static int varintSize(long v) {
    int n = 1;
    while ((v & ~0x7FL) != 0) {
      v >>>= 7;
      n++;
    }
    return n;
  }

  /** Writes into an array of the exact size; checks that it came out exactly full. */
  private static final class Out {
    private final byte[] buf;
    private int at;

    Out(int size) {
      buf = new byte[size];
    }

    /** Field numbers below 16: one byte of tag. */
    Out tag(int field, int wireType) {
      buf[at++] = (byte) (field << 3 | wireType);
      return this;
    }

    Out varint(long v) {
      while ((v & ~0x7FL) != 0) {
        buf[at++] = (byte) ((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      buf[at++] = (byte) v;
      return this;
    }

    Out bytes(byte[] b) {
      varint(b.length);
      System.arraycopy(b, 0, buf, at, b.length);
      at += b.length;
      return this;
    }

    Out string(int field, byte[] s) {
      return s == null ? this : tag(field, 2).bytes(s);
    }

    byte[] done() {
      if (at != buf.length) {
        throw new IllegalStateException("encoded " + at + " of " + buf.length + " bytes");
      }
      return buf;
    }
  }
}
