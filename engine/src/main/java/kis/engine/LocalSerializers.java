package kis.engine;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValueFactory;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.serialization.SerializerWithStringManifest;

/**
 * The single node's actor system without the cluster modules' serializers. The jar carries Pekko
 * Cluster, Sharding, Distributed Data, Cluster Client and Cluster Typed for {@code run --profile
 * cluster}, and their {@code reference.conf} files register ten serializers that Pekko
 * instantiates, every one, when the actor system starts (each with its protobuf and reflection
 * set-up): 7-10 of {@code main}'s 86 samples in a restart's profile under load (bench/README.md,
 * branch {@code live4}; not a saving a probe could show at that load). A node with the local actor-ref provider never
 * sends a cluster message anywhere, so each of those names gets {@link Refusing}, which costs
 * nothing to create and says what happened if anything ever asked it by identifier; the classes
 * bound to them are unbound ({@code none}). The journal's serializers (Jackson CBOR, the agent
 * state, Pekko persistence's own) and every other binding stay as they were.
 * (The names are re-pointed, not removed: Pekko lays its reference configuration under the
 * system's, so a removed key would come back.)
 */
final class LocalSerializers {
  static final String SERIALIZERS = "pekko.actor.serializers";
  /** The packages of the modules that need Pekko's cluster (and so a cluster or remote provider). */
  static final String CLUSTER_PACKAGE = "org.apache.pekko.cluster.";
  /** Where {@link Refusing} finds the class it stands in for (Pekko ignores keys it does not know). */
  static final String REPLACED = "pekko.actor.kis-replaced-serializers";
  private static final String IDENTIFIERS = "pekko.actor.serialization-identifiers";
  static final String BINDINGS = "pekko.actor.serialization-bindings";
  /** Pekko's word for "no serializer bound": the binding is skipped, its class never loaded. */
  static final String UNBOUND = "none";

  private LocalSerializers() {}

  /**
   * {@code c} with each cluster serializer replaced by {@link Refusing} when its provider is the
   * local one; as it was for any other provider (a cluster or remote system needs them).
   */
  static Config only(Config c) {
    if (!"local".equals(c.getString("pekko.actor.provider")) || !c.hasPath(SERIALIZERS)) {
      return c;
    }
    Set<String> cluster = c.getConfig(SERIALIZERS).root().entrySet().stream()
        .filter(e -> String.valueOf(e.getValue().unwrapped()).startsWith(CLUSTER_PACKAGE))
        .map(Map.Entry::getKey)
        .collect(Collectors.toSet());
    Config out = c;
    for (String name : cluster) {
      String key = ConfigUtil.quoteString(name);
      out = out.withValue(REPLACED + "." + key, c.getValue(SERIALIZERS + "." + key))
          .withValue(SERIALIZERS + "." + key, ConfigValueFactory.fromAnyRef(Refusing.class.getName()));
    }
    // A binding of one of Pekko's classes to a serializer not of Pekko's makes Pekko warn at every
    // start (13 lines on a single node's console); unbound, those cluster classes are not even loaded.
    if (c.hasPath(BINDINGS)) {
      for (Map.Entry<String, com.typesafe.config.ConfigValue> b : c.getConfig(BINDINGS).root().entrySet()) {
        if (cluster.contains(String.valueOf(b.getValue().unwrapped()))) {
          out = out.withValue(BINDINGS + "." + ConfigUtil.quoteString(b.getKey()),
              ConfigValueFactory.fromAnyRef(UNBOUND));
        }
      }
    }
    return out;
  }

  /**
   * What a local node has for a cluster serializer's name: created for free, never chosen for a
   * local message, and a clear refusal should anything hand it one.
   */
  public static final class Refusing extends SerializerWithStringManifest {
    private final String name;
    private final int identifier;

    public Refusing(ExtendedActorSystem system, String bindingName) {
      this.name = bindingName;
      this.identifier = identifierOf(system.settings().config(), bindingName);
    }

    /** The identifier of the serializer it stands in for (Pekko requires them unique, and keeps each one's meaning). */
    static int identifierOf(Config c, String bindingName) {
      String replaced = c.getString(REPLACED + "." + ConfigUtil.quoteString(bindingName));
      String key = IDENTIFIERS + "." + ConfigUtil.quoteString(replaced);
      if (!c.hasPath(key)) {
        throw new IllegalStateException("no identifier for " + replaced + " under " + IDENTIFIERS);
      }
      return c.getInt(key);
    }

    @Override
    public int identifier() {
      return identifier;
    }

    @Override
    public String manifest(Object o) {
      throw refused(o.getClass().getName());
    }

    @Override
    public byte[] toBinary(Object o) {
      throw refused(o.getClass().getName());
    }

    @Override
    public Object fromBinary(byte[] bytes, String manifest) {
      throw refused(manifest);
    }

    private IllegalStateException refused(String what) {
      return new IllegalStateException("serializer " + name + " belongs to Pekko's cluster, which this single node"
          + " does not run (run --profile cluster does): cannot serialize " + what);
    }
  }
}
