package kis.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.Set;
import java.util.stream.Collectors;
import kis.journal.event.AgentEvent;
import kis.journal.state.AgentState;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.junit.jupiter.api.Test;

class LocalSerializersTest {
  private static final Config SHIPPED = ConfigFactory.load();

  private static Set<String> serializerClasses(Config c) {
    return c.getConfig(LocalSerializers.SERIALIZERS).root().values().stream()
        .map(v -> String.valueOf(v.unwrapped())).collect(Collectors.toSet());
  }

  @Test
  void aLocalNodeGetsNoClusterSerializerAndNoBindingToOne() {
    Config local = LocalSerializers.only(SHIPPED);
    assertTrue(serializerClasses(SHIPPED).stream().anyMatch(s -> s.startsWith(LocalSerializers.CLUSTER_PACKAGE)),
        "the jar carries the cluster modules' serializers");
    assertTrue(serializerClasses(local).stream().noneMatch(s -> s.startsWith(LocalSerializers.CLUSTER_PACKAGE)));
    Config before = SHIPPED.getConfig(LocalSerializers.BINDINGS);
    Config after = local.getConfig(LocalSerializers.BINDINGS);
    assertEquals(before.root().keySet(), after.root().keySet());
    for (String c : before.root().keySet()) {
      String was = String.valueOf(before.root().get(c).unwrapped());
      String now = String.valueOf(after.root().get(c).unwrapped());
      boolean toCluster = SHIPPED.getString(LocalSerializers.SERIALIZERS + "." + com.typesafe.config.ConfigUtil.quoteString(was))
          .startsWith(LocalSerializers.CLUSTER_PACKAGE);
      assertEquals(toCluster ? LocalSerializers.UNBOUND : was, now, c);
    }
    Set<String> names = local.getConfig(LocalSerializers.SERIALIZERS).root().keySet();
    assertEquals(SHIPPED.getConfig(LocalSerializers.SERIALIZERS).root().keySet(), names);
    for (String kept : Set.of("jackson-cbor", "jackson-json", "agent-state", "pekko-persistence-message",
        "pekko-persistence-snapshot", "pekko-misc", "java")) {
      assertTrue(names.contains(kept), kept);
    }
  }

  @Test
  void aLocalNodeBindsNoneOfPekkosClassesToASerializerNotOfPekkos() {
    // the condition of Pekko's "Using serializer [...] for message [...]" warning at every start
    ActorSystem<Void> local = ActorSystem.create(Behaviors.empty(), "quiet", LocalSerializers.only(SHIPPED));
    try {
      java.util.List<String> warned = new java.util.ArrayList<>();
      SerializationExtension.get(local.classicSystem()).bindings().foreach(b -> {
        if (b._1().getName().startsWith("org.apache.pekko.")
            && !b._2().getClass().getName().startsWith("org.apache.pekko.")) {
          warned.add(b._1().getName() + " -> " + b._2().getClass().getName());
        }
        return null;
      });
      assertEquals(java.util.List.of(), warned);
    } finally {
      local.terminate();
    }
  }

  @Test
  void aClusterSerializerOnALocalNodeIsRefusedByName() throws Exception {
    ActorSystem<Void> local = ActorSystem.create(Behaviors.empty(), "refusing", LocalSerializers.only(SHIPPED));
    try {
      Serialization s = SerializationExtension.get(local.classicSystem());
      org.apache.pekko.serialization.Serializer sharding = s.serializerByIdentity().apply(13);
      assertEquals(13, sharding.identifier(), "the identifier of the serializer it stands in for");
      IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
          () -> sharding.toBinary("x"));
      assertTrue(e.getMessage().contains("pekko-sharding"), e.getMessage());
    } finally {
      local.terminate();
    }
  }

  @Test
  void aClusterNodeKeepsEverySerializer() {
    Config cluster = ConfigFactory.parseString("pekko.actor.provider = cluster").withFallback(SHIPPED);
    assertSame(cluster, LocalSerializers.only(cluster));
  }

  @Test
  void theJournalsEventsAndStatesSerializeAsBefore() throws Exception {
    ActorSystem<Void> plain = ActorSystem.create(Behaviors.empty(), "plain", SHIPPED);
    ActorSystem<Void> local = ActorSystem.create(Behaviors.empty(), "local", LocalSerializers.only(SHIPPED));
    try {
      Serialization before = SerializationExtension.get(plain.classicSystem());
      Serialization after = SerializationExtension.get(local.classicSystem());
      for (Class<?> c : new Class<?>[] {AgentEvent.class, AgentState.class}) {
        assertEquals(before.serializerFor(c).identifier(), after.serializerFor(c).identifier(), c.getName());
      }
      java.util.List<String> cluster = new java.util.ArrayList<>();
      after.serializerByIdentity().values().foreach(s -> cluster.add(s.getClass().getName()));
      cluster.removeIf(n -> !n.startsWith(LocalSerializers.CLUSTER_PACKAGE));
      assertEquals(java.util.List.of(), cluster);
    } finally {
      plain.terminate();
      local.terminate();
    }
  }
}
