package kis.engine.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import kis.actors.agent.AgentConfigSchema;
import kis.journal.AgentId;
import kis.journal.Symbol;
import kis.strategies.Strategy;
import kis.strategies.StrategyConfigException;
import kis.strategies.registry.StrategyRegistry;

/**
 * What the key check cannot see in {@code kis-trader.agents}: missing required keys, values under
 * their minimum (a negative limit would read as "no limit"), ids that are malformed or used twice,
 * symbols the exchange does not list, the strategy's own parameters (checked by the strategy,
 * every problem at once), and a strategy that trades a symbol its agent does not declare.
 */
final class AgentChecks {
  private final SymbolCatalog catalog;
  private final List<ConfigProblem> problems = new ArrayList<>();
  private final Map<AgentId, String> firstSeen = new HashMap<>();

  private AgentChecks(SymbolCatalog catalog) {
    this.catalog = catalog;
  }

  static List<ConfigProblem> check(Config effective, SymbolCatalog catalog) {
    AgentChecks a = new AgentChecks(catalog);
    if (effective.hasPath(ConfigSchema.AGENTS)
        && effective.getValue(ConfigSchema.AGENTS).valueType() == ConfigValueType.LIST) {
      ConfigList list = (ConfigList) effective.getValue(ConfigSchema.AGENTS);
      for (int i = 0; i < list.size(); i++) {
        if (list.get(i).valueType() == ConfigValueType.OBJECT) {
          a.agent(ConfigSchema.AGENTS + "[" + i + "]", (ConfigObject) list.get(i));
        }
      }
    }
    return a.problems;
  }

  private void agent(String path, ConfigObject block) {
    Config c = block.toConfig();
    for (AgentConfigSchema.Key k : AgentConfigSchema.KEYS) {
      if (k.required() && !c.hasPath(k.path())) {
        problems.add(ConfigProblem.at(path + "." + k.path(), block.origin(), "is required (" + k.doc() + ")"));
      } else if (k.type() == AgentConfigSchema.Type.WHOLE_NUMBER && c.hasPath(k.path())
          && KeyKind.WHOLE_NUMBER.problem(c.getValue(k.path())).isEmpty() && c.getLong(k.path()) < k.min()) {
        problems.add(ConfigProblem.at(path + "." + k.path(), c.getValue(k.path()).origin(),
            "must be at least " + k.min() + (k.min() == 0 ? " (0 or no key means no limit)" : "")
                + ", got " + c.getLong(k.path())));
      }
    }
    id(path, c);
    trading(path, block, c);
    Set<Symbol> declared = declaredSymbols(path, c);
    strategy(path, c, declared);
  }

  private void id(String path, Config c) {
    if (!isString(c, "id")) {
      return;
    }
    ConfigOrigin origin = c.getValue("id").origin();
    AgentId id;
    try {
      id = new AgentId(c.getString("id"));
    } catch (IllegalArgumentException e) {
      problems.add(ConfigProblem.at(path + ".id", origin, e.getMessage()));
      return;
    }
    String here = path + ConfigProblem.where(origin).map(o -> " (" + o + ")").orElse("");
    String first = firstSeen.putIfAbsent(id, here);
    if (first != null) {
      problems.add(ConfigProblem.at(path + ".id", origin, "duplicate agent id " + id.value()
          + ", already used by " + first + "; every agent needs its own id (its journal is Agent|<id>)"));
    }
  }

  /** The venue, market data and stop-limit choices: each one of its words, and a combination KIS takes. */
  private void trading(String path, ConfigObject block, Config c) {
    try {
      kis.actors.agent.AgentConfig.Trading.from(c);
    } catch (IllegalArgumentException | ConfigException e) {
      problems.add(ConfigProblem.at(path, block.origin(), e.getMessage()));
    }
  }

