package kis.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValueFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cluster profile's configuration: {@code -D} system properties, then the environment's seed
 * nodes ({@code KIS_TRADER_SEED_NODES}), then command-line overrides, then an optional
 * {@code --config FILE}, then {@code cluster.conf} (this module), then {@code application.conf},
 * then every library's {@code reference.conf}; resolved at the end.
 */
public final class ClusterProfile {
  /** The name {@code run --profile} takes. */
  public static final String NAME = "cluster";
  public static final String SEED_NODES_ENV = "KIS_TRADER_SEED_NODES";

  private ClusterProfile() {}

  public static Config load(Optional<Path> file, Optional<Path> dataDir, Map<String, String> env) {
    Config c = ConfigFactory.parseResourcesAnySyntax("cluster")
        .withFallback(ConfigFactory.parseResourcesAnySyntax("application"));
    if (file.isPresent()) {
      c = ConfigFactory.parseFile(file.get().toFile(), ConfigParseOptions.defaults().setAllowMissing(false))
          .withFallback(c);
    }
    if (dataDir.isPresent()) {
      c = ConfigFactory.empty()
          .withValue("kis-trader.data-dir", ConfigValueFactory.fromAnyRef(dataDir.get().toString()))
          .withFallback(c);
    }
    String seeds = env.get(SEED_NODES_ENV);
    if (seeds != null && !seeds.isBlank()) {
      List<String> list = Arrays.stream(seeds.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
      c = ConfigFactory.empty().withValue("pekko.cluster.seed-nodes", ConfigValueFactory.fromIterable(list))
          .withFallback(c);
    }
    return ConfigFactory.systemProperties().withFallback(c).withFallback(ConfigFactory.defaultReference())
        .resolve();
  }

  /** The profile over {@code base} (tests: a config that already holds agents and overrides). */
  public static Config over(Config base) {
    return base.withFallback(ConfigFactory.parseResourcesAnySyntax("cluster"))
        .withFallback(ConfigFactory.parseResourcesAnySyntax("application"))
        .withFallback(ConfigFactory.defaultReference()).resolve();
  }
}
