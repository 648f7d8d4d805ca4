package kis.engine.config;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.List;

/**
 * The configuration check every command runs before it starts anything: unknown or misspelt keys
 * and wrong types ({@link KeyChecker} against the derived {@link ConfigSchema}), the agents
 * ({@link AgentChecks}), and ranges and enumerations ({@link SectionParsers}). Every problem is
 * reported, not only the first, sorted by setting.
 */
public final class ConfigChecker {
  private final ConfigSchema schema;

  public ConfigChecker(ConfigSchema schema) {
    this.schema = schema;
  }

  /** The checker of the engine as shipped. */
  public static ConfigChecker shipped() {
    return new ConfigChecker(ConfigSchema.shipped());
  }

  /** Every problem of {@code effective} (resolved), with the offline symbol catalog. */
  public List<ConfigProblem> check(Config effective) {
    List<ConfigProblem> keys = KeyChecker.check(effective, schema);
    SymbolCatalog catalog;
    try {
      catalog = SymbolCatalog.offline(effective);
    } catch (RuntimeException e) {
      // The kis or kis-sim section is broken; SectionParsers reports why.
      catalog = SymbolCatalog.UNCHECKED;
    }
    return check(effective, keys, catalog);
  }

  /** As {@link #check(Config)}, with a catalog of one's choosing (tests, an online one). */
  public List<ConfigProblem> check(Config effective, SymbolCatalog catalog) {
    return check(effective, KeyChecker.check(effective, schema), catalog);
  }

  private List<ConfigProblem> check(Config effective, List<ConfigProblem> keys, SymbolCatalog catalog) {
    List<ConfigProblem> all = new ArrayList<>(keys);
    all.addAll(AgentChecks.check(effective, catalog));
    all.addAll(SectionParsers.check(effective, all));
    // Sorted by setting, so the same configuration always reads the same (HOCON blocks are unordered).
    all.sort(java.util.Comparator.comparing(ConfigProblem::path).thenComparing(ConfigProblem::message));
    return List.copyOf(all);
  }
}
