package kis.engine.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import kis.actors.agent.AgentConfigSchema;
import kis.journal.risk.RiskLimits;
import kis.journal.calendar.KrxCalendar;

/**
 * The keys the engine knows under {@code kis-trader}, {@code kis} and {@code kis-sim}, each with its
 * {@link KeyKind}. Derived, not listed by hand, so it cannot drift from what the code reads:
 * <ol>
 *   <li>every path of the shipped defaults: the modules' {@code reference.conf}, {@code conf/application.conf},
 *       the cluster profile's {@code cluster.conf}, and the block defaults a parser falls back on
 *       ({@link RiskLimits#DEFAULTS} at {@code kis-trader.risk}, {@link KrxCalendar#DEFAULTS_RESOURCE} at
 *       {@code kis-trader.krx-calendar}); a default's value gives the key's kind ({@code 5s} a duration);</li>
 *   <li>the keys read without any default, listed in {@value #OPTIONAL_KEYS} (documented there);</li>
 *   <li>the agent block's keys from {@link AgentConfigSchema}, beside the parser that reads them.</li>
 * </ol>
 * Elements of a list of blocks are written {@code path[]}: {@code kis-sim.universe[].code}.
 */
public final class ConfigSchema {
  /** The sections checked; {@code pekko.*} belongs to Pekko and is not. */
  public static final List<String> SECTIONS = List.of("kis-trader", "kis", "kis-sim");
  static final String OPTIONAL_KEYS = "kis/engine/config/optional-keys.conf";
  static final String AGENTS = "kis-trader.agents";

  private final Map<String, KeyKind> kinds;

  ConfigSchema(Map<String, KeyKind> kinds) {
    this.kinds = Map.copyOf(kinds);
  }

  /**
   * The schema of the engine as shipped (class path defaults). Derived once per JVM: it parses every
   * module's reference.conf (Pekko's are large), and {@code run} checks its configuration more than
   * once on the way to LIVE (bench/README.md "Restart to LIVE"); the class path does not change.
   */
  public static ConfigSchema shipped() {
    return Shipped.SCHEMA;
  }

  /** Holder: derived on first use, by the JVM's class initialisation (thread-safe, once). */
  private static final class Shipped {
    static final ConfigSchema SCHEMA = derived();
  }

  private static ConfigSchema derived() {
    ClassLoader cl = ConfigSchema.class.getClassLoader();
    Config defaults = ConfigFactory.parseResourcesAnySyntax(cl, "application")
        .withFallback(ConfigFactory.parseResources(cl, "cluster.conf"))
        .withFallback(ConfigFactory.parseString(RiskLimits.DEFAULTS).atPath(RiskLimits.CONFIG_PATH))
        .withFallback(ConfigFactory.parseResources(cl, KrxCalendar.DEFAULTS_RESOURCE).atPath(KrxCalendar.CONFIG_PATH))
        // Unresolved: defaultReference() lays the JVM's -D system properties over reference.conf,
        // which would make a misspelt -D key "known".
        .withFallback(ConfigFactory.defaultReferenceUnresolved(cl))
        .resolve();
    return derive(defaults, ConfigFactory.parseResources(cl, OPTIONAL_KEYS));
  }

  /**
   * @param defaults the shipped defaults, resolved
   * @param optional keys without a default: nested blocks whose leaves name a kind ({@code port = whole-number})
   */
  static ConfigSchema derive(Config defaults, Config optional) {
    Map<String, KeyKind> kinds = new LinkedHashMap<>();
    for (String section : SECTIONS) {
      if (defaults.hasPath(section)) {
        addDefaults(kinds, section, defaults.getValue(section));
      }
    }
    addOptional(kinds, "", optional.root());
    // The demo agents of application.conf show a few keys; the agent schema has them all.
    kinds.keySet().removeIf(p -> p.startsWith(AGENTS + "[]"));
    kinds.put(AGENTS, KeyKind.OBJECT_LIST);
    for (AgentConfigSchema.Key k : AgentConfigSchema.KEYS) {
      kinds.put(AGENTS + "[]." + k.path(), agentKind(k.type()));
    }
    return new ConfigSchema(kinds);
  }

  private static void addDefaults(Map<String, KeyKind> kinds, String path, ConfigValue v) {
    KeyKind k = KeyKind.of(v);
    kinds.putIfAbsent(path, k);
    if (k == KeyKind.OBJECT) {
      ((ConfigObject) v).forEach((key, child) -> addDefaults(kinds, join(path, key), child));
    } else if (k == KeyKind.OBJECT_LIST) {
      for (ConfigValue e : (ConfigList) v) {
        ((ConfigObject) e).forEach((key, child) -> addDefaults(kinds, join(path + "[]", key), child));
      }
    }
  }

  private static void addOptional(Map<String, KeyKind> kinds, String path, ConfigObject o) {
    o.forEach((key, child) -> {
      String p = path.isEmpty() ? key : join(path, key);
      if (child.valueType() == ConfigValueType.OBJECT) {
        kinds.putIfAbsent(p, KeyKind.OBJECT);
        addOptional(kinds, p, (ConfigObject) child);
      } else {
        // A free-object here opens a block the defaults show some keys of; otherwise the kind a
        // default implies stays, so a key listed here by mistake cannot loosen its check.
        KeyKind named = KeyKind.named(String.valueOf(child.unwrapped()));
        // A fractional key whose default is integral (time-compression = 1.0) reads as a whole
        // number: Typesafe Config parses 1.0 as an int, so only this file can say it is a number.
        boolean fractional = named == KeyKind.NUMBER && kinds.get(p) == KeyKind.WHOLE_NUMBER;
        if (named == KeyKind.FREE_OBJECT || fractional) {
          kinds.put(p, named);
        } else {
          kinds.putIfAbsent(p, named);
        }
      }
    });
  }

  private static KeyKind agentKind(AgentConfigSchema.Type t) {
    return switch (t) {
      case STRING -> KeyKind.STRING;
      case STRING_LIST -> KeyKind.LIST;
      case WHOLE_NUMBER -> KeyKind.WHOLE_NUMBER;
      case OBJECT -> KeyKind.OBJECT;
      case FREE_OBJECT -> KeyKind.FREE_OBJECT;
    };
  }

  /** Appends a key to a path, quoting it when it holds a dot or other HOCON syntax. */
  static String join(String path, String key) {
    return path + "." + ConfigUtil.joinPath(key);
  }

  Optional<KeyKind> kind(String path) {
    return Optional.ofNullable(kinds.get(path));
  }

  /** The known keys directly under {@code parent}, e.g. {@code agents}, {@code data-dir} under {@code kis-trader}. */
  List<String> childrenOf(String parent) {
    String prefix = parent + ".";
    TreeSet<String> out = new TreeSet<>();
    for (String p : kinds.keySet()) {
      if (p.startsWith(prefix) && !p.substring(prefix.length()).contains(".")) {
        out.add(p.substring(prefix.length()));
      }
    }
    return List.copyOf(out);
  }

  /** Every known path, sorted (for documentation and tests). */
  public List<String> paths() {
    return List.copyOf(new TreeSet<>(kinds.keySet()));
  }
}
