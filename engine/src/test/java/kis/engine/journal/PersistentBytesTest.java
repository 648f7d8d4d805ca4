package kis.engine.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.NotSerializableException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import kis.journal.AgentId;
import kis.journal.ClientOrderId;
import kis.journal.OrderNo;
import kis.journal.OrderSpec;
import kis.journal.Side;
import kis.journal.event.AgentParked;
import kis.journal.event.OrderAccepted;
import kis.journal.event.OrderRequested;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.persistence.PersistentRepr;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.testkit.javadsl.TestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal's own encoding of a stored event is Pekko's, byte for byte ({@code
 * serialize(p.withTimestamp(t))}, what {@code LeveldbStore.persistentToBytes} stores), whatever is
 * set or left undefined, and it reads back through Pekko's serializer: data dirs keep moving
 * between the engine's journal and Pekko's.
 */
class PersistentBytesTest {
  private static ActorSystem system;
  private static Serialization serialization;
  private static PersistentBytes encoder;

  @BeforeAll
  static void start(@TempDir Path dir) {
    system = ActorSystem.create("persistent-bytes", EngineConfig.load(Optional.empty(), Optional.of(dir)));
    serialization = SerializationExtension.get(system);
    encoder = new PersistentBytes(serialization);
  }

  @AfterAll
  static void stop() {
    TestKit.shutdownActorSystem(system);
  }

  private static final ClientOrderId ID = ClientOrderId.of(new AgentId("bytes"), 7);

  private static List<Object> payloads() {
    return List.of(
        new OrderRequested(ID, OrderSpec.limit(JournalVerifierTest.S, Side.BUY, 10, 70_000), "tést ✓", JournalVerifierTest.T),
        new OrderAccepted(ID, OrderNo.of("0000000101"), "06010", "090000", false, JournalVerifierTest.T),
        new AgentParked("x".repeat(300), JournalVerifierTest.T), // a payload longer than one varint byte
        "a plain string"); // another serializer (Pekko's string serializer: no manifest)
  }

  private static void assertSameAsPekko(PersistentRepr p, long timestamp) throws Exception {
    byte[] pekko = serialization.serialize(p.withTimestamp(timestamp)).get();
    byte[] ours = encoder.of(p, timestamp);
    assertArrayEquals(pekko, ours, p + " at " + timestamp);
    PersistentRepr back = serialization.deserialize(ours, PersistentRepr.class).get();
    assertEquals(p.payload(), back.payload());
    assertEquals(p.sequenceNr(), back.sequenceNr());
    assertEquals(timestamp, back.timestamp());
  }

  @Test
  void anEventIsStoredAsPekkosJournalStoresIt() throws Exception {
    for (Object payload : payloads()) {
      for (long seq : new long[] {1, 127, 128, 1L << 40}) {
        for (long ts : new long[] {1_765_000_000_000L, 1, 0}) {
          assertSameAsPekko(PersistentRepr.apply(payload, seq, "Agent|bench-001", "", false, null, "writer-uuid-1"), ts);
        }
      }
    }
  }

  @Test
  void undefinedAndAdaptedFieldsAreLeftOutOrKeptAsPekkoDoes() throws Exception {
    Object payload = payloads().get(0);
    assertSameAsPekko(PersistentRepr.apply(payload, 3, "Agent|x", "", false, null, ""), 5);
    assertSameAsPekko(PersistentRepr.apply(payload, 3, "Agent|x", "adapter-manifest", false, null, "w"), 5);
    assertSameAsPekko(PersistentRepr.apply(payload, 3, "Agent|" + "é".repeat(100), "", false, null, "w"), 5);
  }

  @Test
  void anEventWithASenderOrMetadataTakesPekkosOwnPath() throws Exception {
    PersistentRepr withSender = PersistentRepr.apply(payloads().get(0), 3, "Agent|x", "", false,
        system.deadLetters(), "w");
    assertSameAsPekko(withSender, 9);
    assertSameAsPekko(PersistentRepr.apply(payloads().get(1), 4, "Agent|x", "", false, ActorRef.noSender(), "w")
        .withMetadata("meta"), 9);
  }

  @Test
  void aPayloadNoSerializerTakesIsRefused() {
    PersistentRepr p = PersistentRepr.apply(new Object(), 1, "Agent|x", "", false, null, "w");
    assertThrows(NotSerializableException.class, () -> encoder.of(p, 1));
  }
}
