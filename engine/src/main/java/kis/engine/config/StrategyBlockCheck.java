package kis.engine.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.List;
import kis.strategies.StrategyConfigException;
import kis.strategies.registry.StrategyRegistry;

/**
 * The top-level {@code strategy { type, params }} block of a backtest file
 * ({@code strategies/examples/*.conf}): no other key (a misspelt {@code parmas} would run the
 * strategy on its defaults), and the parameters as the strategy itself checks them.
 */
public final class StrategyBlockCheck {
  static final List<String> KEYS = List.of("type", "params");

  private StrategyBlockCheck() {}

  /** The problems of {@code root}'s {@code strategy} block, its parameters included; none when it has no such block. */
  public static List<ConfigProblem> check(Config root) {
    List<ConfigProblem> out = keys(root);
    if (out.isEmpty() && root.hasPath("strategy.type")) {
      out.addAll(params(root));
    }
    return out;
  }

  /** Keys other than {@code type} and {@code params} in {@code root}'s {@code strategy} block. */
  public static List<ConfigProblem> keys(Config root) {
    List<ConfigProblem> out = new ArrayList<>();
    if (!root.hasPath("strategy")) {
      return out;
    }
    ConfigValue v = root.getValue("strategy");
    if (v.valueType() != ConfigValueType.OBJECT) {
      out.add(ConfigProblem.at("strategy", v.origin(), "must be a block { type = ..., params { ... } }"));
      return out;
    }
    ((ConfigObject) v).forEach((key, child) -> {
      if (!KEYS.contains(key)) {
        out.add(ConfigProblem.at(ConfigSchema.join("strategy", key), child.origin(), "unknown key")
            .withSuggestion(Suggestions.nearest(key, KEYS)));
      }
    });
    return out;
  }

  private static List<ConfigProblem> params(Config root) {
    List<ConfigProblem> out = new ArrayList<>();
    Config params = root.hasPath("strategy.params") && root.getValue("strategy.params").valueType() == ConfigValueType.OBJECT
        ? root.getConfig("strategy.params") : ConfigFactory.empty();
    try {
      StrategyRegistry.create(root.getString("strategy.type"), params);
    } catch (StrategyConfigException e) {
      for (String p : e.problems()) {
        out.add(AgentChecks.paramProblem("", root, p, "strategy.type"));
      }
    } catch (RuntimeException e) {
      out.add(ConfigProblem.at("strategy.type", root.getValue("strategy.type").origin(), e.getMessage()));
    }
    return out;
  }
}