  /** The agent's symbols, each checked against the catalog; empty when they cannot be read. */
  private Set<Symbol> declaredSymbols(String path, Config c) {
    Set<Symbol> out = new LinkedHashSet<>();
    List<String> keys = new ArrayList<>(List.of("symbol"));
    if (c.hasPath("symbols") && c.getValue("symbols").valueType() == ConfigValueType.LIST) {
      ConfigList l = (ConfigList) c.getValue("symbols");
      for (int i = 0; i < l.size(); i++) {
        keys.add("symbols." + i);
      }
    }
    for (String key : keys) {
      ConfigValue v = key.equals("symbol") ? (c.hasPath("symbol") ? c.getValue("symbol") : null)
          : ((ConfigList) c.getValue("symbols")).get(Integer.parseInt(key.substring("symbols.".length())));
      String display = key.equals("symbol") ? path + ".symbol" : path + ".symbols[" + key.substring(8) + "]";
      if (v == null || v.valueType() != ConfigValueType.STRING && v.valueType() != ConfigValueType.NUMBER) {
        if (v != null && !key.equals("symbol")) {
          problems.add(ConfigProblem.at(display, v.origin(), "must be a string"));
        }
        continue;
      }
      Symbol s;
      try {
        s = Symbol.of(String.valueOf(v.unwrapped()));
      } catch (IllegalArgumentException e) {
        problems.add(ConfigProblem.at(display, v.origin(), e.getMessage()));
        continue;
      }
      if (!catalog.lists(s)) {
        problems.add(ConfigProblem.at(display, v.origin(), "unknown symbol " + s + ": not in " + catalog.describe()));
      }
      out.add(s);
    }
    return out;
  }

  private void strategy(String path, Config c, Set<Symbol> declared) {
    if (!isString(c, "strategy.name")) {
      return;
    }
    String name = c.getString("strategy.name");
    Config params = c.hasPath("strategy.params") && c.getValue("strategy.params").valueType() == ConfigValueType.OBJECT
        ? c.getConfig("strategy.params") : ConfigFactory.empty();
    Strategy s;
    try {
      s = StrategyRegistry.create(name, params);
    } catch (StrategyConfigException e) {
      for (String p : e.problems()) {
        problems.add(paramProblem(path, c, p, "strategy.name"));
      }
      return;
    } catch (ConfigException | IllegalArgumentException | IllegalStateException e) {
      problems.add(ConfigProblem.at(path + ".strategy", c.getValue("strategy.name").origin(),
          "strategy " + name + ": " + e.getMessage()));
      return;
    }
    Set<Symbol> undeclared = new TreeSet<>(s.symbols());
    undeclared.removeAll(declared);
    if (!undeclared.isEmpty() && !declared.isEmpty()) {
      ConfigOrigin at = c.hasPath("strategy.params") ? c.getValue("strategy.params").origin()
          : c.getValue("strategy.name").origin();
      problems.add(ConfigProblem.at(path + ".strategy.params", at, "strategy " + name + " trades " + undeclared
          + ", which this agent does not declare (it declares " + declared
          + "); set symbol, or list further symbols in symbols = [...]"));
    }
  }

  /** A problem the strategy reported as {@code strategy.params.KEY: message}, placed where KEY was written. */
  /**
   * @param typeKey where the block names its strategy: {@code strategy.name} in an agent, {@code strategy.type}
   *     in a backtest file
   */
  static ConfigProblem paramProblem(String path, Config c, String problem, String typeKey) {
    ConfigOrigin fallback = c.getValue(typeKey).origin();
    int colon = problem.indexOf(": ");
    String key = colon > 0 ? problem.substring(0, colon) : "strategy.params";
    String message = colon > 0 ? problem.substring(colon + 2) : problem;
    if (key.equals("type") || key.equals("name")) {
      key = typeKey;
    } else if (!key.startsWith("strategy.")) {
      key = "strategy.params." + key;
    }
    ConfigOrigin origin = hasPathSafely(c, key) ? c.getValue(key).origin()
        : c.hasPath("strategy.params") ? c.getValue("strategy.params").origin() : fallback;
    ConfigProblem out = ConfigProblem.at(path.isEmpty() ? key : path + "." + key, origin, message);
    int known = message.indexOf("(known: ");
    if (message.startsWith("unknown parameter") && known >= 0 && message.endsWith(")")) {
      List<String> names = List.of(message.substring(known + 8, message.length() - 1).split(",\\s*"));
      out = out.withSuggestion(Suggestions.nearest(key.substring(key.lastIndexOf('.') + 1), names));
    }
    return out;
  }

  private static boolean hasPathSafely(Config c, String path) {
    try {
      return c.hasPath(path);
    } catch (ConfigException.BadPath e) {
      return false;
    }
  }

  private static boolean isString(Config c, String path) {
    return c.hasPath(path) && c.getValue(path).valueType() != ConfigValueType.OBJECT
        && c.getValue(path).valueType() != ConfigValueType.LIST;
  }
}
